import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import type { Backend } from './backend.js';
import { CONTENT_SECURITY_POLICY } from './content-security-policy.js';
import type { ApiEvent, ApiFailure, ApiMethod, ApiOutcome } from './contract.js';
import { ENVELOPE_CONTENT_TYPE, encodeEnvelope, holdsBinary } from './envelope.js';
import { ApiRequestError, isApiMethod, validateRequest } from './request-schema.js';

/**
 * The UI and the API table over HTTP on the loopback interface, so the renderer runs in any
 * Chromium against the real backend (UI tests, a machine without the Electron binary).
 *
 * Exposure is limited the way Jupyter limits its server: bound to 127.0.0.1 only; a random
 * per-launch token (256 bits) is required on every request (query `token`, header
 * `x-delineate-token` or the HttpOnly cookie set when the page was opened with the token);
 * the Host header must name the loopback address (against DNS rebinding); a cross-origin POST
 * is refused. The API is POST /api/<method> with a JSON request; a response holding an
 * ArrayBuffer (volumes, masks) comes as a binary envelope (envelope.ts), anything else as JSON.
 * Progress events stream from GET /api/events (server-sent events).
 */
export interface WebHostOptions {
  readonly backend: Backend;
  /** The built renderer (renderer/dist). */
  readonly staticDir: string;
  /** 0 (default): a free port chosen by the system. */
  readonly port?: number;
  /** For tests; default 32 random bytes. */
  readonly token?: string;
}

export interface WebHost {
  /** The address to open, token included. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const MAX_BODY_BYTES = 1 << 20;
const HEARTBEAT_MS = 15_000;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function plain(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${message}\n`);
}

function failureOf(error: unknown): ApiFailure {
  if (error instanceof Error || error instanceof DOMException) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiRequestError('request too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function cookieToken(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const staticRoot = resolve(options.staticDir);
  if (!existsSync(join(staticRoot, 'index.html'))) {
    throw new Error(`the renderer is not built: ${join(staticRoot, 'index.html')} is missing (run npm run build:renderer)`);
  }
  let port = 0;
  // The cookie name carries the port: two hosts on one machine must not overwrite each other's.
  const cookieName = (): string => `delineate_token_${port}`;
  const sameToken = (given: string | undefined): boolean => {
    if (given === undefined) return false;
    const b = Buffer.from(given);
    return b.length === tokenBytes.length && timingSafeEqual(b, tokenBytes);
  };
  const allowedHosts = (): string[] => [`${LOOPBACK}:${port}`, `localhost:${port}`];
  const streams = new Set<ServerResponse>();

  const unsubscribe = options.backend.onEvent((event: ApiEvent) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const s of streams) s.write(frame);
  });

  async function handleApi(method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isApiMethod(method)) return plain(res, 404, `unknown method ${method}`);
    let outcome: ApiOutcome<ApiMethod>;
    try {
      const body = await readBody(req);
      const request: unknown = body === '' ? {} : JSON.parse(body);
      const valid = validateRequest(method, request);
      // The table is typed per method; the validated request is that method's by construction.
      const call = options.backend.api[method] as (r: unknown) => Promise<unknown>;
      outcome = { ok: true, value: (await call(valid)) as never };
    } catch (error) {
      if (error instanceof SyntaxError || error instanceof ApiRequestError) return plain(res, 400, error.message);
      outcome = { ok: false, error: failureOf(error) };
    }
    if (holdsBinary(outcome)) {
      const chunks = encodeEnvelope(outcome);
      const length = chunks.reduce((n, c) => n + c.byteLength, 0);
      res.writeHead(200, { 'Content-Type': ENVELOPE_CONTENT_TYPE, 'Content-Length': length, 'Cache-Control': 'no-store' });
      for (const c of chunks) res.write(c);
      res.end();
    } else {
      const json = JSON.stringify(outcome);
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json), 'Cache-Control': 'no-store' });
      res.end(json);
    }
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      streams.delete(res);
    });
  }

  function handleStatic(pathname: string, res: ServerResponse): void {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
    const file = resolve(staticRoot, relative);
    // Never outside the renderer's folder, whatever `..` or encoded separators the path holds.
    if (file !== staticRoot && !file.startsWith(staticRoot + sep)) return plain(res, 404, 'not found');
    if (!existsSync(file) || !statSync(file).isFile()) return plain(res, 404, 'not found');
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
      'Cache-Control': 'no-cache',
    });
    createReadStream(file).pipe(res);
  }

  const server: Server = createServer((req, res) => {
    securityHeaders(res);
    const host = req.headers.host ?? '';
    if (!allowedHosts().includes(host)) return plain(res, 421, 'this server answers only on the loopback address');
    const url = new URL(req.url ?? '/', `http://${host}`);
    const queryToken = url.searchParams.get('token') ?? undefined;
    const headerToken = typeof req.headers['x-delineate-token'] === 'string' ? req.headers['x-delineate-token'] : undefined;
    if (!(sameToken(queryToken) || sameToken(headerToken) || sameToken(cookieToken(req, cookieName())))) {
      return plain(res, 401, 'a valid token is required: open the address that `delineate serve` printed');
    }
    if (sameToken(queryToken)) res.setHeader('Set-Cookie', `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    const origin = req.headers.origin;
    if (req.method === 'POST' && origin !== undefined && !allowedHosts().some((h) => origin === `http://${h}`)) {
      return plain(res, 403, 'cross-origin requests are refused');
    }
    if (url.pathname === '/api/events' && req.method === 'GET') return handleEvents(req, res);
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return plain(res, 405, 'API calls are POST');
      handleApi(url.pathname.slice('/api/'.length), req, res).catch((error: unknown) => {
        if (!res.headersSent) plain(res, 500, failureOf(error).message);
        else res.destroy();
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'method not allowed');
    handleStatic(url.pathname, res);
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        unsubscribe();
        for (const s of streams) s.end();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
