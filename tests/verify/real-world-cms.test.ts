/**
 * Issue 9, class 5: signature containers legitimate signers write. Each PDF is written byte by byte
 * (rw/tools-pdf.ts); each CMS comes from `openssl cms -sign` or, for what OpenSSL 3.0's CMS cannot make (EdDSA,
 * RSA-PSS with SHA-3), is written byte by byte to RFC 5652/8419 around a signature from the openssl command line
 * (rw/der-cms.ts). An algorithm the platform cannot check must give `indeterminate`, never `invalid`; SHA-1 never
 * gives `valid`.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addUnsignedAttribute } from '../../core/cms/unsigned-attributes.js';
import { verifyPdf, type VerificationReport } from '../../core/verify/index.js';
import { makeRoot, makeTempDir } from '../helpers/pki.js';
import { assertTools, skipWithout } from '../helpers/tools.js';
import { makeTsa } from '../unit/trust/fixtures.js';
import { derCms, OIDS, octetString, opensslSign, pssParams } from './rw/der-cms.js';
import { fillPlaceholder, makeToolPki, opensslCms, placeholderPdf, type KeyKind, type ToolPki } from './rw/tools-pdf.js';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { must } from './rw/tools-pdf.js';

const skip = skipWithout('openssl');
const temp = makeTempDir('saoy-rw-cms-');
const pkis = new Map<string, ToolPki>();
const pki = (k: KeyKind) => {
  let p = pkis.get(k);
  if (!p) pkis.set(k, (p = makeToolPki(temp.dir, k)));
  return p;
};
const codes = (r: VerificationReport) => [...new Set([...r.reasons.map((x) => x.code), ...r.signatures.flatMap((s) => s.reasons.map((x) => x.code))])];
const verify = (bytes: Uint8Array, p: ToolPki) => verifyPdf(bytes, { trustAnchors: [p.rootDer] });
/** Flips one byte of the signed page content (inside the first ByteRange part). */
function tamper(pdf: Uint8Array): Uint8Array {
  const out = pdf.slice();
  const at = Buffer.from(pdf).indexOf('Ban sao');
  out[at] ^= 0x01;
  return out;
}

