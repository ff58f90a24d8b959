/**
 * The verify page and popup (files chosen through the file input), the report of a local file, trust changes
 * re-checking cached verdicts (open badges included), and the language setting.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readBadges, waitForBadges } from '../../demo-portal/badges.js';
import { clickOpensPage, shot, skipE2e, startHarness, type Harness } from './helpers.js';

const FILES: [string, string][] = [
  ['ban-sao-giay-khai-sinh-16.pdf', 'valid'],
  ['ban-sao-bang-diem-17.pdf', 'invalid'],
  ['ban-scan-chua-ky.pdf', 'unsigned'],
  ['ban-sao-khong-ro-nguon-19.pdf', 'indeterminate'],
  ['tep-bi-hong.pdf', 'error'],
];

async function verdicts(page: Page, n: number): Promise<Record<string, string>> {
  await page.waitForFunction((count) => {
    const rows = [...document.querySelectorAll('li.result')];
    return rows.length === count && rows.every((r) => r.getAttribute('data-verdict') !== 'pending');
  }, n);
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('li.result')].map((r) => [r.getAttribute('data-file'), r.getAttribute('data-verdict')])));
}

describe.skipIf(skipE2e())('verify page, popup, trust changes and language', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('verifies several files chosen through the file input: one verdict each', async () => {
    const page = await h.b.context.newPage();
    await page.goto(h.b.url('extension/ui/verify/index.html'));
    await page.setInputFiles(
      '#verify-files',
      FILES.map(([f]) => join(h.dir, f)),
    );
    expect(await verdicts(page, FILES.length)).toEqual(Object.fromEntries(FILES));
    expect(await page.locator('li.result[data-verdict="valid"]').innerText()).toContain('Hợp lệ');
    expect(await page.locator('li.result[data-verdict="invalid"]').innerText()).toContain('Không hợp lệ');
    console.log(`screenshot: ${await shot(page, 'verify-page.png')}`);

    // The report of a local file: e-copy data, and the signed revision from the kept bytes.
    const report = await clickOpensPage(h, page, () => page.locator('li.result[data-verdict="valid"] button.open-report').click());
    await report.waitForSelector('#ecopy dd[data-field="certNo"]');
    expect(await report.locator('#ecopy dd[data-field="certNo"]').innerText()).toBe('16');
    expect(await report.locator('#ecopy dd[data-field="docName"]').innerText()).toBe('Giấy khai sinh');
    const blob = await clickOpensPage(h, report, () => report.locator('article.sig').nth(1).locator('button.open-signed').click());
    const n = await report.evaluate(async (u) => (await (await fetch(u)).arrayBuffer()).byteLength, blob.url());
    expect(n).toBe((h.fx.files.get('/files/ban-sao-giay-khai-sinh-16.pdf')?.body as Uint8Array).length); // authority: whole file
    await blob.close();
    await report.close();
    await page.close();
  });

  it('the popup verifies a chosen file too', async () => {
    const popup = await h.b.context.newPage();
    await popup.setViewportSize({ width: 430, height: 600 });
    await popup.goto(h.b.url('extension/ui/popup/index.html'));
    await popup.setInputFiles('#verify-files', join(h.dir, 'ban-sao-bang-tot-nghiep-15.pdf'));
    expect(await verdicts(popup, 1)).toEqual({ 'ban-sao-bang-tot-nghiep-15.pdf': 'valid' });
    console.log(`screenshot: ${await shot(popup, 'popup.png')}`);
    await popup.close();
  });

  it('removing the trusted root re-checks cached verdicts: open badges and the report page follow', async () => {
    const portal = await h.b.context.newPage();
    await portal.goto(`${h.server.origin}/`);
    await waitForBadges(portal, 10);
    const stateOf = async (name: string) => (await readBadges(portal)).find((b) => b.href.endsWith(name))?.state;
    expect(await stateOf('ban-sao-bang-tot-nghiep-15.pdf')).toBe('valid');

    const options = await h.b.context.newPage();
    await options.goto(h.b.url('extension/ui/options/index.html'));
    await options.locator('#anchor-table tr[data-list="demo"] button.danger').click();
    await options.waitForSelector('#anchor-table', { state: 'detached' });
    console.log(`screenshot: ${await shot(options, 'options-no-anchor.png')}`);

    await portal.waitForFunction(() => true);
    let state: string | undefined;
    for (let i = 0; i < 200 && state !== 'indeterminate'; i++) {
      state = await stateOf('ban-sao-bang-tot-nghiep-15.pdf');
      if (state !== 'indeterminate') await portal.waitForTimeout(50);
    }
    expect(state).toBe('indeterminate');

    // Put the root back through the same form; the badges turn valid again.
    await options.selectOption('#anchor-list', 'demo');
    await options.setInputFiles('#anchor-file', join(h.dir, 'root.pem'));
    await options.click('#anchor-import');
    await options.waitForSelector('#anchor-table tr[data-list="demo"]');
    for (let i = 0; i < 200 && state !== 'valid'; i++) {
      state = await stateOf('ban-sao-bang-tot-nghiep-15.pdf');
      if (state !== 'valid') await portal.waitForTimeout(50);
    }
    expect(state).toBe('valid');
    console.log(`screenshot: ${await shot(options, 'options.png')}`);
    await options.close();
    await portal.close();
  });

  it('a cached report of a local file is re-checked when trust changes', async () => {
    const page = await h.b.context.newPage();
    await page.goto(h.b.url('extension/ui/verify/index.html'));
    await page.setInputFiles('#verify-files', join(h.dir, 'ban-sao-giay-khai-sinh-16.pdf'));
    expect(await verdicts(page, 1)).toEqual({ 'ban-sao-giay-khai-sinh-16.pdf': 'valid' });
    const report = await clickOpensPage(h, page, () => page.locator('button.open-report').click());
    await report.waitForSelector('#verdict [data-verdict="valid"]');

    const options = await h.b.context.newPage();
    await options.goto(h.b.url('extension/ui/options/index.html'));
    await options.locator('#anchor-table tr[data-list="demo"] button.danger').click();
    await options.waitForSelector('#anchor-table', { state: 'detached' });
    await report.reload();
    await report.waitForSelector('#verdict [data-verdict="indeterminate"]');
    expect(await report.locator('#verdict').innerText()).toContain('Đã kiểm tra lại');
    await options.selectOption('#anchor-list', 'demo');
    await options.setInputFiles('#anchor-file', join(h.dir, 'root.pem'));
    await options.click('#anchor-import');
    await options.waitForSelector('#anchor-table tr[data-list="demo"]');
    await Promise.all([options.close(), report.close(), page.close()]);
  });

  it('switches the whole UI, badges included, to English and back', async () => {
    // The portal is already open with Vietnamese badges: they switch without a reload.
    const portal = await h.b.context.newPage();
    await portal.goto(`${h.server.origin}/`);
    const before = await waitForBadges(portal, 10);
    expect(before.badges.find((b) => b.href.endsWith('ban-sao-bang-tot-nghiep-15.pdf'))?.text).toMatch(/^Hợp lệ · /);
    const options = await h.b.context.newPage();
    await options.goto(h.b.url('extension/ui/options/index.html'));
    await Promise.all([options.waitForEvent('load'), options.locator('input[name="lang"][value="en"]').check()]);
    await options.waitForSelector('h2:has-text("Trusted root certificates")');
    await expect
      .poll(async () => (await readBadges(portal)).find((b) => b.href.endsWith('ban-sao-bang-tot-nghiep-15.pdf'))?.text, { timeout: 30_000 })
      .toBe('Valid · ban-sao-bang-tot…hiep-15.pdf');
    const { badges } = await waitForBadges(portal, 10);
    expect(badges.find((b) => b.href.endsWith('tep-da-bi-xoa.pdf'))?.text).toBe('Error: could not fetch');
    console.log(`screenshot: ${await shot(portal, 'portal-badges-en.png')}`);
    await Promise.all([options.waitForEvent('load'), options.locator('input[name="lang"][value="vi"]').check()]);
    await options.waitForSelector('h2:has-text("Chứng thư gốc tin cậy")');
    await Promise.all([options.close(), portal.close()]);
  });
});
