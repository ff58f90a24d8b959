/**
 * Attack 3 of issue 12 ("bait-and-switch"), in real Chromium with the built extension: a hostile portal server
 * (its own loopback port, registered as a portal) recognises the extension's fetch by its request headers and
 * serves it a valid copy, while the user's own click on the link gets a forged one. The badge's report must
 * hand the user exactly the verified bytes ("Tải bản đã kiểm tra") and say that the link may serve something
 * else. Before the fix, the report had no way to get the verified bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDemoPortal } from '../../demo-portal/browser.js';
import { waitForBadges } from '../../demo-portal/badges.js';
import { startHostileServer, type HostileServer } from './hostile-server.js';
import { clickOpensPage, shot, skipE2e, startHarness, type Harness } from './helpers.js';

describe.skipIf(skipE2e())('bait-and-switch: the bytes the user saves are the bytes that were verified', () => {
  let h: Harness;
  let hostile: HostileServer;
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

  beforeAll(async () => {
    h = await startHarness();
    hostile = await startHostileServer();
  });
  afterAll(async () => {
    await h?.close();
    await hostile?.close();
  });

  it('the badge says valid, the link serves a forgery, the report saves exactly the verified copy', async () => {
    const valid = h.fx.files.get('/files/ban-sao-bang-tot-nghiep-15.pdf')?.body as Uint8Array;
    const forged = h.fx.files.get('/files/ban-sao-can-cuoc-18.pdf')?.body as Uint8Array;
    hostile.route('/files/bang-tot-nghiep.pdf', (req, res) => {
      // A navigation (the user's click) gets the forgery; anything else (the extension's fetch) the real copy.
      const body = req.headers['sec-fetch-mode'] === 'navigate' ? forged : valid;
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(body.length), 'cache-control': 'no-store' }).end(body);
    });
    hostile.route('/', {
      html: `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Hồ sơ</title></head><body style="margin:20px;font:15px system-ui">
<div class="dvc-ho-so"><p><a class="tep-dinh-kem" href="/files/bang-tot-nghiep.pdf">bang-tot-nghiep.pdf</a></p></div></body></html>`,
    });
    await addDemoPortal(h.b, hostile.origin);
    const page = await h.b.context.newPage();
    await page.goto(`${hostile.origin}/`);
    const { badges } = await waitForBadges(page, 1, 60_000);
    expect(badges[0].state).toBe('valid');

    // What the link gives a user who opens it: the forgery.
    const clicked = await new Promise<Uint8Array>((resolve, reject) =>
      get(`${hostile.origin}/files/bang-tot-nghiep.pdf`, { headers: { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      }).on('error', reject),
    );
    expect(sha(clicked)).toBe(sha(forged));

    const report = await clickOpensPage(h, page, () => page.locator('saoy-badge').click());
    await report.waitForSelector('#download-verified');
    expect(await report.locator('#verdict [data-verdict]').getAttribute('data-verdict')).toBe('valid');
    expect(await report.locator('#link-may-differ').innerText()).toContain('có thể trả về một tệp khác');
    const download = report.waitForEvent('download');
    await report.click('#download-verified');
    const saved = new Uint8Array(readFileSync((await (await download).path()) as string));
    expect(sha(saved)).toBe(sha(valid));
    expect(sha(saved)).toBe(report.url().split('#')[1]);
    expect(sha(saved)).not.toBe(sha(forged));
    await shot(report, 'attack-switch-report.png');
  });

  it('behind a login (session cookie): the report saves the verified bytes too, the re-fetch carrying the cookie as the check did', async () => {
    // Before the fix the report re-fetched without cookies: a portal behind a login answered 403 and the user
    // could not save the bytes the badge had verified.
    const valid = h.fx.files.get('/files/ban-sao-giay-khai-sinh-16.pdf')?.body as Uint8Array;
    const login = await startHostileServer();
    try {
      login.route('/', (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'set-cookie': 'phien=dang-nhap; Path=/; HttpOnly; SameSite=Lax' }).end(
          `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Hồ sơ</title></head><body><div class="dvc-ho-so"><p><a class="tep-dinh-kem" href="/files/ho-so.pdf">ho-so.pdf</a></p></div></body></html>`,
        );
      });
      login.route('/files/ho-so.pdf', (req, res) => {
        if (!/(?:^|;\s*)phien=dang-nhap(?:;|$)/.test(req.headers.cookie ?? '')) return void res.writeHead(403, { 'content-type': 'text/plain' }).end('đăng nhập');
        res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(valid.length), 'cache-control': 'no-store' }).end(valid);
      });
      await addDemoPortal(h.b, login.origin);
      const page = await h.b.context.newPage();
      await page.goto(`${login.origin}/`);
      const { badges } = await waitForBadges(page, 1, 60_000);
      expect(badges[0].state).toBe('valid');
      const report = await clickOpensPage(h, page, () => page.locator('saoy-badge').click());
      await report.waitForSelector('#download-verified');
      const before = login.log.filter((l) => l.path === '/files/ho-so.pdf').length;
      const download = report.waitForEvent('download');
      await report.click('#download-verified');
      const saved = new Uint8Array(readFileSync((await (await download).path()) as string));
      expect(sha(saved)).toBe(sha(valid));
      const refetch = login.log.filter((l) => l.path === '/files/ho-so.pdf').slice(before);
      expect(refetch.length).toBeGreaterThanOrEqual(1);
      expect(refetch.every((l) => l.cookie)).toBe(true);
      await report.close();
      await page.close();
    } finally {
      await login.close();
    }
  });
});
