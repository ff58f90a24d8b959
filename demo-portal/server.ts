/** A tiny HTTP server for the demo portal on 127.0.0.1 (used by `npm start`, the E2E tests and the bench). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PortalFixtures } from './fixtures.js';
import { serveWeb } from '../web/serve.js';
import { applicationsPage, benchPage, processingPage } from './pages.js';

export interface PortalServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  origin: string;
  /** Every path served, for printing. */
  paths: string[];
  close(): Promise<void>;
}

/** Declared size of the "huge" attachment: well above the extension's 100 MB limit. */
const HUGE_BYTES = 300 * 1024 * 1024;

/** A port nobody listens on (bound, then released), for the network-error link. */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export async function startPortalServer(fx: PortalFixtures, port = 0): Promise<PortalServer> {
  const pages = new Map<string, () => string>([
    ['/', () => applicationsPage(fx.applications)],
    ['/luu-tru', () => benchPage(fx.bench)],
    ...fx.applications.map((a) => [`/xu-ly/${a.code}`, () => processingPage(a)] as [string, () => string]),
  ]);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    // The verify page for phones (issue 17): dist/web, with its CSP headers.
    if (serveWeb(req, res, '/web/')) return;
    const page = pages.get(path);
    if (page) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page());
    if (path === '/files/root.pem') return void res.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(fx.rootPem);
    if (path === '/files/ho-so-quet-rat-lon.pdf') {
      // Declares 300 MB and trickles: the extension must refuse it from the header, not download it.
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(HUGE_BYTES) });
      res.write('%PDF-1.7\n');
      const timer = setInterval(() => res.write(new Uint8Array(64 * 1024)), 200);
      res.on('close', () => clearInterval(timer));
      return;
    }
    const file = fx.files.get(path);
    if (!file) return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Không tìm thấy tệp (404)');
    res.writeHead(200, { 'content-type': file.type, 'content-length': String(typeof file.body === 'string' ? Buffer.byteLength(file.body) : file.body.length) });
    res.end(file.body);
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    paths: [...pages.keys(), '/files/root.pem', '/files/ho-so-quet-rat-lon.pdf', ...fx.files.keys()],
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
