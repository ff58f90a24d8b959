/**
 * core/verify/index.ts (verifyPdf) around the signature checks: the size and time limits, unreadable files,
 * unsigned files, bytes after the readable revisions (garbage, a cut-off update, a broken xref), the digester a
 * platform gives, and what the report says about the file. Signatures are adbe.x509.rsa_sha1 made with node:crypto
 * over hand-written PDFs (tests/verify/rw/tools-pdf.ts): no CMS, no TSA, fast enough for mutation testing.
 */
import { createHash, createPrivateKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPdf, type VerificationReport } from '../../../core/verify/index.js';
import { webCryptoDigester, type RangeDigester } from '../../../core/verify/hash.js';
import { appendUpdate } from '../../corpus/pdf-bytes.js';
import { buildEcopyXmp } from '../../../core/ecopy/xmp.js';
import { exportPkcs8, makeLeaf, makeRoot, makeTempDir, type TestIdentity } from '../../helpers/pki.js';
import { skipWithout } from '../../helpers/tools.js';
import { octetString } from '../../verify/rw/der-cms.js';
import { concat, enc, fillPlaceholder, placeholderPdf, qpdf, txt } from '../../verify/rw/tools-pdf.js';

const codes = (r: VerificationReport) => r.reasons.map((x) => x.code);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const AT = new Date('2026-06-01T00:00:00Z');

