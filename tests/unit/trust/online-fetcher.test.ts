/** The online check's fetcher against a loopback server: size cap, timeout, no redirects, HTTP errors. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFetcher } from '../../../core/pki/online/fetcher.js';
import { certificateUrls } from '../../../core/pki/online/urls.js';
import { makeRoot } from '../../helpers/pki-pool.js';

describe('httpFetcher', () => {
  let server: Server;
  let base: string;
  const seen: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.url === '/big') return res.end(Buffer.alloc(2 << 20, 1));
      if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2000);
      if (req.url === '/redirect') {
        res.statusCode = 302;
        res.setHeader('location', '/elsewhere');
        return res.end();
      }
      if (req.url === '/ok') return res.end(Buffer.from([1, 2, 3]));
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const f = httpFetcher({ timeoutMs: 300, maxBytes: 1 << 20 });

  it('fetches, and POSTs a body when given one', async () => {
    expect(await f({ url: `${base}/ok` })).toEqual(Uint8Array.of(1, 2, 3));
    await f({ url: `${base}/ok`, body: Uint8Array.of(9), contentType: 'application/ocsp-request' });
    expect(seen.slice(-2)).toEqual(['GET /ok', 'POST /ok']);
  });

  it('refuses an answer over the size cap, a slow server, a redirect (never following it) and an HTTP error', async () => {
    await expect(f({ url: `${base}/big` })).rejects.toThrow(/larger than 1048576 bytes/);
    await expect(f({ url: `${base}/slow` })).rejects.toThrow(/no answer within 300 ms/);
    await expect(f({ url: `${base}/redirect` })).rejects.toThrow();
    expect(seen).not.toContain('GET /elsewhere');
    await expect(f({ url: `${base}/missing` })).rejects.toThrow(/HTTP 404/);
  });

  it('a certificate without URLs names nothing to fetch', async () => {
    expect(certificateUrls((await makeRoot()).certificate)).toEqual({ crl: [], ocsp: [], caIssuers: [] });
  });
});
