/**
 * UX defects of issue 12 on the report page, in real Chromium with the built extension: the monospace face
 * covers Vietnamese (it ships with the extension; system monospace fonts often lack ệ, ữ, ở…), a byte-flipped
 * copy says its e-copy data could not be read (not "no e-copy data"), and reason codes sit in a folded
 * technical section instead of in the Vietnamese sentences. A copy whose page was replaced after signing: its
 * change list names objects in Vietnamese ("đối tượng 13 (ô chữ ký …)", not core's English "object 13
 * (signature field …)"), and no ECOPY_… code shows anywhere outside the folded technical section.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { waitForBadges } from '../../demo-portal/badges.js';
import { clickOpensPage, shot, skipE2e, startHarness, type Harness } from './helpers.js';

describe.skipIf(skipE2e())('report page: Vietnamese everywhere, honest about unreadable data', () => {
  let h: Harness;
  let report: Page;

  beforeAll(async () => {
    h = await startHarness();
    const page = await h.b.context.newPage();
    await page.goto(`${h.server.origin}/`);
    await waitForBadges(page, 10);
    report = await clickOpensPage(h, page, () => page.locator('a.tep-dinh-kem[href$="ban-sao-bang-diem-17.pdf"] + saoy-badge').click());
    await report.waitForSelector('#verdict [data-verdict="invalid"]');
  });
  afterAll(async () => h?.close());

  it('a byte-flipped copy: "could not read the e-copy data", not "no e-copy data"', async () => {
    expect(await report.getAttribute('#ecopy-absent', 'data-why')).toBe('unreadable');
    expect(await report.locator('#ecopy-absent').innerText()).toContain('Không đọc được dữ liệu bản sao điện tử');
  });

  it('reason codes are folded away in a technical section; the sentences carry none', async () => {
    const reasons = await report.locator('#details ul.reasons').innerText();
    expect(reasons).not.toMatch(/\b[A-Z]+_[A-Z_]+\b/);
    expect(await report.locator('#tech-codes').getAttribute('open')).toBeNull();
    expect(await report.locator('#tech-codes p').textContent()).toMatch(/\b[A-Z]+_[A-Z_]+\b/);
    await shot(report, 'report-ux-invalid.png');
  });

  it('monospace text renders Vietnamese with the shipped face, every glyph from it', async () => {
    await report.evaluate(() => {
      const s = document.createElement('span');
      s.className = 'mono';
      s.id = 'vi-mono';
      s.textContent = 'Chứng thực bản sao ệ ữ ở ặ đ Ễ — 0123abcd';
      document.body.append(s);
    });
    await report.evaluate(() => document.fonts.ready);
    const cdp = await report.context().newCDPSession(report);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = (await cdp.send('DOM.getDocument')) as { root: { nodeId: number } };
    const { nodeId } = (await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#vi-mono' })) as { nodeId: number };
    const { fonts } = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })) as { fonts: { familyName: string; isCustomFont: boolean; glyphCount: number }[] };
    expect(fonts).toHaveLength(1);
    expect(fonts[0]).toMatchObject({ familyName: 'DejaVu Sans Mono', isCustomFont: true });
    await cdp.detach();
  });

  it('a page replaced after signing: the change list is Vietnamese, and no code shows outside the technical section', async () => {
    const portal = await h.b.context.newPage();
    await portal.goto(`${h.server.origin}/`);
    await waitForBadges(portal, 10);
    const r = await clickOpensPage(h, portal, () => portal.locator('a.tep-dinh-kem[href$="ban-sao-can-cuoc-18.pdf"] + saoy-badge').click());
    await r.waitForSelector('#verdict [data-verdict="invalid"]');
    const changes = await r.locator('ul.changes li').allInnerTexts();
    expect(changes.length).toBeGreaterThan(0);
    const joined = changes.join('\n');
    expect(joined).toContain('đối tượng');
    expect(joined).toContain('ô chữ ký "saoy_authority"');
    expect(joined).not.toMatch(/\bobject\b|signature field|\bpage \d/);
    // Every code of the report, e-copy checks included, is in the folded section, and nowhere else.
    for (const page of [r, report]) {
      const tech = (await page.locator('#tech-codes p').textContent()) ?? '';
      expect(tech).toMatch(/\b[A-Z]+_[A-Z_]+\b/);
      const visible = await page.evaluate(() => {
        const main = document.querySelector('main')?.cloneNode(true) as HTMLElement;
        main.querySelector('#tech-codes')?.remove();
        return main.innerText;
      });
      expect(visible).not.toMatch(/\b[A-Z]+_[A-Z_]+\b/);
    }
    await shot(r, 'report-ux-changes-vi.png');
    await r.close();
    await portal.close();
  });
});
