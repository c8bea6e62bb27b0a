import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../core/api/content-security-policy.js';
import { appFileFor, appResponseHeaders, isAllowedRequest, withCsp } from '../../electron/app-protocol.js';
import { REPO_ROOT } from '../support/paths.js';

const root = resolve('/opt/delineate/renderer/dist');

describe('electron/app-protocol.ts', () => {
  it('maps app:// URLs to files inside the renderer folder only', () => {
    expect(appFileFor('app://delineate/', 'GET', root)).toBe(join(root, 'index.html'));
    expect(appFileFor('app://delineate/assets/index-1.js', 'GET', root)).toBe(join(root, 'assets/index-1.js'));
    expect(appFileFor('app://delineate/..%2f..%2fetc/passwd', 'GET', root)).toBeNull();
    // URL parsing resolves an encoded '..' at the root to the root itself: still inside.
    expect(appFileFor('app://delineate/%2e%2e/secret', 'GET', root)).toBe(join(root, 'secret'));
    expect(appFileFor('app://other/index.html', 'GET', root)).toBeNull();
    expect(appFileFor('app://delineate/index.html', 'POST', root)).toBeNull();
    expect(appFileFor('app://delineate/%E0%A4%A', 'GET', root)).toBeNull();
  });

  it('serves every file with the one CSP, and adds it to every other response', () => {
    expect(appResponseHeaders('/x/index.html')).toMatchObject({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
    expect(withCsp({ 'content-security-policy': ['default-src *'], 'X-Other': ['1'] })).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('the CSP allows nothing remote, no inline script and no eval', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it("the renderer's meta CSP is the same policy (less frame-ancestors, which meta cannot carry)", () => {
    const html = readFileSync(join(REPO_ROOT, 'renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; '));
  });

  it('cancels requests to anything but the app: no remote content, nothing sent', () => {
    expect(isAllowedRequest('app://delineate/index.html')).toBe(true);
    expect(isAllowedRequest('https://update.example.com/latest')).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:1234/')).toBe(false);
    expect(isAllowedRequest('wss://telemetry.example.com/')).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd')).toBe(false);
  });
});
