import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VolumePayload } from '../../core/api/contract.js';
import { decodeEnvelope, ENVELOPE_CONTENT_TYPE } from '../../core/api/envelope.js';
import type { WebHost } from '../../core/api/web-host.js';
import { startWebHost } from '../../core/api/web-host.js';
import { fakeBackend } from './support-fake-backend.js';

/** core/api/web-host.ts: loopback only, token on every request, binary volumes, SSE progress. */
const staticDir = mkdtempSync(join(tmpdir(), 'delineate-static-'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
writeFileSync(join(tmpdir(), 'delineate-outside.txt'), 'secret');
const voxels = new Int16Array([1, -2, 3, -4, 5, -6]).buffer;
const backend = fakeBackend({
  listPatients: () => Promise.resolve([]),
  loadVolume: () => Promise.resolve({ meta: { dims: [1, 2, 3] } as unknown as VolumePayload['meta'], voxels }),
  listStudies: () => Promise.reject(new Error('store closed')),
});
let host: WebHost;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function call(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const auth = (): Record<string, string> => ({ 'x-delineate-token': host.token, 'content-type': 'application/json' });

beforeAll(async () => {
  host = await startWebHost({ backend, staticDir });
});
afterAll(async () => {
  await host.close();
});

describe('web host', () => {
  it('listens on 127.0.0.1 with a random port and a long random token in its one URL', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{43}$`));
    expect(host.port).toBeGreaterThan(0);
  });

  it('refuses every request without the token, static files included', async () => {
    expect((await call('/')).status).toBe(401);
    expect((await call('/api/listPatients', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await call('/api/events')).status).toBe(401);
    expect((await call(`/?token=${host.token}x`)).status).toBe(401);
  });

  it('serves the UI with the token and sets an HttpOnly SameSite cookie for its assets', async () => {
    const page = await call(`/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(String(page.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    expect((await call('/index.html', { headers: { cookie } })).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding) and a cross-origin POST', async () => {
    expect((await call(`/?token=${host.token}`, { headers: { host: `evil.example:${host.port}` } })).status).toBe(421);
    const post = await call('/api/listPatients', { method: 'POST', body: '{}', headers: { ...auth(), origin: 'http://evil.example' } });
    expect(post.status).toBe(403);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../delineate-outside.txt', '/%2e%2e/delineate-outside.txt', '/..%2fdelineate-outside.txt']) {
      const r = await call(`${path}`, { headers: { 'x-delineate-token': host.token } });
      expect(r.status, path).toBe(404);
    }
  });

  it('answers API calls as JSON outcomes, refuses unknown methods and malformed requests', async () => {
    const ok = await call('/api/listPatients', { method: 'POST', body: '{}', headers: auth() });
    expect(JSON.parse(ok.body.toString())).toEqual({ ok: true, value: [] });
    const failed = await call('/api/listStudies', { method: 'POST', body: '{"patientId":"P"}', headers: auth() });
    expect(JSON.parse(failed.body.toString())).toEqual({ ok: false, error: { name: 'Error', message: 'store closed' } });
    expect((await call('/api/deleteEverything', { method: 'POST', body: '{}', headers: auth() })).status).toBe(404);
    expect((await call('/api/listStudies', { method: 'POST', body: '{"patientId":3}', headers: auth() })).status).toBe(400);
    expect((await call('/api/listStudies', { method: 'POST', body: '{"patientId":"P","x":1}', headers: auth() })).status).toBe(400);
    expect((await call('/api/listPatients', { method: 'GET', headers: auth() })).status).toBe(405);
  });

  it('sends volumes as a binary envelope, bytes unchanged', async () => {
    const r = await call('/api/loadVolume', { method: 'POST', body: '{"jobId":"j","seriesUid":"1.2"}', headers: auth() });
    expect(r.headers['content-type']).toBe(ENVELOPE_CONTENT_TYPE);
    const bytes = r.body.buffer.slice(r.body.byteOffset, r.body.byteOffset + r.body.byteLength) as ArrayBuffer;
    const outcome = decodeEnvelope(bytes) as { ok: true; value: VolumePayload };
    expect(outcome.ok).toBe(true);
    expect([...new Int16Array(outcome.value.voxels)]).toEqual([1, -2, 3, -4, 5, -6]);
    expect(outcome.value.meta.dims).toEqual([1, 2, 3]);
  });

  it('streams progress events to an authenticated event source', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: host.port, path: `/api/events?token=${host.token}` }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream');
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
          if (text.includes(': connected')) backend.emit({ type: 'progress', jobId: 'j1', progress: { task: 'load', planesDone: 1, planesTotal: 2 } });
          const frame = /data: (.*)\n\n/.exec(text);
          if (frame) {
            resolve(frame[1]!);
            req.destroy();
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(await received)).toEqual({ type: 'progress', jobId: 'j1', progress: { task: 'load', planesDone: 1, planesTotal: 2 } });
  });
});
