/**
 * core/verify/checks/signature.ts beyond the PAdES path of signature-check.test.ts: the legacy sub-filters
 * (adbe.x509.rsa_sha1: a bare PKCS#1 signature and a /Cert; adbe.pkcs7.sha1: an attached CMS over the SHA-1 digest),
 * a SHA-1 CMS digest, a CMS without certificates, and signature dictionaries that are unreachable, unreadable or have
 * no /SubFilter. PDFs are written byte by byte (tests/verify/rw/tools-pdf.ts); RSA signatures come from node:crypto
 * with a pooled test key, CMS from `openssl cms` (a few calls in beforeAll).
 */
import { createHash, createPrivateKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPdf, type SignatureReport, type VerificationReport } from '../../../core/verify/index.js';
import { exportPkcs8, makeLeaf, makeRoot, makeTempDir, writeKeyPem, writePem, type TestIdentity } from '../../helpers/pki.js';
import { assertTools, run, skipWithout } from '../../helpers/tools.js';
import { octetString } from '../../verify/rw/der-cms.js';
import { enc, fillPlaceholder, placeholderPdf, txt } from '../../verify/rw/tools-pdf.js';

const codes = (s: SignatureReport) => s.reasons.map((r) => r.code);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
/** Replaces `from` by `to` of the same length (byte offsets unchanged). */
function swap(pdf: Uint8Array, from: string, to: string): Uint8Array {
  expect(to.length).toBe(from.length);
  const t = txt(pdf);
  expect(t).toContain(from);
  return enc(t.replace(from, to));
}
/** Flips one byte of the signed page content (inside the first ByteRange part). */
function tamper(pdf: Uint8Array): Uint8Array {
  const out = pdf.slice();
  out[Buffer.from(pdf).indexOf('Ban sao')] ^= 0x01;
  return out;
}
const byField = (r: VerificationReport, name: string) => {
  const s = r.signatures.find((x) => x.fieldName === name);
  expect(s, JSON.stringify(r.signatures.map((x) => x.fieldName))).toBeDefined();
  return s!;
};

