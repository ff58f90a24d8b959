/**
 * Long-term validation in the built extension (issue 16), against a real TSA this test runs on 127.0.0.1
 * (`openssl ts -reply`): the options page sets level B-LTA; the clerk certifies a copy in the side panel and the
 * authority signs it from the queue; the final copy carries signature timestamps, a /DSS and a document timestamp,
 * pdfsig accepts both signatures and
 * lists the timestamps. Then the copies page lists it as due for renewal (margin 120 months, the TSA
 * certificate runs 2 years) and one click renews it: a second document timestamp, the earlier bytes unchanged.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentSignatures } from '../../core/ltv/signatures.js';
import { parsePdf } from '../../core/pdf/parse/index.js';
import { startsWith } from '../../core/bytes/concat.js';
import { startTsa, type Loopback } from '../helpers/ltv-servers.js';
import { makeRoot } from '../helpers/pki.js';
import { assertTools, run, skipWithout } from '../helpers/tools.js';
import { opensslIssue } from '../unit/trust/fixtures.js';
import { clerkShot, fillAndConfirm, idbAll, openManage, openPanelTab, setUpClerk, writeOriginalPages, type StoredCopy } from './clerk-helpers.js';
import { skipE2e, startHarness, type Harness } from './helpers.js';

const kinds = async (pdf: Uint8Array) => {
  const sigs = await documentSignatures(pdf, await parsePdf(pdf));
  return { doc: sigs.filter((s) => s.kind === 'document-timestamp').length, stamped: sigs.filter((s) => s.kind === 'signature' && s.timestamp).length };
};

describe.skipIf(skipE2e() || skipWithout('openssl', 'pdfsig'))('long-term validation in the extension (loopback TSA)', () => {
  let h: Harness;
  let tsa: Loopback;
  let panel: Page;
  let final: StoredCopy;

  beforeAll(async () => {
    assertTools('openssl', 'pdfsig');
    h = await startHarness();
    const tsaRoot = await makeRoot({ subject: { country: 'VN', commonName: 'saoy TEST TSA Root' } });
    const tsaCert = await opensslIssue(h.dir, tsaRoot, { cn: 'saoy TEST TSA', days: 730, extensions: ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=critical,timeStamping'] });
    tsa = await startTsa(h.dir, () => tsaCert);
    await setUpClerk(h);
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await tsa?.close();
  });

  async function saveOptions(o: { level?: string; months?: string }): Promise<Page> {
    const page = await h.b.context.newPage();
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.goto(h.b.url('extension/ui/options/index.html'));
    await page.waitForSelector('#ltv-level');
    if (o.level) await page.selectOption('#ltv-level', o.level);
    await page.fill('#ltv-tsa', tsa.url);
    if (o.months) await page.fill('#ltv-months', o.months);
    await page.click('#ltv-save');
    await page.waitForSelector('#ltv-status');
    expect(await page.locator('#ltv-status').innerText()).toBe('Đã lưu.');
    return page;
  }

  it('the options page: B-LTA with the TSA is saved (a level above B-B without a TSA is refused in Vietnamese)', async () => {
    const page = await h.b.context.newPage();
    await page.goto(h.b.url('extension/ui/options/index.html'));
    await page.waitForSelector('#ltv-level');
    await page.selectOption('#ltv-level', 'B-LTA');
    await page.click('#ltv-save');
    await page.waitForSelector('#ltv-status.bad');
    expect(await page.locator('#ltv-status').innerText()).toContain('cần máy chủ cấp dấu thời gian');
    await page.close();
    const saved = await saveOptions({ level: 'B-LTA' });
    await saved.locator('#ltv').scrollIntoViewIfNeeded();
    await clerkShot(saved, 'ltv-options.png');
    await saved.close();
  });

  it('a copy certified and approved at B-LTA has timestamped signatures, a /DSS and a document timestamp; pdfsig accepts both signatures', async () => {
    panel = await openPanelTab(h);
    await fillAndConfirm(panel, { requester: 'Trần Văn Lâm', docName: 'Giấy khai sinh', files: writeOriginalPages(h.dir).slice(0, 1) });
    const before = tsa.requests();
    await panel.click('#sign');
    await panel.waitForSelector('#copy-status[data-status="awaiting-authority"]', { timeout: 60_000 });
    expect(tsa.requests()).toBe(before + 1); // the certifier's signature timestamp
    await panel.click('#tab-authority');
    await panel.click('#authority-queue li button.open-pending');
    await panel.click('#authority-next');
    await panel.click('#authority-sign');
    await panel.waitForSelector('#authority-done[data-status="final"]', { timeout: 60_000 });
    expect(tsa.requests()).toBe(before + 3); // + the authority's signature timestamp + the document timestamp
    expect(await panel.locator('#authority-msg').count()).toBe(0); // no "level not reached"
    [final] = await idbAll<StoredCopy>(panel, 'copies');
    expect(final.status).toBe('final');
    expect(await kinds(final.pdf)).toEqual({ doc: 1, stamped: 2 });
    expect(Buffer.from(final.pdf).includes(Buffer.from('/DSS'))).toBe(true);
    const file = join(h.dir, 'ban-sao-b-lta.pdf');
    writeFileSync(file, final.pdf);
    const r = run('pdfsig', [file]);
    expect(r.status, r.stderr).toBe(0);
    // pdfsig 22.12 lists the document timestamp (ETSI.RFC3161) but checks only the two CMS signatures.
    expect(r.stdout.match(/Signature Validation: Signature is Valid\./g)?.length, r.stdout).toBe(2);
    expect(r.stdout.match(/^Signature #\d+:/gm)?.length, r.stdout).toBe(3);
  }, 180_000);

  it('the copies page lists the copy as due for renewal and renews it in one click', async () => {
    (await saveOptions({ months: '120' })).close();
    const copies = await openManage(h, 'copies');
    await copies.setViewportSize({ width: 1200, height: 900 });
    await copies.waitForSelector(`#renew-due li[data-copy="${final.id}"][data-reason="expiring"]`, { timeout: 30_000 });
    await copies.locator('#renewal').scrollIntoViewIfNeeded();
    await clerkShot(copies, 'ltv-renewal-due.png');
    const before = tsa.requests();
    await copies.click('#renew-all');
    await copies.waitForSelector(`#renew-outcome li[data-copy="${final.id}"][data-ok="true"]`, { timeout: 60_000 });
    expect(tsa.requests()).toBe(before + 1);
    await clerkShot(copies, 'ltv-renewed.png');
    const [renewed] = await idbAll<StoredCopy>(copies, 'copies');
    expect(startsWith(renewed.pdf, final.pdf)).toBe(true);
    expect(await kinds(renewed.pdf)).toEqual({ doc: 2, stamped: 2 });
    const file = join(h.dir, 'ban-sao-gia-han.pdf');
    writeFileSync(file, renewed.pdf);
    const r = run('pdfsig', [file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.match(/Signature Validation: Signature is Valid\./g)?.length, r.stdout).toBe(2);
    expect(r.stdout.match(/^Signature #\d+:/gm)?.length, r.stdout).toBe(4);
    // Still due with a 120-month margin (same TSA certificate), not due with the default 12.
    (await saveOptions({ months: '12' })).close();
    await copies.reload();
    await copies.waitForSelector('#renew-none');
  }, 180_000);
});
