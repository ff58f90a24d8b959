/**
 * A hostile web server of the E2E attack tests: its own loopback port (never the portal's), pages and files
 * the test sets per path, and a log of every request it received (path and whether cookies came along), so a
 * test can prove the extension never asked it for anything.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Logged {
  path: string;
  cookie: boolean;
  /** The request's Sec-Fetch-Site / Origin headers: how a server tells the extension's fetch from a click. */
  site: string;
  origin: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface HostileServer {
  origin: string;
  port: number;
  log: Logged[];
  /** Serve `body` (HTML or bytes) at `path`, or run a handler. */
  route(path: string, h: Handler | { html: string } | { pdf: Uint8Array }): void;
  close(): Promise<void>;
}

export async function startHostileServer(): Promise<HostileServer> {
  const routes = new Map<string, Handler>();
  const log: Logged[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    log.push({ path, cookie: Boolean(req.headers.cookie), site: String(req.headers['sec-fetch-site'] ?? ''), origin: String(req.headers.origin ?? '') });
    const h = routes.get(path);
    if (h) return h(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    log,
    route(path, h) {
      if (typeof h === 'function') routes.set(path, h);
      else if ('html' in h) routes.set(path, (_q, s) => void s.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(h.html));
      else routes.set(path, (_q, s) => void s.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(h.pdf.length), 'cache-control': 'no-store' }).end(h.pdf));
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A page with the demo portal's markup (same selectors) listing `links`, one per row. */
export function portalLookalike(title: string, links: { href: string; name: string }[], extra = ''): string {
  const rows = links.map((l) => `<li style="margin:6px 0"><a class="tep-dinh-kem" href="${l.href}">${l.name}</a></li>`).join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title></head><body style="font:15px system-ui;margin:20px">
<h1>${title}</h1><div class="dvc-ho-so"><ul>${rows}</ul></div>${extra}</body></html>`;
}
