/**
 * Serving dist/web from Node (the demo server under /web/, the tests on their own): static files with the page's
 * CSP in the headers, nothing else. A share POST that reaches the server (no service worker yet) is not
 * accepted: the body is discarded and the browser sent to the page, which asks for the file again.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WEB_CSP_HEADER } from './csp.js';

export const WEB_DIST = resolve('dist/web');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Handles `prefix…` paths (e.g. "/web/"); false for anything else. */
export function serveWeb(req: IncomingMessage, res: ServerResponse, prefix = '/', dir = WEB_DIST): boolean {
  const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
  if (path === prefix.replace(/\/$/, '') && prefix !== '/') return void res.writeHead(301, { location: prefix }).end(), true;
  if (!path.startsWith(prefix)) return false;
  const rel = path.slice(prefix.length) || 'index.html';
  const headers = { 'content-security-policy': WEB_CSP_HEADER, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
  if (req.method === 'POST' && rel === 'share') {
    req.resume();
    return void res.writeHead(303, { ...headers, location: `${prefix}?shared=1` }).end(), true;
  }
  const file = normalize(join(dir, rel));
  if (req.method !== 'GET' || !file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
    return void res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('Không tìm thấy (404)'), true;
  }
  const ext = extname(file);
  // Hashed assets never change; pages and the service worker are checked every time (a new version is found).
  const cache = rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { ...headers, 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': cache });
  res.end(readFileSync(file));
  return true;
}

export interface WebServer {
  origin: string;
  close(): Promise<void>;
}

/** dist/web alone on 127.0.0.1 (tests, bench). */
export async function startWebServer(dir = WEB_DIST): Promise<WebServer> {
  const server: Server = createServer((req, res) => void serveWeb(req, res, '/', dir));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