describe('verifyPdf', () => {
  let root: TestIdentity;
  let leaf: TestIdentity;
  let key: KeyObject;
  let signed: Uint8Array;
  const opts = () => ({ trustAnchors: [root.certificate], fileName: 'x.pdf' });
  const sign = (pdf: Uint8Array) => fillPlaceholder(pdf, (d) => octetString(nodeSign('sha256', d, key)));
  const withCert = () => ({ subFilter: 'adbe.x509.rsa_sha1', sigExtra: `/Cert <${Buffer.from(leaf.certificate).toString('hex')}> ` });

  beforeAll(async () => {
    root = await makeRoot();
    leaf = await makeLeaf(root);
    key = createPrivateKey({ key: Buffer.from(await exportPkcs8(leaf.keys.privateKey)), format: 'der', type: 'pkcs8' });
    signed = sign(placeholderPdf(withCert()));
  });

  it('a signed file: valid, with its name, size, SHA-256, evaluation time, signatures and LTV summary', async () => {
    const r = await verifyPdf(signed, { ...opts(), at: new Date() });
    expect(r.verdict, JSON.stringify(r.reasons)).toBe('valid');
    expect(r.reasons).toEqual([]);
    expect(r.file).toBe('x.pdf');
    expect(r.size).toBe(signed.length);
    expect(r.sha256).toBe(sha256(signed));
    expect(r.signatures.map((s) => [s.fieldName, s.indication])).toEqual([['Signature1', 'PASSED']]);
    expect(r.ltv).toBeDefined();
    expect(r.ecopy).toBeUndefined();
    const at = new Date('2026-01-02T03:04:05Z');
    expect((await verifyPdf(signed, { ...opts(), at })).checkedAt).toBe(at.toISOString());
  });

  it('a file over the size limit: error (PDF_LIMIT) naming both sizes, nothing read, no hash', async () => {
    const r = await verifyPdf(signed, { ...opts(), at: AT, limits: { maxFileBytes: signed.length - 1 } });
    expect(r.verdict).toBe('error');
    expect(codes(r)).toEqual(['PDF_LIMIT']);
    expect(r.reasons[0].en).toContain(`(${signed.length} bytes; the limit is ${signed.length - 1})`);
    expect(r.sha256).toBe('');
    expect(r.signatures).toEqual([]);
    expect([r.file, r.size, r.checkedAt]).toEqual(['x.pdf', signed.length, AT.toISOString()]);
    // Exactly at the limit is fine.
    expect((await verifyPdf(signed, { ...opts(), limits: { maxFileBytes: signed.length } })).verdict).toBe('valid');
  });

  it('a verification that takes longer than maxMillis: error (PDF_LIMIT), with the file hash', async () => {
    const r = await verifyPdf(signed, { ...opts(), limits: { maxMillis: 0 } });
    expect(r.verdict).toBe('error');
    expect(codes(r)).toEqual(['PDF_LIMIT']);
    expect(r.reasons[0].en).toContain('(verification took longer than 0 ms)');
    expect(r.reasons[0].vi).toContain('(quá 0 ms)');
    expect(r.sha256).toBe(sha256(signed));
    expect(r.signatures).toEqual([]);
  });

  it('not a PDF: error (PDF_UNREADABLE) with the parser’s words, and the hash', async () => {
    const junk = enc('hello, this is not a PDF at all');
    const r = await verifyPdf(junk, opts());
    expect(r.verdict).toBe('error');
    expect(codes(r)).toEqual(['PDF_UNREADABLE']);
    expect(r.reasons[0].en).toMatch(/\(.+\)/);
    expect(r.reasons[0].vi).toMatch(/\(.+\)/);
    expect(r.sha256).toBe(sha256(junk));
  });

  it('a parser limit (more than a million cross-reference entries): error (PDF_LIMIT), not PDF_UNREADABLE', async () => {
    const huge = enc(`%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 1000001\n0000000000 65535 f \ntrailer\n<< /Size 1000001 /Root 1 0 R >>\nstartxref\n42\n%%EOF\n`);
    const r = await verifyPdf(huge, opts());
    expect(r.verdict).toBe('error');
    expect(codes(r)).toEqual(['PDF_LIMIT']);
    expect(r.reasons[0].en).toMatch(/\(.+\)$/);
  });

  it('the only signature broken: invalid (not an error), no e-copy data', async () => {
    const bad = signed.slice();
    bad[Buffer.from(bad).indexOf('Ban sao')] ^= 0x01;
    const r = await verifyPdf(bad, opts());
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toEqual(['WEAK_ALGORITHM', 'DIGEST_MISMATCH', 'SIGNATURE_INVALID']);
    expect(r.ecopy).toBeUndefined();
    expect(r.ecopyChecks).toBeUndefined();
  });

  it('e-copy data comes from the signed revision of an intact signature, and the e-copy profile runs on it', async () => {
    const xmp = buildEcopyXmp({ certNo: '15', bookNo: '01/2026-SCT/BS', date: '2026-03-05', office: 'UBND phường Hạc Thành', certifier: 'Lê Thị Thu Hà', authority: 'UBND phường Hạc Thành', docName: 'Giấy khai sinh', pageCount: 1 } as Parameters<typeof buildEcopyXmp>[0]);
    const xmpBytes = new Uint8Array(Buffer.from(xmp, 'utf8'));
    const cert = Buffer.from(leaf.certificate).toString('hex');
    const withMeta = appendUpdate(placeholderPdf({ unsigned: true }), [
      { num: 8, body: concat(`<< /Type /Metadata /Subtype /XML /Length ${xmpBytes.length} >>\nstream\n`, xmpBytes, '\nendstream') },
      { num: 9, body: `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.x509.rsa_sha1 /Cert <${cert}> /ByteRange [0 1111111111 2222222222 3333333333] /Contents <${'0'.repeat(2000)}> >>` },
      { num: 4, body: '<< /FT /Sig /T (Signature1) /V 9 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /F 132 /P 3 0 R >>' },
      { num: 1, body: '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /SigFlags 3 >> /Metadata 8 0 R >>' },
    ]).bytes;
    const copy = sign(withMeta);
    const r = await verifyPdf(copy, opts());
    expect(r.ecopy).toMatchObject({ certNo: '15', office: 'UBND phường Hạc Thành', certifier: 'Lê Thị Thu Hà' });
    expect(r.ecopyChecks?.map((c) => [c.id, c.status])).toEqual([['AUTHORITY_PRESENT', 'fail'], ['OFFICE_MATCH', 'skipped'], ['CERTIFIER_MATCH', 'fail'], ['DATE_MATCH', 'skipped']]);
    expect(r.verdict).toBe('indeterminate');
    expect(codes(r)[0]).toBe('ECOPY_AUTHORITY_MISSING');
    // The same copy with its signature broken: no e-copy data is taken from it, no profile.
    const bad = copy.slice();
    bad[Buffer.from(bad).indexOf('Ban sao')] ^= 0x01;
    const rb = await verifyPdf(bad, opts());
    expect(rb.ecopy).toBeUndefined();
    expect(rb.ecopyChecks).toBeUndefined();
    expect(rb.verdict).toBe('invalid');
  });

  it('given intermediates, CRLs and OCSP responses are used: a signer whose issuer is not in the file chains through one given', async () => {
    const sub = await makeLeaf(root, { isCA: true, keyUsage: ['keyCertSign', 'cRLSign'], subject: { country: 'VN', organization: 'saoy TEST', commonName: 'saoy TEST Sub CA' } });
    const deep = await makeLeaf(sub);
    const deepKey = createPrivateKey({ key: Buffer.from(await exportPkcs8(deep.keys.privateKey)), format: 'der', type: 'pkcs8' });
    const pdf = fillPlaceholder(placeholderPdf({ subFilter: 'adbe.x509.rsa_sha1', sigExtra: `/Cert <${Buffer.from(deep.certificate).toString('hex')}> ` }), (d) => octetString(nodeSign('sha256', d, deepKey)));
    expect(codes(await verifyPdf(pdf, opts()))).toEqual(['CHAIN_UNTRUSTED']);
    const r = await verifyPdf(pdf, { ...opts(), intermediates: [sub.certificate], crls: [], ocspResponses: [] });
    expect(r.verdict, JSON.stringify(r.reasons)).toBe('valid');
    expect(r.signatures[0].chain.map((c) => c.commonName)).toEqual(['Nguyễn Văn Thử (TEST)', 'saoy TEST Sub CA', 'saoy TEST Root CA']);
  });

  describe.skipIf(skipWithout('qpdf'))('encrypted files (qpdf)', () => {
    let tmp: ReturnType<typeof makeTempDir>;
    beforeAll(() => {
      tmp = makeTempDir('saoy-verify-enc-');
    });
    afterAll(() => tmp.cleanup());

    it('a password to open it: error (PDF_PASSWORD_REQUIRED), nothing checked', async () => {
      const r = await verifyPdf(qpdf(tmp.dir, signed, ['--encrypt', 'user', 'owner', '256', '--']), opts());
      expect(r.verdict).toBe('error');
      expect(codes(r)).toEqual(['PDF_PASSWORD_REQUIRED']);
      expect(r.reasons[0].en).toMatch(/\(.+\)$/);
      expect(r.signatures).toEqual([]);
    });

    it('an owner password only: opened with the empty password, field name and claimed time shown decrypted', async () => {
      const withTime = sign(placeholderPdf({ ...withCert(), sigExtra: `${withCert().sigExtra}/M (D:20260305103000Z) ` }));
      for (const args of [['--encrypt', '', 'owner', '256', '--'], ['--encrypt', '', 'owner', '128', '--use-aes=y', '--']]) {
        const r = await verifyPdf(qpdf(tmp.dir, withTime, args), opts());
        expect(r.verdict, args.join(' ')).not.toBe('error');
        expect(r.signatures.map((s) => s.fieldName)).toEqual(['Signature1']);
        expect(r.signatures[0].claimedTime).toBe('2026-03-05T10:30:00.000Z');
      }
    });
  });

  it('an unsigned file: unsigned (NO_SIGNATURES)', async () => {
    const plain = placeholderPdf({ unsigned: true });
    const r = await verifyPdf(plain, opts());
    expect(r.verdict).toBe('unsigned');
    expect(codes(r)).toEqual(['NO_SIGNATURES']);
    expect(r.sha256).toBe(sha256(plain));
    expect(r.ltv).toBeUndefined();
  });

  describe('bytes after the readable revisions', () => {
    it('garbage after a signed file: invalid, MODIFIED_AFTER_SIGNING (unreadable update after signing) first; the signature itself passes', async () => {
      const r = await verifyPdf(concat(signed, '\n8 0 obj\n<< /Evil (yes) >>\nendobj\n'), opts());
      expect(r.verdict).toBe('invalid');
      expect(codes(r)).toEqual(['MODIFIED_AFTER_SIGNING']);
      expect(r.reasons[0].en).toContain('(unreadable update after signing: ');
      expect(r.reasons[0].vi).toContain('(phần cập nhật sau khi ký không đọc được)');
      expect(r.signatures.map((s) => s.indication)).toEqual(['PASSED']);
    });

    it('garbage with a signing mark after a signed file: SIGNED_PART_UNREADABLE too, after it', async () => {
      const r = await verifyPdf(concat(signed, '\n8 0 obj\n<< /ByteRange [0 1 2 3] >>\nendobj\n'), opts());
      expect(r.verdict).toBe('invalid');
      expect(codes(r)).toEqual(['MODIFIED_AFTER_SIGNING', 'SIGNED_PART_UNREADABLE']);
    });

    it('an unsigned file followed by a signing mark is never unsigned: invalid (SIGNED_PART_UNREADABLE), whichever mark, even at the very end', async () => {
      const plain = placeholderPdf({ unsigned: true });
      for (const mark of ['/ByteRange', '/Sig', '/DocTimeStamp', 'x /Sig']) {
        const r = await verifyPdf(concat(plain, `\n9 0 obj << ${mark}`), opts());
        expect(r.verdict, mark).toBe('invalid');
        expect(codes(r)).toEqual(['SIGNED_PART_UNREADABLE']);
        expect(r.reasons[0].en).toMatch(/\(.+\)$/);
      }
      const atEnd = await verifyPdf(concat(plain, '\n9 0 obj /Sig'), opts());
      expect(atEnd.verdict).toBe('invalid');
    });

    it('an unsigned file followed by data without a signing mark stays unsigned; near-misses are no marks', async () => {
      const plain = placeholderPdf({ unsigned: true });
      for (const tail of ['\n9 0 obj << /Evil (yes) >>', '\n9 0 obj << /Si', '\n9 0 obj << Sig /Sxg ByteRange', '\n9 0 obj << /Byterange']) {
        const r = await verifyPdf(concat(plain, tail), opts());
        expect(r.verdict, tail).toBe('unsigned');
        expect(codes(r)).toEqual(['NO_SIGNATURES']);
      }
    });

    it('an unsigned file whose newest update is broken (no signing mark in it): error (PDF_UNREADABLE), not unsigned', async () => {
      const plain = placeholderPdf({ unsigned: true });
      const update = appendUpdate(plain, [{ num: 8, body: '<< /Producer (x) >>' }]).bytes;
      // Its startxref points 40 bytes past its xref section: the older revision is read, the update is not.
      const t = txt(update);
      const m = /startxref\n(\d+)\n%%EOF\n$/.exec(t)!;
      expect(Number(m[1])).toBeGreaterThan(plain.length);
      const r = await verifyPdf(enc(t.slice(0, m.index) + `startxref\n${Number(m[1]) + 40}\n%%EOF\n`), opts());
      expect(r.verdict).toBe('error');
      expect(codes(r)).toEqual(['PDF_UNREADABLE']);
      expect(r.reasons[0].en).toMatch(/\(.+\)$/);
    });
  });

  it('an anomaly after the signed revision (a startxref that is not part of any revision): invalid (PDF_STRUCTURE_ANOMALY)', async () => {
    const update = appendUpdate(signed, [{ num: 8, body: '<< /Producer (x) >>' }]).bytes;
    const t = txt(update);
    const m = /startxref\n(\d+)\n%%EOF\n$/.exec(t)!;
    const r = await verifyPdf(enc(t.slice(0, m.index) + `startxref\n${Number(m[1]) + 3}\n%%EOF\n`), opts());
    expect(r.verdict).toBe('invalid');
    expect(codes(r)[0]).toBe('PDF_STRUCTURE_ANOMALY');
    expect(r.reasons[0].en).toMatch(/^.*\(.+\)$/);
  });

  it('a platform digester: the signed prefix is hashed first (oldest first), the whole file last', async () => {
    const calls: string[] = [];
    const digester: RangeDigester = async (alg, bytes, spans) => {
      calls.push(`${alg} ${spans.map(([a, b]) => `${a}-${b}`).join(',')}`);
      return webCryptoDigester(alg, bytes, spans);
    };
    const r = await verifyPdf(signed, opts(), { createDigester: () => digester });
    expect(r.verdict).toBe('valid');
    expect(r.sha256).toBe(sha256(signed));
    const a = Number(/\/ByteRange\s*\[\s*0\s+(\d+)/.exec(txt(signed))![1]);
    expect(calls[0]).toBe(`SHA-256 0-${a}`);
    expect(calls.at(-1)).toBe(`SHA-256 0-${signed.length}`);
  });

  it('a platform digester is not asked ahead for a ByteRange that starts nowhere or runs past the end of the file', async () => {
    const t = txt(signed);
    const m = /\/ByteRange \[0 (\d+ *)/.exec(t)!;
    // The first span starting at 1 (no prefix), or made longer than the file (the placeholder's padding gives room).
    const variants = [t.replace('/ByteRange [0 ', '/ByteRange [1 '), t.replace(m[0], `/ByteRange [0 ${String(signed.length + 1).padEnd(m[1].length, ' ')}`)];
    for (const broken of variants) {
      expect(broken.length).toBe(t.length);
      const calls: string[] = [];
      const digester: RangeDigester = async (alg, bytes, spans) => {
        calls.push(`${alg} ${spans.map(([a, b]) => `${a}-${b}`).join(',')}`);
        return webCryptoDigester(alg, bytes, spans);
      };
      const r = await verifyPdf(enc(broken), opts(), { createDigester: () => digester });
      expect(codes(r)[0]).toBe('BYTE_RANGE_INVALID');
      expect(calls).toEqual([`SHA-256 0-${signed.length}`]);
    }
  });

  it('several signatures: each reported in document order, the file verdict from all', async () => {
    const first = signed;
    const cert = Buffer.from(leaf.certificate).toString('hex');
    const update = appendUpdate(first, [
      { num: 8, body: `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.x509.rsa_sha1 /Cert <${cert}> /ByteRange [0 1111111111 2222222222 3333333333] /Contents <${'0'.repeat(2000)}> >>` },
      { num: 9, body: '<< /FT /Sig /T (Second) /V 8 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /F 132 /P 3 0 R >>' },
      // The newer field listed first: the prefixes must still be hashed oldest first.
      { num: 1, body: '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [9 0 R 4 0 R] /SigFlags 3 >> >>' },
      { num: 3, body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 6 0 R /Annots [4 0 R 9 0 R] /Resources << /Font << /F1 7 0 R >> >> >>' },
    ]).bytes;
    const two = sign(update);
    const calls: string[] = [];
    const digester: RangeDigester = async (alg, bytes, spans) => {
      calls.push(`${alg} ${spans.map(([a, b]) => `${a}-${b}`).join(',')}`);
      return webCryptoDigester(alg, bytes, spans);
    };
    const r = await verifyPdf(two, opts(), { createDigester: () => digester });
    const starts = [...txt(two).matchAll(/\/ByteRange\s*\[\s*0\s+(\d+)/g)].map((m) => Number(m[1]));
    expect(starts).toHaveLength(2);
    expect(starts[0]).toBeLessThan(starts[1]);
    // The signed prefixes are hashed oldest first, before any signature is checked.
    expect(calls.slice(0, 2)).toEqual([`SHA-256 0-${starts[0]}`, `SHA-256 0-${starts[1]}`]);
    expect(r.signatures.map((s) => [s.fieldName, s.signedRevision, s.intact, s.valid])).toEqual([
      ['Second', 1, true, true],
      ['Signature1', 0, true, true],
    ]);
    expect(r.signatures[0].indication).toBe('PASSED');
    expect(r.verdict).toBe('valid');
    expect(r.reasons).toEqual([]);
    // The first signature sees the second one's update as signing (form filling), the second sees nothing after it.
    expect(r.signatures.map((s) => s.modificationLevel)).toEqual(['NONE', 'FORM_FILLING']);
    // The second signature broken: the file is invalid whatever the first says.
    const bad = two.slice();
    const contents = txt(two).lastIndexOf('/Contents <') + 12;
    bad[contents] = bad[contents] === 0x41 ? 0x42 : 0x41;
    const rb = await verifyPdf(bad, opts());
    expect(rb.verdict).toBe('invalid');
    expect(rb.signatures.map((s) => s.indication)).toEqual(['FAILED', 'PASSED']);
  });
});
