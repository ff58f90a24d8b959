/**
 * The demo portal in real headless Chromium with the built extension: every attachment gets the expected badge,
 * a badge opens the report (e-copy data, signatures, the exact signed revision), and page scripts cannot
 * restyle, read or fake a badge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readBadges, waitForBadges, type BadgeView } from '../../demo-portal/badges.js';
import type { Attachment } from '../../demo-portal/fixtures.js';
import { clickOpensPage, shot, skipE2e, startHarness, type Harness } from './helpers.js';

const VI_WORD: Record<string, string> = {
  valid: 'Hợp lệ',
  invalid: 'Không hợp lệ',
  indeterminate: 'Chưa xác định được',
  unsigned: 'Chưa ký',
  error: 'Lỗi',
};

describe.skipIf(skipE2e())('demo portal with the extension', () => {
  let h: Harness;
  let page: Page;
  let attachments: Attachment[];
  let settled: BadgeView[];
  const badgeFor = (name: string) => page.locator(`a.tep-dinh-kem[href$="${name}"] + saoy-badge`);

  beforeAll(async () => {
    h = await startHarness();
    attachments = h.fx.applications.flatMap((a) => a.attachments);
    page = await h.b.context.newPage();
    await page.goto(`${h.server.origin}/`);
    ({ badges: settled } = await waitForBadges(page, attachments.length));
  });
  afterAll(async () => h?.close());

  it('puts a badge with the expected verdict (colour state + icon + Vietnamese words) beside every attachment', async () => {
    expect(settled).toHaveLength(attachments.length);
    for (const a of attachments) {
      const b = settled.find((x) => x.href === a.href);
      expect(b, a.name).toBeDefined();
      expect(b?.state, a.name).toBe(a.expected);
      expect(b?.text.startsWith(VI_WORD[a.expected]), `${a.name}: ${b?.text}`).toBe(true);
      if (a.expectText) expect(b?.text, a.name).toContain(a.expectText);
      expect(b?.title, a.name).toMatch(/^saoy — /);
    }
    await page.waitForTimeout(200);
    const path = await shot(page, 'portal-badges.png');
    console.log(`screenshot: ${path}`);
  });

  it('error badges say in Vietnamese what went wrong (404, too large, another origin, broken file) in their tooltip', () => {
    const title = (name: string) => settled.find((b) => b.href.endsWith(name))?.title ?? '';
    expect(title('tep-da-bi-xoa.pdf')).toContain('HTTP 404');
    expect(title('ho-so-quet-rat-lon.pdf')).toContain('quá lớn');
    expect(title('may-chu-khong-phan-hoi.pdf')).toContain('máy chủ khác');
    expect(title('tep-bi-hong.pdf')).toContain('PDF');
  });

  it('clicking a valid badge opens the report page with the e-copy data and both signatures', async () => {
    const report = await clickOpensPage(h, page, () => badgeFor('ban-sao-bang-tot-nghiep-15.pdf').click());
    expect(report.url()).toMatch(new RegExp(`^chrome-extension://${h.b.extensionId}/extension/ui/report/index.html#[0-9a-f]{64}$`));
    await report.waitForSelector('#ecopy dd[data-field="certNo"]');
    const field = (f: string) => report.locator(`#ecopy dd[data-field="${f}"]`).innerText();
    expect(await field('certNo')).toBe('15');
    expect(await field('bookNo')).toBe('01/2026-SCT/BS');
    expect(await field('docName')).toBe('Bằng tốt nghiệp đại học');
    expect(await field('office')).toBe('Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa');
    expect(await field('certifier')).toBe('Nguyễn Thị Demo (DEMO)');
    expect(await field('authority')).toBe('UBND phường Hạc Thành (DEMO)');
    expect(await field('pageCount')).toBe('1');
    expect(await report.locator('#verdict [data-verdict]').getAttribute('data-verdict')).toBe('valid');
    expect(await report.locator('#verdict').innerText()).toContain('Hợp lệ');
    const sigs = report.locator('article.sig');
    expect(await sigs.count()).toBe(2);
    expect(await sigs.nth(0).innerText()).toContain('Nguyễn Thị Demo (DEMO)');
    expect(await sigs.nth(0).innerText()).toContain('Thử nghiệm (DEMO)'); // the trust list of the root
    expect(await sigs.nth(1).innerText()).toContain('UBND phường Hạc Thành (DEMO)');
    const path = await shot(report, 'report-valid.png');
    console.log(`screenshot: ${path}`);

    // "Open exactly the signed revision": the certifier's signature covers a strict prefix ending in %%EOF.
    const served = h.fx.files.get('/files/ban-sao-bang-tot-nghiep-15.pdf')?.body as Uint8Array;
    const blobPage = await clickOpensPage(h, report, () => report.locator('article.sig').nth(0).locator('button.open-signed').click());
    expect(blobPage.url()).toMatch(/^blob:chrome-extension:/);
    const bytes = await report.evaluate(async (u) => [...new Uint8Array(await (await fetch(u)).arrayBuffer())], blobPage.url());
    expect(bytes.length).toBeLessThan(served.length);
    expect(Buffer.from(bytes).equals(Buffer.from(served.subarray(0, bytes.length)))).toBe(true);
    expect(Buffer.from(bytes.slice(-7)).toString('latin1')).toMatch(/%%EOF\r?\n?$/);
    await blobPage.close();
    await report.close();
  });

  it('the report of a copy changed after signing names the disallowed change', async () => {
    const report = await clickOpensPage(h, page, () => badgeFor('ban-sao-can-cuoc-18.pdf').click());
    await report.waitForSelector('#verdict [data-verdict]');
    expect(await report.locator('#verdict [data-verdict]').getAttribute('data-verdict')).toBe('invalid');
    expect(await report.locator('#verdict').innerText()).toContain('sửa đổi sau khi ký');
    expect(await report.locator('.changes li[data-allowed="false"]').count()).toBeGreaterThan(0);
    const path = await shot(report, 'report-invalid.png');
    console.log(`screenshot: ${path}`);
    await report.close();
  });

  describe('a hostile page', () => {
    it('cannot read or open the badges from page JavaScript', async () => {
      const seen = await page.evaluate(() => {
        const hosts = [...document.querySelectorAll('saoy-badge')];
        let reattach = 'allowed';
        try {
          hosts[0]?.attachShadow({ mode: 'open' });
        } catch {
          reattach = 'refused';
        }
        return {
          count: hosts.length,
          shadowRoots: hosts.filter((x) => x.shadowRoot !== null).length,
          text: hosts.map((x) => x.textContent ?? '').join(''),
          reattach,
        };
      });
      expect(seen).toEqual({ count: settled.length, shadowRoots: 0, text: '', reattach: 'refused' });
    });

    it('cannot restyle, recolour or hide a badge with CSS, nor change its words', async () => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const style = async (nodeId: number) => {
        const { computedStyle } = (await cdp.send('CSS.getComputedStyleForNode', { nodeId })) as { computedStyle: { name: string; value: string }[] };
        const get = (n: string) => computedStyle.find((p) => p.name === n)?.value;
        return { color: get('color'), background: get('background-color'), font: get('font-size') };
      };
      const { readBadgesWith } = await import('../../demo-portal/badges.js');
      const before = (await readBadgesWith(cdp)).find((b) => b.href.endsWith('ban-sao-bang-diem-17.pdf')) as BadgeView;
      const styleBefore = await style(before.buttonNodeId);

      await page.evaluate(() => {
        const s = document.createElement('style');
        s.id = 'hostile-style';
        s.textContent =
          'saoy-badge, saoy-badge * { display: none !important; color: #0f0 !important; background: #0f0 !important; font-size: 0 !important;' +
          ' filter: hue-rotate(120deg) !important; opacity: 0 !important; visibility: hidden !important }';
        document.head.append(s);
        // Rewrite the light DOM of the "invalid" badge to say valid: nothing renders it (no slot).
        const a = document.querySelector('a[href$="ban-sao-bang-diem-17.pdf"]');
        const host = a?.nextElementSibling;
        if (host) host.textContent = '✓ Hợp lệ';
      });
      const after = (await readBadgesWith(cdp)).find((b) => b.href.endsWith('ban-sao-bang-diem-17.pdf')) as BadgeView;
      expect(after.text).toBe('Không hợp lệ · ban-sao-bang-diem-17.pdf');
      expect(after.state).toBe('invalid');
      expect(await style(after.buttonNodeId)).toEqual(styleBefore);
      const box = await page.locator('a[href$="ban-sao-bang-diem-17.pdf"] + saoy-badge').boundingBox();
      expect(box && box.width > 20 && box.height > 10).toBe(true);
      const host = await page.evaluate(() => {
        const el = document.querySelector('a[href$="ban-sao-bang-diem-17.pdf"] + saoy-badge') as HTMLElement;
        const cs = getComputedStyle(el);
        return { display: cs.display, opacity: cs.opacity, visibility: cs.visibility, filter: cs.filter };
      });
      expect(host).toEqual({ display: 'inline-block', opacity: '1', visibility: 'visible', filter: 'none' });
      await cdp.detach();
      const path = await shot(page, 'portal-after-restyle-attempt.png');
      console.log(`screenshot: ${path}`);
      await page.evaluate(() => document.getElementById('hostile-style')?.remove());
    });

    it('cannot replace a badge with a fake: the real one comes back, the fake is distinguishable and opens nothing', async () => {
      await page.evaluate(() => {
        const a = document.querySelector('a[href$="ban-sao-can-cuoc-18.pdf"]') as HTMLElement;
        a.nextElementSibling?.remove(); // drop the real (invalid) badge
        const fake = document.createElement('saoy-badge');
        const root = fake.attachShadow({ mode: 'open' });
        root.innerHTML = '<button style="color:#0b5a27;background:#e3f4e8;border:1.5px solid #2e9a4f;border-radius:11px;font:600 12.5px system-ui">✓ Hợp lệ</button>';
        fake.id = 'fake-badge';
        a.after(fake);
      });
      // The content script notices its badge was detached and puts it back beside the link.
      let views: BadgeView[] = [];
      for (let i = 0; i < 100; i++) {
        views = (await readBadges(page)).filter((b) => b.href.endsWith('ban-sao-can-cuoc-18.pdf'));
        if (views.some((v) => v.state === 'invalid')) break;
        await page.waitForTimeout(50);
      }
      expect(views.map((v) => v.state)).toContain('invalid');
      expect(await page.evaluate(() => document.getElementById('fake-badge')?.shadowRoot !== null)).toBe(true); // open: page-made

      // Clicking the fake opens no extension page; neither does a page-dispatched click on the real host,
      // nor a page trying to navigate to our report page itself.
      const pagesBefore = h.b.context.pages().length;
      await page.locator('#fake-badge').click();
      await page.evaluate(() => {
        for (const el of document.querySelectorAll('saoy-badge')) (el as HTMLElement).click();
      });
      const sha = '0'.repeat(64);
      const forged = await page.evaluate(async ([id, s]) => {
        const w = window.open(`chrome-extension://${id}/extension/ui/report/index.html#${s}`);
        await new Promise((r) => setTimeout(r, 500));
        try {
          return w?.location.href ?? 'blocked';
        } catch {
          return 'cross-origin';
        }
      }, [h.b.extensionId, sha] as const);
      await page.waitForTimeout(1000);
      const extPages = h.b.context.pages().filter((p) => p.url().includes('/extension/ui/report/'));
      for (const p of extPages) expect(await p.locator('#verdict').count(), `forged report page ${forged}`).toBe(0);
      expect(h.b.context.pages().length).toBeLessThanOrEqual(pagesBefore + 1); // at most the blocked window.open
      const path = await shot(page, 'portal-after-fake-badge.png');
      console.log(`screenshot: ${path}`);
    });
  });
});
