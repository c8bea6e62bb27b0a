import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../core/api/content-security-policy.js';
import { APP_HOST } from './app-origin.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

/**
 * The file an app:// request names inside the built renderer, or null (then 404). Only the app
 * host, only GET, never outside the renderer folder whatever `..` or encoded separators it holds.
 */
export function appFileFor(requestUrl: string, method: string, rendererDir: string): string | null {
  if (method !== 'GET') return null;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.host !== APP_HOST) return null;
  const root = resolve(rendererDir);
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
  } catch {
    return null;
  }
  const file = resolve(root, relative);
  return file.startsWith(root + sep) ? file : null;
}

/** Headers of an app:// response: its type and the one Content-Security-Policy. */
export function appResponseHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
  };
}

/** Response headers with the CSP added, for every response the session sees (devtools pages aside). */
export function withCsp(headers: Record<string, string | string[]> | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() !== 'content-security-policy') out[k] = v;
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}

/** Requests to anything but the app's own files are cancelled: no remote content, nothing sent. */
export function isAllowedRequest(url: string): boolean {
  return url.startsWith('app://') || url.startsWith('devtools://') || url.startsWith('data:') || url.startsWith('blob:');
}