describe('checkSignature: legacy sub-filters and odd signature dictionaries', () => {
  let root: TestIdentity;
  let leaf: TestIdentity;
  let key: KeyObject;
  const anchors = () => ({ trustAnchors: [root.certificate] });
  /** adbe.x509.rsa_sha1 over the ByteRange bytes with `md`, /Cert as given. */
  const rawRsa = (md: string, cert = `/Cert <${hex(leaf.certificate)}> `, wrap: (s: Uint8Array) => Uint8Array = octetString) =>
    fillPlaceholder(placeholderPdf({ subFilter: 'adbe.x509.rsa_sha1', sigExtra: cert }), (d) => wrap(nodeSign(md, d, key)));

  beforeAll(async () => {
    root = await makeRoot();
    leaf = await makeLeaf(root);
    key = createPrivateKey({ key: Buffer.from(await exportPkcs8(leaf.keys.privateKey)), format: 'der', type: 'pkcs8' });
  });

  describe('adbe.x509.rsa_sha1', () => {
    it('with SHA-256: PASSED, intact, valid, trusted, its signer and key named, no weak-algorithm reason', async () => {
      const s = byField(await verifyPdf(rawRsa('sha256'), anchors()), 'Signature1');
      expect(codes(s)).toEqual([]);
      expect(s.indication).toBe('PASSED');
      expect([s.intact, s.valid, s.trusted]).toEqual([true, true, true]);
      expect(s.subFilter).toBe('adbe.x509.rsa_sha1');
      expect(s.signer?.commonName).toBe('Nguyễn Văn Thử (TEST)');
      expect(s.keyAlgorithm).toMatch(/RSA/);
      expect(s.coverage).toBe('ENTIRE_FILE');
    });

    it('with SHA-384 and SHA-512 too (the hash is the one inside the DigestInfo)', async () => {
      for (const md of ['sha384', 'sha512']) {
        const s = byField(await verifyPdf(rawRsa(md), anchors()), 'Signature1');
        expect(codes(s), md).toEqual([]);
        expect(s.indication).toBe('PASSED');
      }
    });

    it('with SHA-1: WEAK_ALGORITHM, never PASSED, though intact and valid', async () => {
      const s = byField(await verifyPdf(rawRsa('sha1'), anchors()), 'Signature1');
      expect(codes(s)).toEqual(['WEAK_ALGORITHM']);
      expect(s.reasons[0].en).toContain('(adbe.x509.rsa_sha1 with SHA-1)');
      expect(s.indication).not.toBe('PASSED');
      expect(s.intact && s.valid).toBe(true);
    });

    it('a changed signed byte: no hash verifies, DIGEST_MISMATCH and SIGNATURE_INVALID, FAILED (HASH_FAILURE)', async () => {
      const s = byField(await verifyPdf(tamper(rawRsa('sha256')), anchors()), 'Signature1');
      expect(codes(s)).toEqual(['WEAK_ALGORITHM', 'DIGEST_MISMATCH', 'SIGNATURE_INVALID']);
      expect(s.indication).toBe('FAILED');
      expect(s.subIndication).toBe('HASH_FAILURE');
      expect([s.intact, s.valid]).toEqual([false, false]);
    });

    it('/Cert as an array: its first string is the signer, the rest is the pool for the chain', async () => {
      const s = byField(await verifyPdf(rawRsa('sha256', `/Cert [<${hex(leaf.certificate)}> <${hex(root.certificate)}>] `), { trustAnchors: [root.certificate] }), 'Signature1');
      expect(codes(s)).toEqual([]);
      expect(s.chain.map((c) => c.commonName)).toEqual(['Nguyễn Văn Thử (TEST)', 'saoy TEST Root CA']);
      // The root first: it is taken as the signer, and the signature does not verify with its key.
      const wrongFirst = byField(await verifyPdf(rawRsa('sha256', `/Cert [<${hex(root.certificate)}> <${hex(leaf.certificate)}>] `), anchors()), 'Signature1');
      expect(codes(wrongFirst)).toContain('SIGNATURE_INVALID');
      expect(wrongFirst.signer?.commonName).toBe('saoy TEST Root CA');
    });

    it('no /Cert, or a /Cert that is no certificate: SIGNER_CERT_MISSING, FAILED, no signer', async () => {
      for (const cert of ['', '/Cert <3003020100> ', '/Cert 42 ']) {
        const s = byField(await verifyPdf(rawRsa('sha256', cert), anchors()), 'Signature1');
        expect(codes(s), cert).toEqual(['SIGNER_CERT_MISSING']);
        expect(s.indication).toBe('FAILED');
        expect(s.signer).toBeUndefined();
        expect(s.valid).toBe(false);
      }
    });

    it('/Contents that is not a DER OCTET STRING: CONTENTS_INVALID (FORMAT_FAILURE), nothing else', async () => {
      const s = byField(await verifyPdf(rawRsa('sha256', undefined, (sig) => sig), anchors()), 'Signature1');
      expect(codes(s)).toEqual(['CONTENTS_INVALID']);
      expect(s.reasons[0].en).toMatch(/\(adbe\.x509\.rsa_sha1: .+\)/);
      // Well-formed DER, but a SEQUENCE around the signature instead of an OCTET STRING.
      const asSequence = (sig: Uint8Array) => {
        const o = new Uint8Array(octetString(sig));
        o[0] = 0x30;
        return o;
      };
      const seq = byField(await verifyPdf(rawRsa('sha256', undefined, asSequence), anchors()), 'Signature1');
      expect(codes(seq)).toEqual(['CONTENTS_INVALID']);
      expect(seq.reasons[0].en).toContain('(adbe.x509.rsa_sha1: not an OCTET STRING)');
      expect(s.subIndication).toBe('FORMAT_FAILURE');
      expect(s.indication).toBe('FAILED');
      expect(s.signer).toBeUndefined();
    });
  });

  describe('signature dictionaries found in odd places', () => {
    it('a signature dictionary no field reaches: SIGNATURE_UNREACHABLE, and the rest is still checked', async () => {
      const placeholder = swap(placeholderPdf({ subFilter: 'adbe.x509.rsa_sha1', sigExtra: `/Cert <${hex(leaf.certificate)}> ` }), ' /V 5 0 R', '         ');
      const pdf = fillPlaceholder(placeholder, (d) => octetString(nodeSign('sha256', d, key)));
      const r = await verifyPdf(pdf, anchors());
      expect(r.signatures).toHaveLength(1);
      const s = r.signatures[0];
      expect(s.fieldName).toBe('(signature object 5, no field)');
      expect(codes(s)).toEqual(['SIGNATURE_UNREACHABLE']);
      expect(s.intact && s.valid && s.trusted).toBe(true);
      expect(s.signer?.commonName).toBe('Nguyễn Văn Thử (TEST)');
      expect(s.indication).toBe('FAILED');
    });

    it('a field whose /V cannot be read: CONTENTS_INVALID (FORMAT_FAILURE), nothing else checked', async () => {
      const pdf = swap(rawRsa('sha256'), ' /V 5 0 R', ' /V 9 0 R');
      const s = byField(await verifyPdf(pdf, anchors()), 'Signature1');
      expect(codes(s)).toEqual(['CONTENTS_INVALID']);
      expect(s.reasons[0].en).toContain('(the signature dictionary cannot be read)');
      expect(s.subIndication).toBe('FORMAT_FAILURE');
      expect(s.indication).toBe('FAILED');
      expect(s.subFilter).toBeUndefined();
    });

    it('no /SubFilter at all: SUBFILTER_UNSUPPORTED without a name, INDETERMINATE (FORMAT_FAILURE)', async () => {
      const pdf = swap(rawRsa('sha256'), '/SubFilter /adbe.x509.rsa_sha1', '                              ');
      const s = byField(await verifyPdf(pdf, anchors()), 'Signature1');
      expect(codes(s)).toEqual(['SUBFILTER_UNSUPPORTED']);
      expect(s.reasons[0].en).not.toContain('(');
      expect(s.indication).toBe('INDETERMINATE');
      expect(s.subIndication).toBe('FORMAT_FAILURE');
    });
  });

  describe.skipIf(skipWithout('openssl'))('CMS made by openssl', () => {
    let tmp: ReturnType<typeof makeTempDir>;
    let certPem: string;
    let keyPem: string;
    const cms = (data: Uint8Array, args: string[]): Uint8Array => {
      const input = join(tmp.dir, 'in.bin');
      const output = join(tmp.dir, 'out.der');
      writeFileSync(input, data);
      const r = run('openssl', ['cms', '-sign', '-binary', '-in', input, '-signer', certPem, '-inkey', keyPem, '-outform', 'DER', '-out', output, ...args]);
      if (r.status !== 0) throw new Error(r.stderr);
      return new Uint8Array(readFileSync(output));
    };
    const pkcs7sha1 = (md: string) =>
      fillPlaceholder(placeholderPdf({ subFilter: 'adbe.pkcs7.sha1' }), (d) => cms(createHash('sha1').update(d).digest(), ['-nodetach', '-md', md]));

    beforeAll(async () => {
      assertTools('openssl');
      tmp = makeTempDir('saoy-siglegacy-');
      certPem = writePem(tmp.dir, 'leaf.pem', leaf.certificate);
      keyPem = await writeKeyPem(tmp.dir, 'leaf.key', leaf.keys.privateKey);
    });
    afterAll(() => tmp.cleanup());

    it('adbe.pkcs7.sha1 with a SHA-256 CMS: intact and valid, but WEAK_ALGORITHM (adbe.pkcs7.sha1), INDETERMINATE', async () => {
      const s = byField(await verifyPdf(pkcs7sha1('sha256'), anchors()), 'Signature1');
      expect(codes(s)).toEqual(['WEAK_ALGORITHM']);
      expect(s.reasons[0].en).toContain('(adbe.pkcs7.sha1)');
      expect(s.indication).toBe('INDETERMINATE');
      expect([s.intact, s.valid, s.trusted]).toEqual([true, true, true]);
    });

    it('adbe.pkcs7.sha1 with a SHA-1 CMS: one WEAK_ALGORITHM (SHA-1)', async () => {
      const s = byField(await verifyPdf(pkcs7sha1('sha1'), anchors()), 'Signature1');
      expect(codes(s)).toEqual(['WEAK_ALGORITHM']);
      expect(s.reasons[0].en).toContain('(SHA-1)');
      expect(s.intact && s.valid).toBe(true);
    });

    it('adbe.pkcs7.sha1 after a changed byte: DIGEST_MISMATCH naming the SHA-1 digest, FAILED (HASH_FAILURE), valid CMS', async () => {
      const s = byField(await verifyPdf(tamper(pkcs7sha1('sha256')), anchors()), 'Signature1');
      expect(codes(s)).toEqual(['DIGEST_MISMATCH', 'WEAK_ALGORITHM']);
      expect(s.reasons[0].en).toContain('(the signed SHA-1 digest is not that of the ByteRange bytes)');
      expect(s.subIndication).toBe('HASH_FAILURE');
      expect(s.indication).toBe('FAILED');
      expect(s.intact).toBe(false);
      expect(s.valid).toBe(true);
    });

    it('adbe.pkcs7.sha1 with a detached CMS (no content inside): DIGEST_MISMATCH', async () => {
      const pdf = fillPlaceholder(placeholderPdf({ subFilter: 'adbe.pkcs7.sha1' }), (d) => cms(createHash('sha1').update(d).digest(), ['-md', 'sha256']));
      const s = byField(await verifyPdf(pdf, anchors()), 'Signature1');
      expect(codes(s)).toContain('DIGEST_MISMATCH');
      expect(s.intact).toBe(false);
      expect(s.indication).toBe('FAILED');
    });

    it('a detached CMS with a SHA-1 digest: WEAK_ALGORITHM (SHA-1), never PASSED', async () => {
      const pdf = fillPlaceholder(placeholderPdf({ subFilter: 'adbe.pkcs7.detached' }), (d) => cms(d, ['-md', 'sha1']));
      const s = byField(await verifyPdf(pdf, anchors()), 'Signature1');
      expect(codes(s)).toEqual(['WEAK_ALGORITHM']);
      expect(s.reasons[0].en).toContain('(SHA-1)');
      expect(s.indication).toBe('INDETERMINATE');
      expect(s.intact && s.valid && s.trusted).toBe(true);
    });

    it('a digest this platform cannot compute (SHA3-256): ALGORITHM_UNSUPPORTED (CRYPTO_CONSTRAINTS_FAILURE), INDETERMINATE, neither intact nor broken', async () => {
      const pdf = fillPlaceholder(placeholderPdf({ subFilter: 'ETSI.CAdES.detached' }), (d) => cms(d, ['-md', 'sha3-256']));
      const s = byField(await verifyPdf(pdf, anchors()), 'Signature1');
      expect(codes(s)).toEqual(['ALGORITHM_UNSUPPORTED']);
      expect(s.reasons[0].en).toMatch(/\((?!UNSUPPORTED_)[^)]*SHA3-256[^)]*\)$/i);
      expect(s.indication).toBe('INDETERMINATE');
      expect(s.subIndication).toBe('CRYPTO_CONSTRAINTS_FAILURE');
      expect([s.intact, s.valid]).toEqual([false, false]);
      expect(s.trusted).toBe(true);
      expect(s.signer?.commonName).toBe('Nguyễn Văn Thử (TEST)');
    });

    it('a detached CMS without certificates: SIGNER_CERT_MISSING, FAILED, nothing about trust', async () => {
      const pdf = fillPlaceholder(placeholderPdf({ subFilter: 'adbe.pkcs7.detached' }), (d) => cms(d, ['-md', 'sha256', '-nocerts']));
      const s = byField(await verifyPdf(pdf, anchors()), 'Signature1');
      expect(codes(s)).toEqual(['SIGNER_CERT_MISSING']);
      expect(s.indication).toBe('FAILED');
      expect(s.signer).toBeUndefined();
      expect(s.chain).toEqual([]);
    });
  });
});
