/**
 * Attack 5 of issue 12 ("fetching for the page, leaking results"), in real Chromium with the built extension:
 * hostile pages on their own loopback servers try to make the extension fetch other ports with cookies,
 * follow a redirect to an origin the page has no business with, and tell failures apart by the badge's size.
 * Before the fix (adapters matched any port, credentials always, redirect: 'follow', one badge text per
 * failure) each of these worked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDemoPortal } from '../../demo-portal/browser.js';
import { readBadges, waitForBadges } from '../../demo-portal/badges.js';
import { closedPort } from '../../demo-portal/server.js';
import { portalLookalike, startHostileServer, type HostileServer } from './hostile-server.js';
import { shot, skipE2e, startHarness, type Harness } from './helpers.js';

describe.skipIf(skipE2e())('a hostile page cannot use the extension to fetch for it or to scan', () => {
  let h: Harness;
  let hostile: HostileServer;
  let victim: HostileServer;
  const valid = () => h.fx.files.get('/files/ban-sao-bang-tot-nghiep-15.pdf')?.body as Uint8Array;

  beforeAll(async () => {
    h = await startHarness();
    hostile = await startHostileServer();
    victim = await startHostileServer(); // another local service, e.g. a router admin page on another port
    victim.route('/files/tep.pdf', { pdf: valid() });
  });
  afterAll(async () => {
    await h?.close();
    await hostile?.close();
    await victim?.close();
  });

  it('a page on another port of the portal host gets no badges and makes the extension fetch nothing', async () => {
    hostile.route('/', {
      html: portalLookalike('Hồ sơ trực tuyến — Cổng dịch vụ công', [
        { href: `${h.server.origin}/files/ban-sao-bang-tot-nghiep-15.pdf`, name: 'bằng tốt nghiệp (cổng thật)' },
        { href: `${victim.origin}/files/tep.pdf`, name: 'dịch vụ khác trên máy' },
      ]),
    });
    const page = await h.b.context.newPage();
    // The user is logged in to the real portal: a cookie for 127.0.0.1 (cookies ignore ports).
    await page.goto(`${h.server.origin}/`);
    await page.evaluate(() => (document.cookie = 'phien=bi-mat; path=/'));
    await page.goto(`${hostile.origin}/`);
    await page.waitForTimeout(2500);
    expect(await readBadges(page)).toEqual([]);
    expect(victim.log).toEqual([]);
    await page.close();
  });

  describe('inside a registered portal whose page turned hostile', () => {
    let page: Page;
    let refused: number;

    beforeAll(async () => {
      refused = await closedPort();
      // A redirect from the portal's own origin to the other service.
      hostile.route('/chuyen/tep.pdf', (_q, s) => void s.writeHead(302, { location: `${victim.origin}/files/tep.pdf` }).end());
      hostile.route('/loi/tep.pdf', (_q, s) => void s.writeHead(500).end());
      hostile.route('/cham/tep.pdf', (_q, s) => void s.writeHead(403).end());
      hostile.route('/quet', {
        html: portalLookalike('Quét cổng', [
          { href: `${victim.origin}/files/tep.pdf`, name: 'cổng khác, tệp có thật' },
          { href: `${victim.origin}/khong/tep.pdf`, name: 'cổng khác, 404' },
          { href: `http://127.0.0.1:${refused}/tep.pdf`, name: 'cổng đóng' },
          { href: `${hostile.origin}/chuyen/tep.pdf`, name: 'chuyển hướng sang cổng khác' },
          { href: `${hostile.origin}/khong-co/tep.pdf`, name: 'cùng nguồn, 404' },
          { href: `${hostile.origin}/loi/tep.pdf`, name: 'cùng nguồn, 500' },
          { href: `${hostile.origin}/cham/tep.pdf`, name: 'cùng nguồn, 403' },
        ]),
      });
      await addDemoPortal(h.b, hostile.origin);
      page = await h.b.context.newPage();
      await page.goto(`${hostile.origin}/quet`);
      await waitForBadges(page, 7, 60_000);
    });

    it('other ports are never requested, not even through a redirect from the portal itself', () => {
      expect(victim.log).toEqual([]);
      // The portal's own files were asked for (with its cookies), each once.
      const own = hostile.log.filter((l) => l.path.endsWith('/tep.pdf')).map((l) => l.path).sort();
      expect(own).toEqual(['/cham/tep.pdf', '/chuyen/tep.pdf', '/khong-co/tep.pdf', '/loi/tep.pdf']);
    });

    it('every failure shows the same words and the same size: nothing to tell them apart by', async () => {
      const badges = await readBadges(page);
      expect(badges).toHaveLength(7);
      expect(new Set(badges.map((b) => b.state))).toEqual(new Set(['error']));
      expect(new Set(badges.map((b) => b.text))).toEqual(new Set(['Lỗi: không tải được']));
      // What the page itself can measure: the badge hosts' boxes.
      const sizes = await page.evaluate(() => [...document.querySelectorAll('saoy-badge')].map((b) => `${b.getBoundingClientRect().width}x${b.getBoundingClientRect().height}`));
      expect(new Set(sizes).size, sizes.join(' ')).toBe(1);
      // The user still learns why from the tooltip (which the page cannot read).
      expect(badges.find((b) => b.href.includes('/chuyen/'))?.title).toContain('chuyển hướng');
      expect(badges.find((b) => b.href.startsWith(victim.origin))?.title).toContain('máy chủ khác');
      await shot(page, 'attack-origins-badges.png');
    });
  });
});
