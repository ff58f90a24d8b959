/**
 * core/verify/checks/signature.ts on its own, through verifyPdf on small in-process PDFs: each test plants one fault
 * (a replaced signature value, a swapped signer certificate, an expired signer, an untrusted or expired timestamp
 * authority...) and asserts the reason codes, indication and sub-indication a reader of the report sees. Fast enough
 * for Stryker: one PKI per file, a one-page form signed in memory.
 */
import { PDFDocument, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf, type SignPdfOptions } from '../../../core/certify/sign-pdf.js';
import { timestampPdf } from '../../../core/certify/timestamp-pdf.js';
import { parseSignedData } from '../../../core/cms/signed-data.js';
import { issueCertificate } from '../../../core/pki/issue.js';
import { createWebCryptoSigner } from '../../../core/signers/webcrypto.js';
import { verifyPdf, type SignatureReport, type VerificationReport } from '../../../core/verify/index.js';
import { appendUpdate, dictOf, pages, streamBody } from '../../corpus/pdf-bytes.js';
import { rawSignatures } from '../../helpers/pdf-signatures.js';
import { makeLeaf, makeRoot, makeTempDir, pemToDer, type TestIdentity } from '../../helpers/pki.js';
import { assertTools, skipWithout } from '../../helpers/tools.js';
import { DAY, makeOpensslCa, makeTsa } from '../trust/fixtures.js';
import { join } from 'node:path';

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const bytesOf = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const codes = (s: SignatureReport) => s.reasons.map((r) => r.code);

/** A one-page form with empty signature fields (`sig` by default). */
async function formPdf(names: readonly string[] = ['sig']): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 200]);
  const form = doc.getForm();
  for (const name of names) {
    const sig = doc.context.obj({ FT: 'Sig', T: PDFString.of(name), Type: 'Annot', Subtype: 'Widget', Rect: [0, 0, 0, 0], F: 4, P: page.ref });
    const sigRef = doc.context.register(sig);
    form.acroForm.addField(sigRef);
    page.node.addAnnot(sigRef);
  }
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}

/** Replaces `from` (hex of some DER) inside the PDF's /Contents by `to` of the same length, whatever the hex case. */
function replaceHex(pdf: Uint8Array, from: Uint8Array, to: Uint8Array): Uint8Array {
  expect(to.length).toBe(from.length);
  const text = latin1(pdf);
  for (const [f, t] of [[hex(from), hex(to)], [hex(from).toUpperCase(), hex(to).toUpperCase()]]) {
    const at = text.indexOf(f);
    if (at >= 0) return bytesOf(text.slice(0, at) + t + text.slice(at + f.length));
  }
  throw new Error('DER not found in /Contents');
}

