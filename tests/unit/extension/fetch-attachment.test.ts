/** Attachment download: every failure is named (HTTP status, too large, network, timeout), nothing hangs. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchAttachment } from '../../../extension/services/fetch-attachment.js';
import { closedPort } from '../../../demo-portal/server.js';

let server: Server;
let other: Server;
let base = '';
let elsewhere = '';
let elsewhereHits = 0;
beforeAll(async () => {
  other = createServer((_req, res) => void (elsewhereHits++, res.writeHead(200).end('%PDF-1.7')));
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  elsewhere = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  server = createServer((req, res) => {
    switch (req.url) {
      case '/ok.pdf':
        return void res.writeHead(200, { 'content-length': '8' }).end('%PDF-1.7');
      case '/declared-huge.pdf':
        res.writeHead(200, { 'content-length': String(500_000_000) });
        return void res.write('%PDF');
      case '/streamed-huge.pdf': {
        res.writeHead(200); // chunked, no length: the limit must hold while reading
        const t = setInterval(() => res.write(new Uint8Array(16 * 1024)), 5);
        return void res.on('close', () => clearInterval(t));
      }
      case '/slow.pdf':
        return; // never answers
      case '/redirect.pdf':
        return void res.writeHead(302, { location: `${elsewhere}/x.pdf` }).end();
      case '/forbidden.pdf':
        return void res.writeHead(403).end();
      default:
        return void res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  other.close();
  server.closeAllConnections();
  server.close();
});

const limits = { timeoutMs: 1000, maxBytes: 100_000 };

describe('fetchAttachment', () => {
  it('returns the bytes', async () => {
    const r = await fetchAttachment(`${base}/ok.pdf`, limits);
    expect(r.ok && new TextDecoder().decode(r.bytes)).toBe('%PDF-1.7');
  });
  it('names HTTP errors with their status', async () => {
    expect(await fetchAttachment(`${base}/missing.pdf`, limits)).toEqual({ ok: false, kind: 'HTTP', status: 404 });
    expect(await fetchAttachment(`${base}/forbidden.pdf`, limits)).toEqual({ ok: false, kind: 'HTTP', status: 403 });
  });
  it('refuses a file declared too large without reading it, and one that grows too large while read', async () => {
    expect(await fetchAttachment(`${base}/declared-huge.pdf`, limits)).toEqual({ ok: false, kind: 'TOO_LARGE' });
    expect(await fetchAttachment(`${base}/streamed-huge.pdf`, limits)).toEqual({ ok: false, kind: 'TOO_LARGE' });
  });
  it('says "network" for a refused connection and "timeout" for a server that never answers', async () => {
    expect(await fetchAttachment(`http://127.0.0.1:${await closedPort()}/x.pdf`, limits)).toEqual({ ok: false, kind: 'NETWORK' });
    expect(await fetchAttachment(`${base}/slow.pdf`, { ...limits, timeoutMs: 300 })).toEqual({ ok: false, kind: 'TIMEOUT' });
  });
  it('never follows a redirect: the other origin is not even requested', async () => {
    expect(await fetchAttachment(`${base}/redirect.pdf`, limits)).toEqual({ ok: false, kind: 'REDIRECT' });
    expect(elsewhereHits).toBe(0);
  });
  it('refuses non-http URLs and URLs with credentials', async () => {
    for (const u of ['file:///etc/passwd', 'chrome://settings', 'https://u:p@x.gov.vn/a.pdf', 'nonsense']) {
      expect(await fetchAttachment(u, limits)).toEqual({ ok: false, kind: 'BAD_URL' });
    }
  });
});
