/**
 * Signing reads the PDF with the verifier's strict parser (core/pdf/signing-target.ts): fields in object streams,
 * nested field names, literal strings with escapes are found and written back unchanged; a file whose newest
 * update the verifier cannot read is refused instead of being signed past it. pdfsig and qpdf check the output.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../../core/certify/sign-pdf.js';
import { parsePdf } from '../../../core/pdf/parse/index.js';
import { Budget, resolveLimits } from '../../../core/pdf/parse/limits.js';
import { parseValueAt } from '../../../core/pdf/parse/object-parser.js';
import { listFields, readSigningTarget } from '../../../core/pdf/signing-target.js';
import { writeValue } from '../../../core/pdf/write-value.js';
import { createWebCryptoSigner } from '../../../core/signers/webcrypto.js';
import { verifyPdf } from '../../../core/verify/index.js';
import { makeLeaf, makeRoot, type TestIdentity } from '../../helpers/pki.js';
import { assertTools, run, skipWithout } from '../../helpers/tools.js';

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const parseValue = (s: string) => parseValueAt(latin1(s), 0, new Budget(resolveLimits())).value;

/** A page, a parent field "office" with a signature kid "clerk (1)", and one top-level "sig"; saved as asked. */
async function formPdf(useObjectStreams: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([400, 300]);
  const form = doc.getForm();
  const widget = (t: PDFString | PDFHexString, rect: number[]) =>
    doc.context.register(doc.context.obj({ FT: 'Sig', T: t, Type: 'Annot', Subtype: 'Widget', Rect: rect, F: 4, P: page.ref }));
  const sig = widget(PDFString.of('sig'), [20, 20, 220, 80]);
  const kid = widget(PDFHexString.fromText('clerk (1) \\ ký'), [20, 100, 220, 160]);
  const parent = doc.context.register(doc.context.obj({ T: PDFString.of('office'), Kids: [kid] }));
  // The kid points back at its parent, as ISO 32000 asks.
  (doc.context.lookup(kid) as unknown as { set(k: PDFName, v: unknown): void }).set(PDFName.of('Parent'), parent);
  form.acroForm.addField(sig);
  form.acroForm.addField(parent);
  page.node.addAnnot(sig);
  page.node.addAnnot(kid);
  return doc.save({ useObjectStreams, updateFieldAppearances: false });
}

describe('writeValue: the strict model back to PDF syntax', () => {
  it('round-trips names, literal and hex strings, numbers as written, arrays, dictionaries and references', () => {
    for (const src of [
      '<< /Type /Annot /T (a\\(b\\)c\\\\d\\r) /H <00FF10> /N 1.50 /I -3 /A [1 0 R true false null [/x#20y /#23]] /D << /K /V >> >>',
      '(binary \xe9\xff bytes)',
      '/Name#2Fwith#28delims#29',
    ]) {
      const v = parseValue(src);
      expect(parseValue(writeValue(v))).toEqual(v);
    }
    expect(writeValue(parseValue('1.50'))).toBe('1.50');
    expect(writeValue(parseValue('/a#20b'))).toBe('/a#20b');
    // A raw CR inside a literal string reads as LF (ISO 32000-1 §7.3.4.2), so a CR byte is written escaped.
    expect(writeValue(parseValue('(x\\ry)'))).toBe('(x\\ry)');
  });
});

