/**
 * core/verify/online.ts without a network: the fetcher is a function of the URL that answers from files made by
 * openssl (the intermediate for caIssuers, an OCSP response or a CRL). The signer certificate names its issuer, OCSP
 * responder and CRL under http://ca.test/ (never contacted). Checked: which URLs are asked and in which order
 * (missing issuer first, then OCSP, the CRL only without an OCSP answer), what each source records, and the
 * reasons verifyPdfOnline adds for failed fetches or when there is nothing to fetch.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchOnlineEvidence, namedOrigins, verifyPdfOnline } from '../../../core/verify/online.js';
import { tableFetcher } from '../../helpers/table-fetcher.js';
import { derToPem, makeLeaf, makeRoot, makeTempDir, pemToDer, writePem, type TestIdentity } from '../../helpers/pki.js';
import { assertTools, run, skipWithout } from '../../helpers/tools.js';
import { fillPlaceholder, placeholderPdf } from '../../verify/rw/tools-pdf.js';
import { makeOpensslCa, ok, opensslIssue, type OpensslCert } from '../trust/fixtures.js';

const BASE = 'http://ca.test';
const URLS = { issuer: `${BASE}/int.cer`, ocsp: `${BASE}/ocsp`, crl: `${BASE}/int.crl` };
const T0 = new Date('2026-03-05T01:02:03Z');

describe.skipIf(skipWithout('openssl'))('online check', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let root: TestIdentity;
  let intermediate: TestIdentity;
  let signer: OpensslCert;
  let plainSigner: TestIdentity;
  let crl: Uint8Array;
  let ocspAnswer: () => Uint8Array;
  let pdf: Uint8Array;
  let plainPdf: Uint8Array;
  const options = () => ({ trustAnchors: [root.certificate] });

  const cms = (data: Uint8Array, cert: string, key: string): Uint8Array => {
    const input = join(tmp.dir, 'in.bin');
    const output = join(tmp.dir, 'out.der');
    writeFileSync(input, data);
    const r = run('openssl', ['cms', '-sign', '-binary', '-in', input, '-signer', cert, '-inkey', key, '-outform', 'DER', '-out', output, '-md', 'sha256']);
    if (r.status !== 0) throw new Error(r.stderr);
    return new Uint8Array(readFileSync(output));
  };

  beforeAll(async () => {
    assertTools('openssl');
    tmp = makeTempDir('saoy-online-');
    root = await makeRoot();
    intermediate = await makeLeaf(root, { isCA: true, keyUsage: ['keyCertSign', 'cRLSign'], subject: { country: 'VN', organization: 'saoy TEST', commonName: 'saoy TEST Sub CA' } });
    signer = await opensslIssue(tmp.dir, intermediate, {
      cn: 'Online Signer TEST',
      extensions: [
        'basicConstraints=CA:FALSE',
        'keyUsage=critical,digitalSignature,nonRepudiation',
        `authorityInfoAccess=caIssuers;URI:${URLS.issuer},OCSP;URI:${URLS.ocsp}`,
        `crlDistributionPoints=URI:${URLS.crl}`,
      ],
    });
    const ca = await makeOpensslCa(join(tmp.dir, 'ca'), intermediate);
    crl = pemToDer(ca.crl());
    ocspAnswer = () => {
      const caDir = join(tmp.dir, 'ca');
      const out = join(tmp.dir, 'resp.der');
      ok(['ocsp', '-index', join(caDir, 'index.txt'), '-rsigner', join(caDir, 'ca.pem'), '-rkey', join(caDir, 'ca.key'), '-CA', join(caDir, 'ca.pem'),
        '-issuer', join(caDir, 'ca.pem'), '-cert', signer.certPath, '-respout', out, '-ndays', '1']);
      return new Uint8Array(readFileSync(out));
    };
    pdf = fillPlaceholder(placeholderPdf(), (d) => cms(d, signer.certPath, signer.keyPath));
    plainSigner = await makeLeaf(root);
    const plainCert = writePem(tmp.dir, 'plain.pem', plainSigner.certificate);
    const { writeKeyPem } = await import('../../helpers/pki.js');
    const plainKey = await writeKeyPem(tmp.dir, 'plain.key', plainSigner.keys.privateKey);
    plainPdf = fillPlaceholder(placeholderPdf(), (d) => cms(d, plainCert, plainKey));
  });
  afterAll(() => tmp.cleanup());

  const fetcher = tableFetcher;

  it('namedOrigins: the origins the document’s certificates name, once each', async () => {
    expect(await namedOrigins(pdf)).toEqual([`${BASE}/*`]);
    expect(await namedOrigins(plainPdf)).toEqual([]);
    expect(await namedOrigins(new Uint8Array([1, 2, 3]))).toEqual([]);
  });

  it('the missing issuer from caIssuers, then OCSP; no CRL once OCSP answered', async () => {
    const { f, asked } = fetcher({ [URLS.issuer]: () => intermediate.certificate, [URLS.ocsp]: () => ocspAnswer(), [URLS.crl]: () => crl });
    const ev = await fetchOnlineEvidence(pdf, options(), f, () => T0);
    expect(asked.map((r) => r.url)).toEqual([URLS.issuer, URLS.ocsp]);
    expect(asked[0].body).toBeUndefined();
    expect(asked[0].contentType).toBeUndefined();
    expect(asked[1].body?.[0]).toBe(0x30);
    expect(asked[1].contentType).toBe('application/ocsp-request');
    expect(ev.intermediates).toEqual([intermediate.certificate]);
    expect(ev.ocspResponses).toHaveLength(1);
    expect(ev.crls).toEqual([]);
    expect(ev.sources).toEqual([
      { kind: 'caIssuers', url: URLS.issuer, ok: true, fetchedAt: T0.toISOString(), certificate: 'Online Signer TEST', bytes: intermediate.certificate.length },
      { kind: 'ocsp', url: URLS.ocsp, ok: true, fetchedAt: T0.toISOString(), certificate: 'Online Signer TEST', bytes: ev.ocspResponses[0].length },
    ]);
  });

  it('an OCSP answer that is no OCSP response: the CRL is fetched instead; both recorded', async () => {
    const { f, asked } = fetcher({ [URLS.issuer]: () => intermediate.certificate, [URLS.ocsp]: () => new Uint8Array([1, 2, 3]), [URLS.crl]: () => crl });
    const ev = await fetchOnlineEvidence(pdf, options(), f, () => T0);
    expect(asked.map((r) => r.url)).toEqual([URLS.issuer, URLS.ocsp, URLS.crl]);
    expect(ev.ocspResponses).toEqual([]);
    expect(ev.crls).toEqual([crl]);
    expect(ev.sources.map((s) => [s.kind, s.ok, s.error])).toEqual([
      ['caIssuers', true, undefined],
      ['ocsp', false, expect.stringMatching(/^not a usable OCSP response \(.+\)$/)],
      ['crl', true, undefined],
    ]);
  });

  it('an issuer already given (intermediates option): no caIssuers fetch; a PEM CRL is read too', async () => {
    const { f, asked } = fetcher({ [URLS.ocsp]: () => { throw new Error('refused'); }, [URLS.crl]: () => new Uint8Array(Buffer.from(derToPem(crl, 'X509 CRL'))) });
    const ev = await fetchOnlineEvidence(pdf, { ...options(), intermediates: [intermediate.certificate] }, f, () => T0);
    expect(asked.map((r) => r.url)).toEqual([URLS.ocsp, URLS.crl]);
    expect(ev.intermediates).toEqual([]);
    expect(ev.crls).toEqual([crl]);
    expect(ev.sources.map((s) => [s.kind, s.ok, s.error])).toEqual([
      ['ocsp', false, 'refused'],
      ['crl', true, undefined],
    ]);
  });

  it('caIssuers answering no certificate, or nothing at all: recorded as failures, no revocation asked (no issuer)', async () => {
    const junk = fetcher({ [URLS.issuer]: () => new Uint8Array([0x30, 0x00]) });
    const ev = await fetchOnlineEvidence(pdf, options(), junk.f, () => T0);
    expect(junk.asked.map((r) => r.url)).toEqual([URLS.issuer]);
    expect(ev.sources.map((s) => [s.kind, s.ok, s.error, s.bytes])).toEqual([['caIssuers', false, 'not a certificate', 2]]);
    const down = fetcher({});
    const ev2 = await fetchOnlineEvidence(pdf, options(), down.f, () => T0);
    expect(ev2.sources.map((s) => [s.kind, s.ok, s.error])).toEqual([['caIssuers', false, `no route to ${URLS.issuer}`]]);
  });

  it('caIssuers answering PEM', async () => {
    const pem = fetcher({ [URLS.issuer]: () => new Uint8Array(Buffer.from(derToPem(intermediate.certificate))), [URLS.ocsp]: () => ocspAnswer() });
    const ev = await fetchOnlineEvidence(pdf, options(), pem.f, () => T0);
    expect(ev.intermediates).toEqual([intermediate.certificate]);
    expect(ev.sources.map((s) => s.ok)).toEqual([true, true]);
  });

  it('caIssuers answering a certs-only PKCS#7 bundle (.p7c, no SignerInfo), as made by openssl crl2pkcs7', async () => {
    const certFile = writePem(tmp.dir, 'sub-ca.pem', intermediate.certificate);
    const out = join(tmp.dir, 'issuer.p7c');
    ok(['crl2pkcs7', '-nocrl', '-certfile', certFile, '-outform', 'DER', '-out', out]);
    const p7c = new Uint8Array(readFileSync(out));
    const { f } = fetcher({ [URLS.issuer]: () => p7c, [URLS.ocsp]: () => ocspAnswer() });
    const ev = await fetchOnlineEvidence(pdf, options(), f, () => T0);
    expect(ev.intermediates).toEqual([intermediate.certificate]);
    expect(ev.sources.map((s) => [s.kind, s.ok, s.error])).toEqual([
      ['caIssuers', true, undefined],
      ['ocsp', true, undefined],
    ]);
  });

  it('a CRL answer that is no CRL: "not a CRL"', async () => {
    const { f } = fetcher({ [URLS.issuer]: () => intermediate.certificate, [URLS.ocsp]: () => { throw new Error('down'); }, [URLS.crl]: () => new Uint8Array([9, 9]) });
    const ev = await fetchOnlineEvidence(pdf, options(), f, () => T0);
    expect(ev.crls).toEqual([]);
    expect(ev.sources.map((s) => [s.kind, s.ok, s.error])).toEqual([
      ['caIssuers', true, undefined],
      ['ocsp', false, 'down'],
      ['crl', false, 'not a CRL'],
    ]);
  });

  it('verifyPdfOnline: the evidence is used (valid), a failed fetch becomes a reason with its words', async () => {
    // openssl's OCSP responder knows no certificate it did not issue through `openssl ca`: it answers "unknown".
    const unknown = await verifyPdfOnline(pdf, options(), fetcher({ [URLS.issuer]: () => intermediate.certificate, [URLS.ocsp]: () => ocspAnswer() }).f);
    expect(unknown.verdict).toBe('indeterminate');
    expect(unknown.reasons.map((x) => x.code)).toEqual(['REVOCATION_UNKNOWN']);
    expect(unknown.online?.sources).toHaveLength(2);
    expect(Number.isNaN(Date.parse(unknown.online!.checkedAt))).toBe(false);
    // Without the online answers the issuer is missing: the chain cannot be built.
    expect((await verifyPdfOnline(pdf, options(), fetcher({}).f)).reasons.map((x) => x.code)).toEqual(['CHAIN_UNTRUSTED', 'ONLINE_FETCH_FAILED']);
    const bad = fetcher({ [URLS.issuer]: () => intermediate.certificate, [URLS.ocsp]: () => { throw new Error('timeout'); }, [URLS.crl]: () => crl });
    const rb = await verifyPdfOnline(pdf, options(), bad.f);
    expect(rb.verdict, JSON.stringify(rb.reasons)).toBe('valid');
    const failed = rb.reasons.filter((x) => x.code === 'ONLINE_FETCH_FAILED');
    expect(failed).toHaveLength(1);
    expect(failed[0].en).toContain(`(ocsp ${URLS.ocsp} for Online Signer TEST: timeout)`);
    expect(failed[0].vi).toContain(`(ocsp ${URLS.ocsp} cho Online Signer TEST: timeout)`);
    // The options' own evidence is kept next to what was fetched.
    const withGiven = await verifyPdfOnline(pdf, { ...options(), crls: [crl], intermediates: [intermediate.certificate] }, fetcher({}).f);
    expect(withGiven.verdict).toBe('valid');
  });

  it('verifyPdfOnline: a "good" OCSP answer alone makes the signature valid (the fetched answer is what is used)', async () => {
    // Register the signer with the responder's database, as `openssl ca` would have: it then answers "good".
    const index = join(tmp.dir, 'ca', 'index.txt');
    const before = readFileSync(index, 'utf8');
    const serial = ok(['x509', '-in', signer.certPath, '-noout', '-serial']).trim().replace(/^serial=/, '');
    writeFileSync(index, `${before}V\t391231235959Z\t\t${serial}\tunknown\t/CN=Online Signer TEST\n`);
    try {
      const r = await verifyPdfOnline(pdf, options(), fetcher({ [URLS.issuer]: () => intermediate.certificate, [URLS.ocsp]: () => ocspAnswer() }).f);
      expect(r.verdict, JSON.stringify(r.reasons)).toBe('valid');
      expect(r.reasons).toEqual([]);
      expect(r.online?.sources.map((s) => [s.kind, s.ok])).toEqual([['caIssuers', true], ['ocsp', true]]);
    } finally {
      writeFileSync(index, before);
    }
  });

  it('verifyPdfOnline: nothing to fetch for certificates without URLs; nothing said for an unsigned file', async () => {
    const none = fetcher({});
    const r = await verifyPdfOnline(plainPdf, options(), none.f);
    expect(none.asked).toEqual([]);
    expect(r.reasons.map((x) => x.code)).toEqual(['ONLINE_NOTHING_TO_FETCH']);
    expect(r.online?.sources).toEqual([]);
    const unsigned = await verifyPdfOnline(placeholderPdf({ unsigned: true }), options(), none.f);
    expect(unsigned.reasons.map((x) => x.code)).toEqual(['NO_SIGNATURES']);
  });
});
