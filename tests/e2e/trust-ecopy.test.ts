/**
 * Extension surfaces of issue 10: the options page lists each built-in anchor (subject, list, validity, SHA-256) and
 * turns a list off (cached verdicts re-checked); the report names the list a signer chains to and shows the e-copy
 * checks as a ✓/✗ list, Vietnamese first. Screenshots of a half-signed copy's report and the options page.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { importTrustAnchors, launchWithExtension, type ExtensionBrowser } from '../../demo-portal/browser.js';
import { BUILTIN_CERTIFICATES } from '../../core/pki/trust-builtin.js';
import { signerOf } from '../corpus/pki.js';
import { signedEcopy } from '../helpers/ecopy-signed.js';
import { makeLeaf, makeRoot, makeTempDir, writePem } from '../helpers/pki.js';
import { assertChromium, clickOpensPage, ensureExtensionBuilt, EXT_DIR, shot, skipE2e, type Harness } from './helpers.js';

const DAY = 86_400_000;

describe.skipIf(skipE2e())('built-in trust and e-copy checks in the extension', () => {
  let b: ExtensionBrowser;
  const tmp = makeTempDir('saoy-e2e-trust-');
  const file = (n: string) => join(tmp.dir, n);

  beforeAll(async () => {
    assertChromium();
    ensureExtensionBuilt();
    const root = await makeRoot({ subject: { country: 'VN', organization: 'saoy TEST', commonName: 'saoy TEST e-copy Root' }, notBefore: new Date(Date.now() - 100 * DAY) });
    const leaf = (o: string, cn: string) => makeLeaf(root, { subject: { country: 'VN', organization: o, commonName: cn }, notBefore: new Date(Date.now() - 50 * DAY) });
    const [officer, office, other] = await Promise.all([
      leaf('Ủy ban nhân dân xã Nga Sơn', 'Phạm Thị Chứng'),
      leaf('Ủy ban nhân dân xã Nga Sơn', 'Ủy ban nhân dân xã Nga Sơn'),
      leaf('Ủy ban nhân dân xã Nga Thắng', 'Ủy ban nhân dân xã Nga Thắng'),
    ]);
    const fields = { office: 'UBND xã Nga Sơn, tỉnh Thanh Hóa', authority: 'Ủy ban nhân dân xã Nga Sơn', certifier: 'Phạm Thị Chứng', certNo: '42', docName: 'Giấy khai sinh' };
    const c = signerOf(officer, [root.certificate]);
    const good = await signedEcopy({ certifier: c, authority: signerOf(office, [root.certificate]), fields });
    writeFileSync(file('ban-sao-hoan-tat.pdf'), good.final!);
    writeFileSync(file('ban-sao-mot-chu-ky.pdf'), good.certified);
    writeFileSync(file('ban-sao-sai-co-quan.pdf'), (await signedEcopy({ certifier: c, authority: signerOf(other, [root.certificate]), fields })).final!);
    writePem(tmp.dir, 'root.pem', root.certificate);
    b = await launchWithExtension({ extDir: EXT_DIR });
    await importTrustAnchors(b, file('root.pem'), 'other');
  }, 120_000);
  afterAll(async () => {
    await b?.close().catch(() => undefined);
    tmp.cleanup();
  });

  const h = () => ({ b }) as unknown as Harness;

  async function reportOf(name: string): Promise<Page> {
    const page = await b.context.newPage();
    await page.goto(b.url('extension/ui/verify/index.html'));
    await page.setInputFiles('#verify-files', [file(name)]);
    await page.waitForSelector('li.result:not([data-verdict="pending"])', { timeout: 30_000 });
    const report = await clickOpensPage(h(), page, () => page.locator('li.result button.open-report').click());
    await report.waitForSelector('#verdict [data-verdict]');
    await page.close();
    return report;
  }

  it('a half-signed copy: "chưa hoàn tất", ✗ for the authority, the checks that need it not run', async () => {
    const report = await reportOf('ban-sao-mot-chu-ky.pdf');
    expect(await report.locator('#verdict [data-verdict]').getAttribute('data-verdict')).toBe('indeterminate');
    expect(await report.locator('#verdict').innerText()).toContain('Chưa hoàn tất: còn thiếu chữ ký của cơ quan có thẩm quyền');
    await report.waitForSelector('#ecopy-checks');
    const item = (id: string) => report.locator(`#ecopy-checks li[data-check="${id}"]`);
    expect(await item('AUTHORITY_PRESENT').getAttribute('data-status')).toBe('fail');
    expect(await item('AUTHORITY_PRESENT').innerText()).toMatch(/^✗ Chưa hoàn tất: còn thiếu chữ ký của cơ quan có thẩm quyền/);
    expect(await item('OFFICE_MATCH').getAttribute('data-status')).toBe('skipped');
    expect(await item('CERTIFIER_MATCH').innerText()).toMatch(/^✓ Người thực hiện chứng thực khớp/);
    expect(await item('DATE_MATCH').getAttribute('data-status')).toBe('pass');
    expect(await report.locator('#ecopy-checks h2').innerText()).toBe('Kiểm tra bản sao điện tử');
    // The signer's card names the list its chain ends in.
    expect(await report.locator('article.sig').first().innerText()).toContain('Chứng thư gốc do bạn nhập');
    console.log(`screenshot: ${await shot(report, 'report-half-signed.png')}`);
    await report.close();
  });

  it('a wrong office: ✗ with both values side by side; a complete copy: four ✓ and valid', async () => {
    const wrong = await reportOf('ban-sao-sai-co-quan.pdf');
    await wrong.waitForSelector('#ecopy-checks');
    const office = wrong.locator('#ecopy-checks li[data-check="OFFICE_MATCH"]');
    expect(await office.getAttribute('data-status')).toBe('fail');
    expect(await office.innerText()).toContain('lời chứng: Ủy ban nhân dân xã Nga Sơn, tỉnh Thanh Hóa · chứng thư số: Ủy ban nhân dân xã Nga Thắng');
    expect(await wrong.locator('#verdict [data-verdict]').getAttribute('data-verdict')).toBe('indeterminate');
    console.log(`screenshot: ${await shot(wrong, 'report-office-mismatch.png')}`);
    await wrong.close();

    const good = await reportOf('ban-sao-hoan-tat.pdf');
    await good.waitForSelector('#ecopy-checks');
    expect(await good.locator('#verdict [data-verdict]').getAttribute('data-verdict')).toBe('valid');
    expect(await good.locator('#ecopy-checks li[data-status="pass"]').count()).toBe(4);
    await good.close();
  });

  it('the options page lists every built-in anchor with its SHA-256 and turns a list off', async () => {
    const page = await b.context.newPage();
    await page.goto(b.url('extension/ui/options/index.html'));
    await page.waitForSelector('#builtin-trust tr[data-sha256]');
    const shown = await page.locator('#builtin-trust tr[data-sha256]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-sha256')));
    expect(shown.sort()).toEqual(BUILTIN_CERTIFICATES.filter((c) => c.role === 'anchor').map((c) => c.sha256).sort());
    const vgca = page.locator('#builtin-trust .builtin-list[data-list="vgca"]');
    expect(await vgca.innerText()).toContain('Chính phủ (VGCA)');
    expect(await vgca.innerText()).toContain('RootCA chuyên dùng Chính phủ G2');
    expect(await vgca.innerText()).toContain('f04ba4b4 59a7c9a1'); // the full SHA-256, grouped
    expect(await vgca.getAttribute('data-enabled')).toBe('true');
    expect(await page.locator('#builtin-trust .builtin-list[data-list="legacy"]').getAttribute('data-enabled')).toBe('false');
    expect(await page.locator('#builtin-trust .builtin-list[data-list="legacy"]').innerText()).toContain('Chưa đối chiếu với công bố chính thức');
    console.log(`screenshot: ${await shot(page, 'options-builtin-trust.png')}`);

    await vgca.locator('input[type="checkbox"]').uncheck();
    await page.waitForSelector('#builtin-trust .builtin-list[data-list="vgca"][data-enabled="false"]');
    await page.reload();
    await page.waitForSelector('#builtin-trust .builtin-list[data-list="vgca"][data-enabled="false"]');
    await page.locator('#builtin-trust .builtin-list[data-list="vgca"] input[type="checkbox"]').check();
    await page.waitForSelector('#builtin-trust .builtin-list[data-list="vgca"][data-enabled="true"]');
    await page.close();
  });
});
