/**
 * Issue 9, classes 3, 4 and 8: what real writers do to a file's structure. Files are written byte by byte to
 * ISO 32000, rewritten by qpdf, signed by `openssl cms` and poppler's pdfsig (see rw/tools-pdf.ts); pdfsig's own
 * verdict is checked alongside ours where it has one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePdf } from '../../core/pdf/parse/index.js';
import { verifyPdf, type VerificationReport } from '../../core/verify/index.js';
import { makeTempDir } from '../helpers/pki.js';
import { assertTools, skipWithout } from '../helpers/tools.js';
import { appendSignatureUpdate, concat, enc, fillPlaceholder, makeToolPki, must, opensslCms, pdfsigAdd, pdfsigDb, pdfsigSays, placeholderPdf, qpdf, txt, type ToolPki } from './rw/tools-pdf.js';

const TOOLS = ['openssl', 'qpdf', 'pdfsig', 'certutil', 'pk12util'];
const skip = skipWithout(...TOOLS);
const temp = makeTempDir('saoy-rw-structure-');
let pki: ToolPki;
let nss: string;

const codes = (r: VerificationReport) => [...new Set([...r.reasons.map((x) => x.code), ...r.signatures.flatMap((s) => s.reasons.map((x) => x.code))])];
const verify = (bytes: Uint8Array) => verifyPdf(bytes, { trustAnchors: [pki.rootDer] });
const signed = (pdf: Uint8Array) => fillPlaceholder(pdf, (data) => opensslCms(pki, data, ['-md', 'sha256']));
/** A further signature in a new field, as an incremental update written to ISO 32000 §7.5.6 and signed by openssl. */
const pdfsigSign = (pdf: Uint8Array, field: string) => {
  writeFileSync(join(temp.dir, 'to-sign.pdf'), pdf);
  must('pdfsig', ['-nssdir', nss, '-nick', 'rwsigner', '-sign', field, join(temp.dir, 'to-sign.pdf'), join(temp.dir, 'signed-field.pdf')], 'pdfsig -sign');
  return new Uint8Array(readFileSync(join(temp.dir, 'signed-field.pdf')));
};
const signAgain = (pdf: Uint8Array, field: string) => signed(appendSignatureUpdate(pdf, field));

