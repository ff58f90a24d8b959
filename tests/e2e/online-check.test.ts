/**
 * "Kiểm tra trực tuyến" on the report page: a copy whose signature carries only the signer's certificate and no
 * revocation data is indeterminate offline; the click fetches the issuer (caIssuers) and the CRL from loopback
 * servers started here, and the report turns valid and lists where each answer came from and when.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTrustAnchors, launchWithExtension, type ExtensionBrowser } from '../../demo-portal/browser.js';
import { createWebCryptoSigner } from '../../core/signers/webcrypto.js';
import { signedEcopy } from '../helpers/ecopy-signed.js';
import { makeLeaf, makeRoot, makeTempDir, writePem } from '../helpers/pki.js';
import { assertTools } from '../helpers/tools.js';
import { DAY, makeOpensslCa, opensslIssue } from '../unit/trust/fixtures.js';
import { assertChromium, clickOpensPage, ensureExtensionBuilt, EXT_DIR, shot, skipE2e, type Harness } from './helpers.js';

// The certificate's CN is the office's short name; the statement prints the full name (with the province).
const NAME = 'UBND xã Trực Tuyến';
const OFFICE = 'Ủy ban nhân dân xã Trực Tuyến, tỉnh Thanh Hóa';

describe.skipIf(skipE2e())('online check from the report page', () => {
  let b: ExtensionBrowser;
  let server: Server;
  let base: string;
  const requests: string[] = [];
  const tmp = makeTempDir('saoy-e2e-online-');

  beforeAll(async () => {
    assertChromium();
    assertTools('openssl');
    ensureExtensionBuilt();
    const root = await makeRoot({ notBefore: new Date(Date.now() - 10 * DAY) });
    const ca = await makeLeaf(root, { subject: { country: 'VN', commonName: 'saoy TEST Online CA' }, isCA: true, keyUsage: ['keyCertSign', 'cRLSign'] });
    const db = await makeOpensslCa(join(tmp.dir, 'ca'), ca);
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      if (req.url === '/ca.cer') return res.end(Buffer.from(ca.certificate));
      if (req.url === '/ca.crl') return res.end(db.crl());
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const leaf = await opensslIssue(tmp.dir, ca, {
      cn: NAME,
      extensions: ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature,nonRepudiation', `authorityInfoAccess=caIssuers;URI:${base}/ca.cer`, `crlDistributionPoints=URI:${base}/ca.crl`],
    });
    const pem = readFileSync(leaf.keyPath, 'utf8').replace(/-----[^-]+-----|\s/g, '');
    const key = await crypto.subtle.importKey('pkcs8', Buffer.from(pem, 'base64'), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    const signer = createWebCryptoSigner(key, [leaf.der]);
    const copy = await signedEcopy({ certifier: signer, authority: signer, fields: { office: OFFICE, certifier: NAME, authority: NAME }, at: new Date() });
    writeFileSync(join(tmp.dir, 'ban-sao-truc-tuyen.pdf'), copy.final!);
    writePem(tmp.dir, 'root.pem', root.certificate);
    b = await launchWithExtension({ extDir: EXT_DIR });
    await importTrustAnchors(b, join(tmp.dir, 'root.pem'), 'other');
  }, 120_000);
  afterAll(async () => {
    await b?.close().catch(() => undefined);
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    tmp.cleanup();
  });

  it('indeterminate offline, nothing fetched; valid after the click, with the answers listed', async () => {
    const page = await b.context.newPage();
    await page.goto(b.url('extension/ui/verify/index.html'));
    await page.setInputFiles('#verify-files', [join(tmp.dir, 'ban-sao-truc-tuyen.pdf')]);
    await page.waitForSelector('li.result:not([data-verdict="pending"])', { timeout: 30_000 });
    const report = await clickOpensPage({ b } as unknown as Harness, page, () => page.locator('li.result button.open-report').click());
    await report.waitForSelector('#verdict [data-verdict]');
    expect(await report.locator('#verdict [data-verdict]').getAttribute('data-verdict')).toBe('indeterminate');
    expect(requests).toEqual([]); // never automatic
    await report.click('#online-check-run');
    await report.waitForSelector('#online-checked-at', { timeout: 30_000 });
    await report.waitForSelector('#verdict [data-verdict="valid"]');
    const items = report.locator('#online-check li');
    expect(await items.count()).toBe(2);
    expect(await items.nth(0).innerText()).toContain(`Chứng thư cấp trên — ${base}/ca.cer`);
    expect(await items.nth(1).innerText()).toContain(`Danh sách thu hồi (CRL) — ${base}/ca.crl`);
    expect(requests).toEqual(['GET /ca.cer', 'GET /ca.crl']);
    console.log(`screenshot: ${await shot(report, 'report-online-check.png')}`);
  });
});
