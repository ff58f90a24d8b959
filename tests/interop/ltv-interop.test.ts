/**
 * PAdES B-LT / B-LTA against a real TSA (`openssl ts -reply`), a real OCSP responder (`openssl ocsp -port`) and a
 * CRL served over HTTP, all on 127.0.0.1 and started here. Copies are signed with a signature timestamp (B-T),
 * extended (B-LT: /DSS + /VRI; B-LTA: + document timestamp), checked by saoy and pdfsig, tampered with, and judged
 * at later times (`at`): after the certifier's certificate expires, after revocations, after the archive TSA's
 * certificate expires, with and without renewal.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../core/certify/sign-pdf.js';
import { buildCopy } from '../../core/ecopy/index.js';
import { AUTHORITY_FIELD, CERTIFIER_FIELD } from '../../core/ecopy/fields.js';
import { extendPdf } from '../../core/ltv/extend.js';
import { renewalStatus } from '../../core/ltv/renewal.js';
import { vriKey } from '../../core/pdf/dss-vri.js';
import { documentSignatures } from '../../core/ltv/signatures.js';
import { httpFetcher } from '../../core/pki/online/fetcher.js';
import { createWebCryptoSigner } from '../../core/signers/webcrypto.js';
import { parsePdf } from '../../core/pdf/parse/index.js';
import { readDss } from '../../core/verify/dss.js';
import { verifyPdf } from '../../core/verify/index.js';
import type { VerificationReport } from '../../core/verify/report.js';
import { tsaTimestamper } from '../../cli/tsa-client.js';
import { pageImages } from '../corpus/copies.js';
import { copyFonts, sampleFields } from '../helpers/ecopy.js';
import { freePort, startHttpFile, startOcspResponder, startTsa, type Loopback } from '../helpers/ltv-servers.js';
import { makeLeaf, makeRoot, makeTempDir, writePem, type TestIdentity } from '../helpers/pki.js';
import { assertTools, run, skipWithout } from '../helpers/tools.js';
import { rawSignatures } from '../helpers/pdf-signatures.js';
import { DAY, makeOpensslCa, opensslIssue, type OpensslCert } from '../unit/trust/fixtures.js';

const TOOLS = ['openssl', 'pdfsig', 'certutil'];
const NAME = 'UBND xã Lưu Trữ';
const OFFICE = 'Ủy ban nhân dân xã Lưu Trữ, tỉnh Thanh Hóa';
const codes = (r: VerificationReport) => [...r.reasons.map((x) => x.code), ...r.signatures.flatMap((s) => s.reasons.map((x) => x.code))];
const explain = (r: VerificationReport) => JSON.stringify(r.signatures.map((s) => [s.fieldName, s.indication, s.reasons.map((x) => x.en)]));

describe.skipIf(skipWithout(...TOOLS))('long-term validation (B-LT, B-LTA, renewal) against loopback TSA, OCSP and CRL', () => {
  const tmp = makeTempDir('saoy-ltv-');
  const servers: Loopback[] = [];
  let root: TestIdentity;
  let ca: TestIdentity;
  let db: Awaited<ReturnType<typeof makeOpensslCa>>;
  let tsaA: OpensslCert;
  let tsaB: OpensslCert;
  let tsaSigner: OpensslCert;
  let tsa: Loopback;
  let crlUrl = '';
  let ocspUrl = '';
  let nss = '';
  const copies: Record<string, Uint8Array> = {};
  const opts = () => ({ trustAnchors: [root.certificate] });

  async function certifier(days: number, ocsp = true): Promise<OpensslCert> {
    return opensslIssue(tmp.dir, ca, {
      cn: NAME, days,
      extensions: ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature,nonRepudiation', `crlDistributionPoints=URI:${crlUrl}`,
        ...(ocsp ? [`authorityInfoAccess=OCSP;URI:${ocspUrl}`] : [])],
    });
  }

  /** A two-signature e-copy, both signatures timestamped by the loopback TSA (PAdES B-T). */
  async function signedCopy(c: OpensslCert): Promise<Uint8Array> {
    const pem = readFileSync(c.keyPath, 'utf8').replace(/-----[^-]+-----|\s/g, '');
    const key = await crypto.subtle.importKey('pkcs8', Buffer.from(pem, 'base64'), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    const signer = createWebCryptoSigner(key, [c.der, ca.certificate]);
    const at = new Date();
    const fields = sampleFields({ pageCount: 1, office: OFFICE, certifier: NAME, date: new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10) });
    const unsigned = await buildCopy(pageImages().slice(0, 1).map((bytes) => ({ bytes, name: 'p.jpg' })), fields, copyFonts());
    const timestamp = tsaTimestamper(new URL(tsa.url));
    const one = await signPdf(unsigned, { fieldName: CERTIFIER_FIELD, signer, signingTime: at, docMdp: 2, timestamp });
    return signPdf(one, { fieldName: AUTHORITY_FIELD, signer, signingTime: at, timestamp });
  }

  const fetcher = httpFetcher({ timeoutMs: 5000, maxBytes: 1 << 20 });

  beforeAll(async () => {
    assertTools(...TOOLS);
    root = await makeRoot({ notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() + 20 * 365 * DAY) });
    ca = await makeLeaf(root, { subject: { country: 'VN', commonName: 'saoy TEST LTV CA' }, isCA: true, keyUsage: ['keyCertSign', 'cRLSign'], notAfter: new Date(Date.now() + 15 * 365 * DAY) });
    const caDir = join(tmp.dir, 'ca');
    db = await makeOpensslCa(caDir, ca);
    const crl = await startHttpFile('/ca.crl', () => db.crl());
    servers.push(crl);
    crlUrl = crl.url;
    const ocspPort = await freePort();
    ocspUrl = `http://127.0.0.1:${ocspPort}/`;
    const tsaExt = ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=critical,timeStamping', `crlDistributionPoints=URI:${crlUrl}`];
    // TSA A: 2 years; TSA B (the TSA's renewed certificate): 5 years.
    tsaA = await opensslIssue(tmp.dir, ca, { cn: 'saoy TEST TSA 2026', days: 730, extensions: tsaExt });
    tsaB = await opensslIssue(tmp.dir, ca, { cn: 'saoy TEST TSA 2027', days: 5 * 365, extensions: tsaExt });
    tsaSigner = tsaA;
    tsa = await startTsa(tmp.dir, () => tsaSigner, [writePem(tmp.dir, 'ltv-ca.pem', ca.certificate)]);
    servers.push(tsa);

    const good = await certifier(365);
    // index.txt must list the certificate as valid for openssl ocsp to answer "good".
    const d = readFileSync(good.certPath, 'utf8');
    const v = run('openssl', ['ca', '-config', join(caDir, 'ca.cnf'), '-valid', good.certPath]);
    expect(v.status, v.stderr).toBe(0);
    expect(d).toContain('BEGIN CERTIFICATE');
    servers.push(await startOcspResponder(caDir, ocspPort));
    copies.bt = await signedCopy(good);

    const later = await certifier(365, false);
    copies.revokedLaterBt = await signedCopy(later);
    await new Promise((r) => setTimeout(r, 1100));
    db.revoke(later.der);

    const before = await certifier(365, false);
    db.revoke(before.der);
    await new Promise((r) => setTimeout(r, 1100)); // revoked strictly before the signing time (second precision)
    copies.revokedBeforeBt = await signedCopy(before);

    mkdirSync(join(tmp.dir, 'nss'));
    nss = `sql:${join(tmp.dir, 'nss')}`;
    expect(run('certutil', ['-N', '-d', nss, '--empty-password']).status).toBe(0);
    expect(run('certutil', ['-A', '-d', nss, '-n', 'ltv-root', '-t', 'CT,C,C', '-i', writePem(tmp.dir, 'root.pem', root.certificate)]).status).toBe(0);
  }, 180_000);

  afterAll(async () => {
    for (const s of servers) await s.close();
    tmp.cleanup();
  }, 240_000);

  it('B-T alone: offline, the revocation data of the signer and of the TSA is missing → indeterminate', async () => {
    const r = await verifyPdf(copies.bt, opts());
    expect(r.verdict).toBe('indeterminate');
    expect(codes(r)).toContain('REVOCATION_UNKNOWN');
  }, 240_000);

  it('B-LT with --fetch-revocation: OCSP from openssl ocsp for the signer, the CRL for the TSA; /DSS and /VRI written; saoy valid', async () => {
    const before = servers.map((s) => s.requests());
    const x = await extendPdf(copies.bt, { level: 'B-LT', fetcher, certificates: [root.certificate] });
    copies.blt = x.bytes;
    expect(x.missingRevocation).toEqual([]);
    expect(x.fetches.map((f) => [f.kind, f.ok]), JSON.stringify(x.fetches)).toEqual(expect.arrayContaining([['ocsp', true], ['crl', true]]));
    expect(servers.map((s, i) => s.requests() - before[i]).some((n) => n > 0)).toBe(true);
    const dss = await readDss(await parsePdf(x.bytes));
    expect(dss.ocspResponses.length).toBeGreaterThanOrEqual(1);
    expect(dss.crls.length).toBeGreaterThanOrEqual(1);
    expect(dss.certificates.length).toBeGreaterThanOrEqual(4); // signer, CA, root, TSA
    // One /VRI entry per signature, keyed by the SHA-1 of its /Contents (ETSI EN 319 142-1).
    const text = Buffer.from(x.bytes).toString('latin1');
    for (const s of await documentSignatures(copies.bt)) expect(text).toContain(`/${await vriKey(s.contents)} `);
    const r = await verifyPdf(x.bytes, opts());
    expect(r.verdict, explain(r)).toBe('valid');
    // After the authority's signature only the DSS update follows: long-term-validation data, nothing else.
    expect(r.signatures.map((s) => s.modificationLevel)).toEqual(['FORM_FILLING', 'LTA_UPDATES']);
  }, 240_000);

  it('unreachable revocation servers: extending still succeeds, says which certificate lacks data, and asks nothing else', async () => {
    const closed = await freePort();
    const c = await opensslIssue(tmp.dir, ca, { cn: 'UBND xã Không Mạng', days: 365, extensions: ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature,nonRepudiation',
      `crlDistributionPoints=URI:http://127.0.0.1:${closed}/ca.crl`, `authorityInfoAccess=OCSP;URI:http://127.0.0.1:${closed}/ocsp`] });
    const pem = readFileSync(c.keyPath, 'utf8').replace(/-----[^-]+-----|\s/g, '');
    const key = await crypto.subtle.importKey('pkcs8', Buffer.from(pem, 'base64'), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    const doc = await buildCopy(pageImages().slice(0, 1).map((bytes) => ({ bytes, name: 'p.jpg' })), sampleFields({ pageCount: 1 }), copyFonts());
    const one = await signPdf(doc, { fieldName: CERTIFIER_FIELD, signer: createWebCryptoSigner(key, [c.der, ca.certificate]), signingTime: new Date(), docMdp: 2 });
    const offline = await extendPdf(one, { level: 'B-LT', certificates: [root.certificate] });
    expect(offline.fetches).toEqual([]); // nothing is fetched unless asked
    expect(offline.missingRevocation).toEqual(['UBND xã Không Mạng']);
    const x = await extendPdf(one, { level: 'B-LT', fetcher, certificates: [root.certificate] });
    expect(x.fetches.map((f) => [f.kind, f.ok, f.error])).toEqual([['ocsp', false, 'ECONNREFUSED'], ['crl', false, 'ECONNREFUSED']]);
    expect(x.missingRevocation).toEqual(['UBND xã Không Mạng']);
    expect((await readDss(await parsePdf(x.bytes))).certificates.length).toBe(3);
  }, 240_000);

  it('B-LTA: a document timestamp over the DSS update; saoy and pdfsig accept every signature', async () => {
    const x = await extendPdf(copies.blt, { level: 'B-LTA', fetcher, timestamp: tsaTimestamper(new URL(tsa.url)) });
    copies.blta = x.bytes;
    const r = await verifyPdf(x.bytes, opts());
    expect(r.verdict, explain(r)).toBe('valid');
    expect(r.signatures.map((s) => s.subFilter)).toEqual(['ETSI.CAdES.detached', 'ETSI.CAdES.detached', 'ETSI.RFC3161']);
    const file = join(tmp.dir, 'blta.pdf');
    writeFileSync(file, x.bytes);
    const p = run('pdfsig', ['-nssdir', nss, file]);
    expect(p.status, p.stderr).toBe(0);
    const sigs = p.stdout.split(/^Signature #\d+:/m).slice(1);
    expect(sigs.length).toBe(3);
    for (const s of sigs.slice(0, 2)) expect(s).toContain('Signature Validation: Signature is Valid.');
    // pdfsig lists the document timestamp but does not check RFC 3161 tokens: openssl ts -verify does.
    expect(sigs[2]).toContain('Signature Field Name: ArchiveTimestamp1');
    expectOpensslTsVerifies(x.bytes, 2);
  }, 240_000);

  /** `openssl ts -verify` of the document timestamp `index` over its ByteRange bytes, against root + CA. */
  function expectOpensslTsVerifies(pdf: Uint8Array, index: number): void {
    const s = rawSignatures(pdf)[index];
    const token = join(tmp.dir, `dts-${index}.tok`);
    const data = join(tmp.dir, `dts-${index}.bin`);
    writeFileSync(token, s.cms);
    writeFileSync(data, s.signedData);
    const chain = join(tmp.dir, 'root-ca.pem');
    writeFileSync(chain, readFileSync(writePem(tmp.dir, 'r.pem', root.certificate), 'utf8') + readFileSync(writePem(tmp.dir, 'c.pem', ca.certificate), 'utf8'));
    const r = run('openssl', ['ts', '-verify', '-data', data, '-in', token, '-token_in', '-CAfile', chain]);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toContain('Verification: OK');
  }

  it('time travel: after the certifier certificate expires, the timestamp keeps the B-LT copy valid (B-B would not be)', async () => {
    const at = new Date(Date.now() + 500 * DAY);
    const r = await verifyPdf(copies.blt, { ...opts(), at });
    expect(r.verdict, explain(r)).toBe('valid');
  }, 240_000);

  it('time travel: revoked after the timestamp → valid (revoked later); revoked before signing → invalid', async () => {
    const later = await extendPdf(copies.revokedLaterBt, { level: 'B-LT', fetcher });
    const r1 = await verifyPdf(later.bytes, opts());
    expect(r1.verdict, explain(r1)).toBe('valid');
    expect(codes(r1)).toContain('CERT_REVOKED_LATER');
    const r1late = await verifyPdf(later.bytes, { ...opts(), at: new Date(Date.now() + 500 * DAY) });
    expect(r1late.verdict, explain(r1late)).toBe('valid');
    const before = await extendPdf(copies.revokedBeforeBt, { level: 'B-LT', fetcher });
    const r2 = await verifyPdf(before.bytes, opts());
    expect(r2.verdict).toBe('invalid');
    expect(codes(r2)).toContain('CERT_REVOKED');
  }, 240_000);

  it('time travel: after the archive TSA certificate expires → indeterminate without renewal, valid with renewal', async () => {
    const at = new Date(Date.now() + 1000 * DAY);
    const without = await verifyPdf(copies.blta, { ...opts(), at });
    expect(without.verdict, explain(without)).toBe('indeterminate');
    const due = await renewalStatus(copies.blta, 36);
    expect(due.due).toBe(true);
    expect(due.expires!.getTime()).toBeLessThan(Date.now() + 731 * DAY);
    tsaSigner = tsaB;
    try {
      const renewed = await extendPdf(copies.blta, { level: 'B-LTA', fetcher, timestamp: tsaTimestamper(new URL(tsa.url)) });
      copies.renewed = renewed.bytes;
    } finally {
      tsaSigner = tsaA;
    }
    expect((await renewalStatus(copies.renewed, 36)).due).toBe(false);
    const now = await verifyPdf(copies.renewed, opts());
    expect(now.verdict, explain(now)).toBe('valid');
    const later = await verifyPdf(copies.renewed, { ...opts(), at });
    expect(later.verdict, explain(later)).toBe('valid');
    expect(later.signatures.filter((s) => s.subFilter === 'ETSI.RFC3161').length).toBe(2);
    const file = join(tmp.dir, 'renewed.pdf');
    writeFileSync(file, copies.renewed);
    const p = run('pdfsig', ['-nssdir', nss, file]);
    expect(p.status, p.stderr).toBe(0);
    expect(p.stdout.match(/Signature Validation: Signature is Valid\./g)?.length).toBe(2);
    expectOpensslTsVerifies(copies.renewed, 2);
    expectOpensslTsVerifies(copies.renewed, 3);
  }, 240_000);

  it('an altered DSS, VRI or timestamp is caught', async () => {
    const b = copies.blta;
    const text = Buffer.from(b).toString('latin1');
    // A byte of a DSS stream (covered by the document timestamp): the timestamp no longer matches.
    const dssStream = text.indexOf('stream\n', text.indexOf('/Type /DSS') - 4000);
    const altered = b.slice();
    altered[dssStream + 40] ^= 0x01;
    const r1 = await verifyPdf(altered, opts());
    expect(r1.verdict).toBe('invalid');
    // The VRI key of the first signature changed (the DSS update is covered by the document timestamp).
    const key = await vriKey((await documentSignatures(b))[0].contents);
    const vri = b.slice();
    const at = text.indexOf(`/${key}`);
    vri[at + 1] = key[0] === 'A' ? 0x42 : 0x41;
    const r2 = await verifyPdf(vri, opts());
    expect(r2.verdict).toBe('invalid');
    expect(codes(r2)).toContain('DIGEST_MISMATCH');
    // A byte inside the document timestamp token.
    const ts = b.slice();
    const sigs = await documentSignatures(b);
    const tok = sigs[2].contents;
    const tokAt = text.indexOf(Buffer.from(tok.subarray(0, 24)).toString('hex').toUpperCase());
    expect(tokAt).toBeGreaterThan(0);
    ts[tokAt + 200] = ts[tokAt + 200] === 0x30 ? 0x31 : 0x30;
    const r3 = await verifyPdf(ts, opts());
    expect(r3.verdict).not.toBe('valid');
    // B-LT without document timestamp: the CRL altered in place is not believed (its signature fails), so once the
    // certifier's certificate has expired the signature timestamp's TSA has no revocation data: not valid.
    const blt = copies.blt;
    const [crlDer] = (await readDss(await parsePdf(blt))).crls;
    const crlAt = Buffer.from(blt).indexOf(Buffer.from(crlDer));
    expect(crlAt).toBeGreaterThan(0);
    const crl = blt.slice();
    crl[crlAt + crlDer.length - 10] ^= 0x01;
    const late = { ...opts(), at: new Date(Date.now() + 500 * DAY) };
    expect((await verifyPdf(blt, late)).verdict).toBe('valid');
    const r4 = await verifyPdf(crl, late);
    expect(r4.verdict).toBe('indeterminate');
  }, 240_000);
});