describe.skipIf(skip)('real-world structure (classes 3, 4, 8)', () => {
  beforeAll(() => {
    assertTools(...TOOLS);
    pki = makeToolPki(temp.dir, 'rsa');
    nss = pdfsigDb(pki, { cert: pki.leafPem, key: pki.keyPem });
  }, 60_000);

  it('baseline: a byte-written PDF signed by openssl cms is valid (and pdfsig agrees)', async () => {
    const pdf = signed(placeholderPdf());
    const r = await verify(pdf);
    expect(r.verdict, JSON.stringify(codes(r))).toBe('valid');
    expect(pdfsigSays(temp.dir, nss, pdf)).toEqual(['Signature is Valid.']);
  });

  describe('class 3: linearized files', () => {
    it('Acrobat "signed twice": a linearized file holding the first signature, then an incremental signature', async () => {
      // qpdf --linearize writes the first-page xref section near the start (its /Prev is the main section at
      // the end); the first signature's ByteRange ends at the main section's %%EOF.
      const lin = qpdf(temp.dir, placeholderPdf(), ['--linearize'], 'lin');
      expect(txt(lin)).toMatch(/\/Linearized 1/);
      const first = signed(lin);
      const parsed = await parsePdf(first);
      expect(parsed.revisions).toHaveLength(1);
      expect(parsed.revisions[0].end).toBe(first.length);
      expect(parsed.anomalies.join('\n')).not.toMatch(/REVISION_ORDER|STARTXREF_MISMATCH/);
      const r1 = await verify(first);
      expect(r1.verdict, JSON.stringify(codes(r1))).toBe('valid');
      expect(r1.signatures[0].coverage).toBe('ENTIRE_FILE');
      expect(pdfsigSays(temp.dir, nss, first)).toEqual(['Signature is Valid.']);

      const twice = signAgain(first, 'Second');
      const p2 = await parsePdf(twice);
      expect(p2.revisions).toHaveLength(2);
      const r2 = await verify(twice);
      expect(r2.verdict, JSON.stringify(codes(r2))).toBe('valid');
      expect(r2.signatures.map((s) => s.indication)).toEqual(['PASSED', 'PASSED']);
      expect(pdfsigSays(temp.dir, nss, twice)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    });

    it('a linearized signed file with a disallowed update after it stays invalid', async () => {
      const first = signed(qpdf(temp.dir, placeholderPdf(), ['--linearize'], 'lin2'));
      const t = txt(first);
      const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(t)![1]);
      const body = 'BT /F1 18 Tf 20 100 Td (FORGED) Tj ET';
      const contentsNum = Number(/\/Contents (\d+) 0 R/.exec(t)![1]);
      const objAt = first.length;
      const obj = `${contentsNum} 0 obj\n<< /Length ${body.length} >>\nstream\n${body}\nendstream\nendobj\n`;
      const xrefAt = objAt + obj.length;
      const size = Number(/\/Size (\d+)/.exec(t)![1]);
      const root = /\/Root (\d+ \d+ R)/.exec(t)![1];
      const update = `${obj}xref\n0 1\n0000000000 65535 f \n${contentsNum} 1\n${String(objAt).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size} /Root ${root} /Prev ${startxref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
      const r = await verify(concat(first, update));
      expect(r.verdict).toBe('invalid');
      expect(codes(r)).toContain('MODIFIED_AFTER_SIGNING');
    });
  });

  describe('class 4: sloppy but readable files', () => {
    it.each([-2, -1, 1, 3])('a signed file whose final startxref is %i bytes off its xref is valid', async (delta) => {
      const pdf = signed(placeholderPdf({ startxrefDelta: delta }));
      const parsed = await parsePdf(pdf);
      expect(parsed.anomalies.join('\n')).toMatch(/STARTXREF_OFF: revision 0/);
      const r = await verify(pdf);
      expect(r.verdict, JSON.stringify(codes(r))).toBe('valid');
    });

    it('an unsigned update after the signature whose startxref is off is not explained (a repair), unlike a signed one', async () => {
      const pdf = signed(placeholderPdf());
      const t = txt(pdf);
      const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(t)![1]);
      const xrefAt = pdf.length + 1;
      const update = `\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 8 /Root 1 0 R /Prev ${prev} >>\nstartxref\n${xrefAt + 2}\n%%EOF\n`;
      const exact = concat(pdf, update.replace(`startxref\n${xrefAt + 2}`, `startxref\n${xrefAt}`));
      expect((await verify(exact)).verdict).toBe('valid');
      const r = await verify(concat(pdf, update));
      expect(r.verdict).toBe('invalid');
      expect(codes(r)).toContain('PDF_STRUCTURE_ANOMALY');
    });

    it('a final startxref far from any xref is not "a few bytes off": the file is not readable', async () => {
      const r = await verify(signed(placeholderPdf({ startxrefDelta: -200 })));
      expect(r.verdict).toBe('error');
    });

    it('an xref chain that revisits a section (/Prev to itself) is read once and the signature is valid', async () => {
      const pdf = signed(placeholderPdf({ selfPrev: true }));
      const parsed = await parsePdf(pdf);
      expect(parsed.anomalies.join('\n')).toMatch(/XREF_CHAIN_REVISIT/);
      expect(parsed.revisions).toHaveLength(1);
      const r = await verify(pdf);
      expect(r.verdict, JSON.stringify(codes(r))).toBe('valid');
    });

    it('a linearized original (qpdf) signed by pdfsig: the first-page section is not a revision', async () => {
      const lin = qpdf(temp.dir, placeholderPdf({ unsigned: true }), ['--linearize'], 'lin3');
      const one = pdfsigAdd(temp.dir, nss, lin, 'Signature1');
      expect((await parsePdf(one)).revisions).toHaveLength(2);
      expect(pdfsigSays(temp.dir, nss, one)).toEqual(['Signature is Valid.']);
      const r = await verify(one);
      expect(r.signatures.map((s) => s.intact && s.valid)).toEqual([true]);
      expect(r.signatures[0].signedRevision).toBe(1);
    });

    it('a sloppy first signature plus an incremental one: both signatures checked from their ByteRange', async () => {
      const twice = signAgain(signed(placeholderPdf({ startxrefDelta: 2 })), 'Second');
      const r = await verify(twice);
      expect(r.verdict, JSON.stringify(codes(r))).toBe('valid');
      expect(r.signatures).toHaveLength(2);
    });
  });

  it('a pdfsig signature on a file that already has a form (widget in the page /Annots, not in /Fields) is found and checked', async () => {
    const twice = pdfsigAdd(temp.dir, nss, signed(placeholderPdf()), 'Second');
    expect(pdfsigSays(temp.dir, nss, twice)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    const r = await verify(twice);
    expect(r.signatures.map((s) => s.fieldName)).toEqual(['Signature1', 'Second']);
    expect(codes(r)).not.toContain('SIGNATURE_UNREACHABLE');
    expect(r.signatures[1].intact && r.signatures[1].valid && r.signatures[1].trusted).toBe(true);
  });

  describe('class 8: unreadable bytes after signing', () => {
    it('garbage after the signed %%EOF: invalid (unreadable update after signing), the signature itself intact', async () => {
      const r = await verify(concat(signed(placeholderPdf()), '\n8 0 obj\n<< /Evil (yes) >>\nendobj\n'));
      expect(r.verdict).toBe('invalid');
      expect(codes(r)).toContain('MODIFIED_AFTER_SIGNING');
      expect(r.reasons.find((x) => x.code === 'MODIFIED_AFTER_SIGNING')!.en).toMatch(/unreadable update after signing/);
      expect(r.signatures[0].intact).toBe(true);
      expect(r.signatures[0].valid).toBe(true);
    });

    it('a second (pdfsig) update whose xref section is broken: invalid, not error; the first signature is checked', async () => {
      const first = signed(placeholderPdf());
      const twice = pdfsigAdd(temp.dir, nss, first, 'Second');
      const t = txt(twice);
      const at = [...t.matchAll(/\bxref\r?\n/g)].at(-1)!.index;
      expect(at).toBeGreaterThan(first.length);
      const broken = twice.slice();
      broken.set(enc('xreg'), at);
      const r = await verify(broken);
      expect(r.verdict).toBe('invalid');
      expect(codes(r)).toEqual(expect.arrayContaining(['MODIFIED_AFTER_SIGNING', 'SIGNED_PART_UNREADABLE']));
      expect(r.signatures).toHaveLength(1);
      expect(r.signatures[0].indication).toBe('PASSED');
    });

    it('a signed file cut short is never unsigned', async () => {
      // One signature, made by pdfsig as an update filling the empty field; cut in the middle of that update.
      const unsigned = placeholderPdf({ unsigned: true });
      expect((await verify(unsigned)).verdict).toBe('unsigned');
      const one = pdfsigSign(unsigned, 'Signature1');
      expect((await verify(one)).verdict).toBe('valid');
      for (const cut of [unsigned.length + 200, Math.floor((unsigned.length + one.length) / 2), one.length - 30]) {
        const r = await verify(one.subarray(0, cut));
        expect(r.verdict, `cut at ${cut}`).toBe('invalid');
        expect(codes(r)).toContain('SIGNED_PART_UNREADABLE');
      }
      // Two signatures, cut inside the second update: the first signature is still checked and passes.
      const two = signAgain(one, 'Two');
      const r2 = await verify(two.subarray(0, two.length - 40));
      expect(r2.verdict).toBe('invalid');
      expect(r2.signatures.map((s) => s.indication)).toEqual(['PASSED']);
      expect(codes(r2)).toContain('MODIFIED_AFTER_SIGNING');
    });
  });
});