describe('signing finds fields with the verifier’s parser', () => {
  let root: TestIdentity;
  let leaf: TestIdentity;
  beforeAll(async () => {
    root = await makeRoot();
    leaf = await makeLeaf(root);
  });
  const sign = (pdf: Uint8Array, fieldName: string) =>
    signPdf(pdf, { fieldName, signer: createWebCryptoSigner(leaf.keys.privateKey, [leaf.certificate, root.certificate]), signingTime: new Date(), docMdp: 2 });

  for (const streams of [false, true]) {
    it(`finds top-level and nested fields, in ${streams ? 'object streams' : 'plain objects'}, and signs them`, async () => {
      const pdf = await formPdf(streams);
      const parsed = await parsePdf(pdf);
      const target = await readSigningTarget(pdf, 'sig');
      expect(listFields(parsed, target.catalog).map((f) => f.fullName)).toEqual(['sig', 'office.clerk (1) \\ ký']);
      expect(target.kind).toBe(streams ? 'stream' : 'table');
      expect(target.prev).toBe(parsed.revisions[parsed.revisions.length - 1].xrefOffset);
      for (const name of ['sig', 'office.clerk (1) \\ ký']) {
        const signed = await sign(pdf, name);
        const r = await verifyPdf(signed, { trustAnchors: [root.certificate] });
        expect(r.verdict, JSON.stringify(r.reasons)).toBe('valid');
        // The field dictionary was written back with its own entries unchanged, plus /V.
        const again = await parsePdf(signed);
        const { num } = (await readSigningTarget(pdf, name)).field;
        const before = parsed.getObject(num);
        const after = again.getObject(num);
        expect(after?.value.kind).toBe('dict');
        const [b, a] = [before?.value, after?.value].map((v) => (v?.kind === 'dict' ? v.entries : new Map()));
        for (const [k, v] of b) expect(a.get(k), k).toEqual(v);
        expect(a.get('V')?.kind).toBe('ref');
      }
    });
  }

  it('refuses what the verifier could not read, with the same codes as before', async () => {
    const pdf = await formPdf(false);
    await expect(readSigningTarget(pdf, 'nope')).rejects.toMatchObject({ code: 'SIG_FIELD_MISSING' });
    await expect(readSigningTarget(pdf, 'office')).rejects.toMatchObject({ code: 'SIG_FIELD_MISSING' });
    const signed = await sign(pdf, 'sig');
    await expect(readSigningTarget(signed, 'sig')).rejects.toMatchObject({ code: 'SIG_FIELD_ALREADY_SIGNED' });
    await expect(sign(signed, 'office.clerk (1) \\ ký')).rejects.toMatchObject({ code: 'SIG_ALREADY_CERTIFIED' });
    await expect(readSigningTarget(latin1('%PDF-1.7\nnot a pdf'), 'sig')).rejects.toMatchObject({ code: 'PDF_UNREADABLE' });
    // A broken newest update (its xref offset points nowhere): pdf-lib would reconstruct and sign past it,
    // cutting it out of the revision chain; the verifier reads it as unreadable, so signing refuses.
    const broken = new Uint8Array([...signed, ...latin1('\n99 0 obj << /Junk 1 >> endobj\nxref\n0 1\n0000000000 65535 f \ntrailer << /Size 100 /Prev 999999999 >>\nstartxref\n' + (signed.length + 1) + '\n%%EOF\n')]);
    const lenient = await PDFDocument.load(broken, { updateMetadata: false, throwOnInvalidObject: false });
    expect(lenient.getForm().getFields().length).toBeGreaterThan(0);
    await expect(readSigningTarget(broken, 'office.clerk (1) \\ ký')).rejects.toMatchObject({ code: 'PDF_UNREADABLE' });
  });

  it('pdfsig and qpdf accept a copy signed twice through the strict reader (object streams)', async () => {
    if (skipWithout('pdfsig', 'qpdf')) return;
    assertTools('pdfsig', 'qpdf');
    const once = await sign(await formPdf(true), 'sig');
    const twice = await signPdf(once, { fieldName: 'office.clerk (1) \\ ký', signer: createWebCryptoSigner(leaf.keys.privateKey, [leaf.certificate, root.certificate]), signingTime: new Date() });
    const dir = mkdtempSync(join(tmpdir(), 'saoy-target-'));
    const file = join(dir, 'twice.pdf');
    writeFileSync(file, twice);
    const sig = run('pdfsig', ['-nocert', file]);
    expect(sig.stdout.match(/Signature is Valid/g)?.length, sig.stdout + sig.stderr).toBe(2);
    expect(sig.stdout).toMatch(/Total document signed/);
    const check = run('qpdf', ['--check', file]);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(readFileSync(file).length).toBe(twice.length);
  });
});