describe.skipIf(skip)('real-world signature containers (class 5)', () => {
  beforeAll(() => assertTools('openssl'));

  describe('CMS without signed attributes (RFC 5652 §5.4, adbe.pkcs7.detached)', () => {
    it.each(['rsa', 'ec-p256'] as const)('%s, openssl cms -sign -noattr: valid; a changed byte: invalid', async (kind) => {
      const p = pki(kind);
      const pdf = fillPlaceholder(placeholderPdf(), (d) => opensslCms(p, d, ['-noattr', '-md', 'sha256']));
      const r = await verify(pdf, p);
      expect(r.verdict, JSON.stringify(codes(r))).toBe('valid');
      expect(r.signatures[0].intact).toBe(true);
      const bad = await verify(tamper(pdf), p);
      expect(bad.verdict).toBe('invalid');
      expect(codes(bad)).toContain('DIGEST_MISMATCH');
    });
  });

  describe('EdDSA (RFC 8419)', () => {
    const ed = (kind: 'ed25519' | 'ed448', attrs: boolean, digest: { oid: string; name: string }) => {
      const p = pki(kind);
      const pdf = fillPlaceholder(placeholderPdf(), (d) =>
        derCms(p, d, { digestOid: digest.oid, digestName: digest.name, signatureOid: kind === 'ed25519' ? OIDS.ed25519 : OIDS.ed448, signedAttributes: attrs, sign: (tbs) => opensslSign(p, tbs, { eddsa: true }) }),
      );
      return { p, pdf };
    };
    it.each([true, false])('Ed25519 (signed attributes: %s): valid; a changed byte: invalid', async (attrs) => {
      const { p, pdf } = ed('ed25519', attrs, { oid: OIDS.sha512, name: 'sha512' });
      const r = await verify(pdf, p);
      expect(r.verdict, JSON.stringify(codes(r))).toBe('valid');
      expect(r.signatures[0].keyAlgorithm).toBe('Ed25519');
      const bad = await verify(tamper(pdf), p);
      expect(bad.verdict).toBe('invalid');
    });
    it('Ed448 with SHA-512 (Node has Ed448): valid', async () => {
      const { p, pdf } = ed('ed448', true, { oid: OIDS.sha512, name: 'sha512' });
      const r = await verify(pdf, p);
      expect(r.verdict, JSON.stringify(codes(r))).toBe('valid');
    });
    it('Ed448 with SHAKE256 (RFC 8419 §3.1; WebCrypto has no SHAKE): indeterminate, never invalid', async () => {
      const { p, pdf } = ed('ed448', true, { oid: OIDS.shake256, name: 'shake256' });
      const r = await verify(pdf, p);
      expect(r.verdict).toBe('indeterminate');
      expect(codes(r)).toContain('ALGORITHM_UNSUPPORTED');
      expect(codes(r)).not.toContain('SIGNATURE_INVALID');
    });
  });

  describe('brainpool curves (RFC 5639; WebCrypto has none, checked with BigInt arithmetic)', () => {
    it.each([['brainpoolP256r1', 'sha256'], ['brainpoolP384r1', 'sha384'], ['brainpoolP512r1', 'sha512']] as const)('ECDSA on %s with %s (openssl cms -sign): valid; a changed byte: invalid', async (kind, md) => {
      const p = pki(kind);
      const pdf = fillPlaceholder(placeholderPdf(), (d) => opensslCms(p, d, ['-md', md]));
      const r = await verify(pdf, p);
      expect(r.verdict, JSON.stringify(codes(r))).toBe('valid');
      expect(r.signatures[0].keyAlgorithm).toBe(`EC-${kind}`);
      const bad = await verify(tamper(pdf), p);
      expect(bad.verdict).toBe('invalid');
      // A wrong signature value (last byte of s flipped; the CMS ends with it) is a broken signature.
      const wrong = await verify(fillPlaceholder(placeholderPdf(), (d) => {
        const c = opensslCms(p, d, ['-md', md]);
        c[c.length - 1] ^= 1;
        return c;
      }), p);
      expect(wrong.verdict).toBe('invalid');
      expect(codes(wrong)).toContain('SIGNATURE_INVALID');
    });
  });

  describe('algorithms WebCrypto cannot check: indeterminate', () => {
    it('RSA-PSS with SHA3-256 (RFC 8702)', async () => {
      const p = pki('rsa');
      const pdf = fillPlaceholder(placeholderPdf(), (d) =>
        derCms(p, d, { digestOid: OIDS.sha3_256, digestName: 'sha3-256', signatureOid: OIDS.rsaPss, signatureParams: pssParams(OIDS.sha3_256, 32), signedAttributes: true,
          sign: (tbs) => opensslSign(p, tbs, { md: 'sha3-256', sigopts: ['rsa_padding_mode:pss', 'rsa_pss_saltlen:32', 'rsa_mgf1_md:sha3-256'] }) }),
      );
      const r = await verify(pdf, p);
      expect(r.verdict).toBe('indeterminate');
      expect(codes(r)).toContain('ALGORITHM_UNSUPPORTED');
    });
    it('RSA-PSS with SHA-256 (openssl cms -keyopt rsa_padding_mode:pss): valid', async () => {
      const p = pki('rsa');
      const pdf = fillPlaceholder(placeholderPdf(), (d) => opensslCms(p, d, ['-md', 'sha256', '-keyopt', 'rsa_padding_mode:pss']));
      const r = await verify(pdf, p);
      expect(r.verdict, JSON.stringify(codes(r))).toBe('valid');
    });
  });

  describe('legacy SHA-1 formats: checked, never valid', () => {
    it('adbe.pkcs7.sha1: CMS (attached) over the SHA-1 digest of the ByteRange bytes', async () => {
      const p = pki('rsa');
      for (const md of ['sha1', 'sha256']) {
        const pdf = fillPlaceholder(placeholderPdf({ subFilter: 'adbe.pkcs7.sha1' }), (d) =>
          opensslCms(p, createHash('sha1').update(d).digest(), ['-nodetach', '-md', md]),
        );
        const r = await verify(pdf, p);
        expect(r.verdict, `${md}: ${JSON.stringify(codes(r))}`).toBe('indeterminate');
        expect(codes(r)).toEqual(['WEAK_ALGORITHM']);
        expect(r.signatures[0].intact && r.signatures[0].valid).toBe(true);
        const bad = await verify(tamper(pdf), p);
        expect(bad.verdict).toBe('invalid');
        expect(codes(bad)).toContain('DIGEST_MISMATCH');
      }
    });
    it('adbe.x509.rsa_sha1: a PKCS#1 signature in /Contents, the certificate in /Cert', async () => {
      const p = pki('rsa');
      const certHex = Buffer.from(readFileSync(p.leafPem, 'utf8').replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64').toString('hex');
      const make = (md: string) =>
        fillPlaceholder(placeholderPdf({ subFilter: 'adbe.x509.rsa_sha1', sigExtra: `/Cert <${certHex}> ` }), (d) => octetString(opensslSign(p, d, { md })));
      const sha1 = await verify(make('sha1'), p);
      expect(sha1.verdict, JSON.stringify(codes(sha1))).toBe('indeterminate');
      expect(codes(sha1)).toEqual(['WEAK_ALGORITHM']);
      const sha256 = await verify(make('sha256'), p);
      expect(sha256.verdict, JSON.stringify(codes(sha256))).toBe('valid');
      const bad = await verify(tamper(make('sha256')), p);
      expect(bad.verdict).toBe('invalid');
    });
  });

  describe('signature timestamps (RFC 3161 tokens from openssl ts)', () => {
    it('an untrusted TSA is indeterminate (TIMESTAMP_UNTRUSTED); a trusted one gives a timestamp time', async () => {
      const p = pki('rsa');
      const tsaRoot = await makeRoot({ subject: { country: 'VN', organization: 'Unlisted TSA TEST', commonName: 'Unlisted TSA Root TEST' } });
      mkdirSync(join(temp.dir, 'tsa'), { recursive: true });
      const tsa = await makeTsa(join(temp.dir, 'tsa'), tsaRoot);
      const stampOf = (cms: Uint8Array): Uint8Array => {
        // The signature value is the SignerInfo's last OCTET STRING: let openssl say where it is.
        const f = join(temp.dir, 'c.der');
        writeFileSync(f, cms);
        const dump = must('openssl', ['asn1parse', '-inform', 'DER', '-in', f], 'openssl asn1parse');
        const last = [...dump.matchAll(/^\s*(\d+):d=\d+\s+hl=(\d+)\s+l=\s*(\d+)\s+prim:\s+OCTET STRING/gm)].at(-1)!;
        const [off, hl, l] = [Number(last[1]), Number(last[2]), Number(last[3])];
        const token = tsa.stamp(cms.subarray(off + hl, off + hl + l));
        return addUnsignedAttribute(cms, '1.2.840.113549.1.9.16.2.14', [token]);
      };
      const pdf = fillPlaceholder(placeholderPdf(), (d) => stampOf(opensslCms(p, d, ['-md', 'sha256'])));
      const r = await verify(pdf, p);
      expect(r.verdict).toBe('indeterminate');
      expect(codes(r)).toEqual(['TIMESTAMP_UNTRUSTED']);
      const trusted = await verifyPdf(pdf, { trustAnchors: [p.rootDer, tsaRoot.certificate] });
      expect(trusted.verdict, JSON.stringify(codes(trusted))).toBe('valid');
      expect(trusted.signatures[0].timestampTime).toBeDefined();
    });
  });
});