describe('checkSignature: one planted fault, one reason', () => {
  let root: TestIdentity;
  let leaf: TestIdentity;
  let form: Uint8Array;
  let signed: Uint8Array;
  let signingTime: Date;
  const anchors = () => ({ trustAnchors: [root.certificate] });
  const sign = async (opts: Partial<SignPdfOptions> & { identity?: TestIdentity } = {}) =>
    signPdf(form, {
      fieldName: 'sig',
      signer: createWebCryptoSigner((opts.identity ?? leaf).keys.privateKey, [(opts.identity ?? leaf).certificate, root.certificate]),
      signingTime,
      ...opts,
    });
  const only = (r: VerificationReport) => {
    expect(r.signatures).toHaveLength(1);
    return r.signatures[0];
  };

  beforeAll(async () => {
    root = await makeRoot({ notBefore: new Date(Date.now() - 10 * DAY) });
    // Valid for 3 more days: `at` 5 days ahead finds it expired.
    leaf = await makeLeaf(root, { notBefore: new Date(Date.now() - 5 * DAY), notAfter: new Date(Date.now() + 3 * DAY), serial: new Uint8Array([0x42, 0x01]) });
    form = await formPdf();
    signingTime = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    signed = await sign();
  });

  it('a sound signature: PASSED, intact, valid, trusted, with its signer, chain, claimed time and trust list', async () => {
    const r = await verifyPdf(signed, anchors());
    const s = only(r);
    expect(r.verdict, JSON.stringify(r.reasons)).toBe('valid');
    expect(codes(s)).toEqual([]);
    expect(s.indication).toBe('PASSED');
    expect(s.subIndication).toBeUndefined();
    expect([s.intact, s.valid, s.trusted]).toEqual([true, true, true]);
    expect(s.subFilter).toBe('ETSI.CAdES.detached');
    expect(s.coverage).toBe('ENTIRE_FILE');
    expect(s.signedRevision).toBe(1);
    expect(s.signedRevisionLength).toBe(signed.length);
    expect(s.claimedTime).toBe(signingTime.toISOString());
    expect(s.signer?.commonName).toBe('Nguyễn Văn Thử (TEST)');
    expect(s.chain.map((c) => c.commonName)).toEqual(['Nguyễn Văn Thử (TEST)', 'saoy TEST Root CA']);
    expect(s.keyAlgorithm).toMatch(/RSA/);
    expect(s.trustList).toBe('user');
    expect(s.modificationLevel).toBe('NONE');
    expect(s.certification).toBeUndefined();
    expect(s.timestampTime).toBeUndefined();
    expect(s.proofOfExistence).toBeUndefined();
  });

  it('a signer chaining to no trusted root is INDETERMINATE (NO_CERTIFICATE_CHAIN_FOUND), not valid', async () => {
    const other = await makeRoot();
    const s = only(await verifyPdf(signed, { trustAnchors: [other.certificate] }));
    expect(codes(s)).toEqual(['CHAIN_UNTRUSTED']);
    expect(s.indication).toBe('INDETERMINATE');
    expect(s.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
    expect(s.trusted).toBe(false);
    expect(s.intact && s.valid).toBe(true);
    expect(s.trustList).toBeUndefined();
  });

  it('an expired signer without a timestamp: CERT_EXPIRED (OUT_OF_BOUNDS_NO_POE), the claimed /M time proves nothing', async () => {
    const s = only(await verifyPdf(signed, { ...anchors(), at: new Date(Date.now() + 5 * DAY) }));
    expect(codes(s)).toEqual(['CERT_EXPIRED']);
    expect(s.indication).toBe('INDETERMINATE');
    expect(s.subIndication).toBe('OUT_OF_BOUNDS_NO_POE');
    expect(s.trusted).toBe(false);
  });

  it('a changed signed byte: DIGEST_MISMATCH (HASH_FAILURE), not intact', async () => {
    const bad = signed.slice();
    bad[20] ^= 0x01;
    const s = only(await verifyPdf(bad, anchors()));
    expect(codes(s)).toContain('DIGEST_MISMATCH');
    expect(codes(s)).not.toContain('SIGNATURE_INVALID');
    expect(s.indication).toBe('FAILED');
    expect(s.subIndication).toBe('HASH_FAILURE');
    expect(s.intact).toBe(false);
    expect(s.valid).toBe(true);
  });

  it('a replaced signature value: SIGNATURE_INVALID (SIG_CRYPTO_FAILURE) though the document is intact', async () => {
    const cms = parseSignedData(rawSignatures(signed)[0].cms);
    const forged = cms.signature.slice();
    forged[forged.length - 1] ^= 0xff;
    const s = only(await verifyPdf(replaceHex(signed, cms.signature, forged), anchors()));
    expect(codes(s)).toEqual(['SIGNATURE_INVALID']);
    expect(s.indication).toBe('FAILED');
    expect(s.subIndication).toBe('SIG_CRYPTO_FAILURE');
    expect(s.intact).toBe(true);
    expect(s.valid).toBe(false);
  });

  it('the signer certificate swapped for another with the same key and serial: signing-certificate-v2 mismatch → SIGNATURE_INVALID', async () => {
    // Same issuer, serial, subject and key, a notAfter one second later: same length, different hash.
    const twin = await issueCertificate({
      subject: { country: 'VN', organization: 'UBND phường Thử (TEST)', commonName: 'Nguyễn Văn Thử (TEST)' },
      publicKey: leaf.keys.publicKey,
      issuerCertificate: root.certificate,
      issuerKey: root.keys.privateKey,
      serial: new Uint8Array([0x42, 0x01]),
      notBefore: new Date(Date.now() - 5 * DAY),
      notAfter: new Date(Date.now() + 4 * DAY),
      isCA: false,
      keyUsage: ['digitalSignature', 'nonRepudiation'],
    });
    const s = only(await verifyPdf(replaceHex(signed, leaf.certificate, twin), anchors()));
    expect(codes(s)).toEqual(['SIGNATURE_INVALID']);
    expect(s.intact).toBe(true);
    expect(s.valid).toBe(false);
    expect(s.indication).toBe('FAILED');
  });

  it('an unknown /SubFilter: SUBFILTER_UNSUPPORTED, INDETERMINATE with FORMAT_FAILURE, nothing else checked', async () => {
    const text = latin1(signed);
    const bad = bytesOf(text.replace('/ETSI.CAdES.detached', '/ETSI.CAdES.detacheX'));
    const s = only(await verifyPdf(bad, anchors()));
    expect(codes(s)).toEqual(['SUBFILTER_UNSUPPORTED']);
    expect(s.reasons[0].en).toContain('(ETSI.CAdES.detacheX)');
    expect(s.indication).toBe('INDETERMINATE');
    expect(s.subIndication).toBe('FORMAT_FAILURE');
    expect(s.intact).toBe(false);
  });

  it('/Contents that is no CMS: CMS_INVALID (FORMAT_FAILURE)', async () => {
    const cms = rawSignatures(signed)[0].cms;
    const s = only(await verifyPdf(replaceHex(signed, cms, new Uint8Array(cms.length).fill(0x31)), anchors()));
    expect(codes(s)).toEqual(['CMS_INVALID']);
    expect(s.indication).toBe('FAILED');
    expect(s.subIndication).toBe('FORMAT_FAILURE');
  });

  it('a broken /ByteRange: BYTE_RANGE_INVALID with its problem, FORMAT_FAILURE', async () => {
    const text = latin1(signed);
    const m = /\/ByteRange\s*\[\s*0 (\d+)/.exec(text)!;
    const bad = bytesOf(text.replace(m[0], m[0].replace(/ (\d+)$/, (_, n: string) => ` ${String(Number(n) - 1).padStart(n.length, '0')}`)));
    const s = only(await verifyPdf(bad, anchors()));
    expect(codes(s)[0]).toBe('BYTE_RANGE_INVALID');
    expect(s.reasons[0].en).toMatch(/\(.+\)$/);
    expect(s.subIndication).toBe('FORMAT_FAILURE');
    expect(s.coverage).toBe('UNCLEAR');
  });

  it('a page content stream replaced after signing: MODIFIED_AFTER_SIGNING naming the object, FAILED', async () => {
    const page = pages(signed)[0];
    const content = 9000;
    const bad = appendUpdate(signed, [
      { num: content, body: streamBody('', 'BT /F1 12 Tf 10 10 Td (forged) Tj ET') },
      { num: page, body: dictOf(signed, page).replace(/>>\s*$/, `/Contents ${content} 0 R >>`) },
    ]).bytes;
    const s = only(await verifyPdf(bad, anchors()));
    expect(codes(s)).toEqual(['MODIFIED_AFTER_SIGNING']);
    expect(s.reasons[0].en).toContain(`object ${page}`);
    expect(s.modificationLevel).toBe('OTHER');
    expect(s.indication).toBe('FAILED');
    expect(s.intact && s.valid && s.trusted).toBe(true);
  });

  it('a signer certificate whose issuer signature is broken (last byte flipped): CHAIN_INVALID (CERTIFICATE_CHAIN_GENERAL_FAILURE), FAILED', async () => {
    const broken = leaf.certificate.slice();
    broken[broken.length - 1] ^= 0x01;
    const s = only(
      await verifyPdf(
        await signPdf(form, { fieldName: 'sig', signer: createWebCryptoSigner(leaf.keys.privateKey, [broken, root.certificate]), signingTime }),
        anchors(),
      ),
    );
    expect(codes(s)).toContain('CHAIN_INVALID');
    expect(s.indication).toBe('FAILED');
    expect(s.subIndication).toBe('CERTIFICATE_CHAIN_GENERAL_FAILURE');
    expect(s.trusted).toBe(false);
  });

  it('a leaf not allowed to sign (keyCertSign only): CERT_KEY_USAGE, FAILED', async () => {
    const wrong = await makeLeaf(root, { keyUsage: ['keyEncipherment'] });
    const s = only(await verifyPdf(await sign({ identity: wrong }), anchors()));
    expect(codes(s)).toContain('CERT_KEY_USAGE');
    expect(s.indication).toBe('FAILED');
    expect(s.subIndication).toBe('SIG_CONSTRAINTS_FAILURE');
  });

  it('a leaf not yet valid at the signing time: CERT_NOT_YET_VALID', async () => {
    const future = await makeLeaf(root, { notBefore: new Date(Date.now() + 2 * DAY), notAfter: new Date(Date.now() + 30 * DAY) });
    const s = only(await verifyPdf(await sign({ identity: future }), anchors()));
    expect(codes(s)).toContain('CERT_NOT_YET_VALID');
    expect(s.indication).toBe('INDETERMINATE');
    expect(s.subIndication).toBe('NOT_YET_VALID');
  });

  it('an ECDSA signer verifies and names its key', async () => {
    const ec = await makeLeaf(root, { key: 'ECDSA-P256' });
    const s = only(await verifyPdf(await sign({ identity: ec }), anchors()));
    expect(codes(s)).toEqual([]);
    expect(s.keyAlgorithm).toMatch(/EC|P-256/);
  });

  it('a certification signature reports its DocMDP level (P=1, P=3; default 2)', async () => {
    for (const p of [1, 2, 3] as const) {
      const s = only(await verifyPdf(await sign({ docMdp: p }), anchors()));
      expect(s.certification).toBe(p);
      expect(codes(s)).toEqual([]);
    }
  });

  describe.skipIf(skipWithout('openssl'))('with a signature timestamp (B-T)', () => {
    let tmp: ReturnType<typeof makeTempDir>;
    let tsa: Awaited<ReturnType<typeof makeTsa>>;
    let stamped: Uint8Array;
    beforeAll(async () => {
      assertTools('openssl');
      tmp = makeTempDir('saoy-sigcheck-');
      tsa = await makeTsa(tmp.dir, root);
      stamped = await sign({ timestamp: async (value) => tsa.stamp(value) });
    });
    afterAll(() => tmp.cleanup());

    it('proves the signature existed while the signer was valid: an expired signer stays valid', async () => {
      const s = only(await verifyPdf(stamped, { ...anchors(), at: new Date(Date.now() + 5 * DAY) }));
      expect(codes(s)).toEqual([]);
      expect(s.indication).toBe('PASSED');
      expect(s.trusted).toBe(true);
      expect(s.timestampTime).toBeDefined();
      expect(s.proofOfExistence).toBe(s.timestampTime);
      expect(Math.abs(Date.parse(s.timestampTime!) - Date.now())).toBeLessThan(DAY);
      // The TSA certificate (30 days) is the earliest end of its chain (the root is left out).
      expect(Date.parse(s.timestampValidUntil!)).toBeGreaterThan(Date.now() + 25 * DAY);
      expect(Date.parse(s.timestampValidUntil!)).toBeLessThan(Date.now() + 35 * DAY);
    });

    it('a timestamp whose TSA has expired by the evaluation time is not relied on: SIGNATURE_TIMESTAMP_UNPROVEN, signer expired', async () => {
      const s = only(await verifyPdf(stamped, { ...anchors(), at: new Date(Date.now() + 40 * DAY) }));
      expect(codes(s)).toContain('SIGNATURE_TIMESTAMP_UNPROVEN');
      expect(codes(s)).toContain('CERT_EXPIRED');
      expect(s.timestampTime).toBeUndefined();
      expect(s.proofOfExistence).toBeUndefined();
      expect(s.indication).toBe('INDETERMINATE');
    });

    it('a timestamp from an authority nobody trusts: TIMESTAMP_UNTRUSTED, and an expired signer is not saved by it', async () => {
      const otherRoot = await makeRoot();
      const otherTsa = await makeTsa(tmp.dir, otherRoot);
      const bad = await sign({ timestamp: async (value) => otherTsa.stamp(value) });
      const now = only(await verifyPdf(bad, anchors()));
      expect(codes(now)).toEqual(['TIMESTAMP_UNTRUSTED']);
      expect(now.reasons[0].en).toContain('(NO_CHAIN)');
      expect(now.indication).toBe('INDETERMINATE');
      expect(now.timestampTime).toBeUndefined();
      const later = only(await verifyPdf(bad, { ...anchors(), at: new Date(Date.now() + 5 * DAY) }));
      expect(codes(later)).toEqual(['TIMESTAMP_UNTRUSTED', 'CERT_EXPIRED']);
    });

    it('B-LTA: a later document timestamp proves an unstamped signature existed, so an expired signer stays valid; not once the TSA has expired', async () => {
      const two = await formPdf(['sig', 'ts']);
      const signedOnly = await signPdf(two, { fieldName: 'sig', signer: createWebCryptoSigner(leaf.keys.privateKey, [leaf.certificate, root.certificate]), signingTime });
      const lta = await timestampPdf(signedOnly, { fieldName: 'ts', timestamp: async (data) => tsa.stamp(data) });
      const later = await verifyPdf(lta, { ...anchors(), at: new Date(Date.now() + 5 * DAY) });
      const [s, ts] = later.signatures;
      expect(ts.subFilter).toBe('ETSI.RFC3161');
      expect(codes(ts)).toEqual([]);
      expect(codes(s)).toEqual([]);
      expect(s.indication).toBe('PASSED');
      expect(s.trusted).toBe(true);
      expect(s.timestampTime).toBeUndefined();
      expect(s.proofOfExistence).toBe(ts.timestampTime);
      // Without the document timestamp the same signature is an expired signer (signature-check's CERT_EXPIRED case).
      const tooLate = await verifyPdf(lta, { ...anchors(), at: new Date(Date.now() + 40 * DAY) });
      expect(codes(tooLate.signatures[1])).toEqual(['TIMESTAMP_TSA_EXPIRED']);
      expect(tooLate.signatures[1].subIndication).toBe('OUT_OF_BOUNDS_NO_POE');
      expect(tooLate.signatures[1].reasons[0].en).toMatch(/\(saoy TEST TSA, until \d{4}-\d\d-\d\dT/);
      expect(codes(tooLate.signatures[0])).toEqual(['CERT_EXPIRED']);
      expect(tooLate.signatures[0].proofOfExistence).toBeUndefined();
    });

    it('a CRL revoking the signer: before the claimed signing time CERT_REVOKED (FAILED, REVOKED); after it only CERT_REVOKED_LATER', async () => {
      const victim = await makeLeaf(root, { serial: new Uint8Array([0x42, 0x77]) });
      const ca = await makeOpensslCa(join(tmp.dir, 'ca'), root);
      ca.revoke(victim.certificate);
      const crls = [pemToDer(ca.crl())];
      const early = only(await verifyPdf(await sign({ identity: victim }), { ...anchors(), crls }));
      expect(codes(early)).toEqual(['CERT_REVOKED_LATER']);
      expect(early.indication).toBe('PASSED');
      expect(early.trusted).toBe(true);
      const after = only(await verifyPdf(await sign({ identity: victim, signingTime: new Date(Date.now() + 3_600_000) }), { ...anchors(), crls, at: new Date(Date.now() + 7_200_000) }));
      expect(codes(after)).toContain('CERT_REVOKED');
      expect(after.indication).toBe('FAILED');
      expect(after.subIndication).toBe('REVOKED');
      expect(after.trusted).toBe(false);
    });

    it('a timestamp over other bytes than the signature value: TIMESTAMP_INVALID, not a proof of existence', async () => {
      const bad = await sign({ timestamp: async (value) => tsa.stamp(value.map((x) => x ^ 1)) });
      const s = only(await verifyPdf(bad, { ...anchors(), at: new Date(Date.now() + 5 * DAY) }));
      expect(codes(s)).toEqual(['TIMESTAMP_INVALID', 'CERT_EXPIRED']);
      expect(s.proofOfExistence).toBeUndefined();
    });
  });
});
