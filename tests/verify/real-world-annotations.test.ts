/**
 * Issue 9, modification level ANNOTATIONS (ISO 32000-2 §12.8.2.2): comments and markup added or changed after
 * signing. Made by independent software: MuPDF (`mutool run`, page.createAnnotation, incremental save) on files
 * signed by poppler's pdfsig (no certification) and by saoy with DocMDP P=3, P=2 and P=1; plus updates written
 * byte by byte to the spec. P=3 and an uncertified document permit comments; P=2 and P=1 do not (DOCMDP_VIOLATION);
 * links, actions, new form widgets and a comment turned into something else stay "modified after signing".
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../core/certify/sign-pdf.js';
import type { DocMdpLevel } from '../../core/pdf/signature-field.js';
import { createWebCryptoSigner } from '../../core/signers/webcrypto.js';
import { parsePdf } from '../../core/pdf/parse/index.js';
import { analyseChanges } from '../../core/verify/diff/analyse.js';
import { RULES } from '../../core/verify/diff/rules/index.js';
import { verifyPdf } from '../../core/verify/index.js';
import type { VerificationReport } from '../../core/verify/report.js';
import { appendUpdate, dictOf, lastTrailer, streamBody } from '../corpus/pdf-bytes.js';
import { makeRealWorldPki, must, REAL_WORLD_TOOLS, type RealWorldPki } from '../corpus/real-world/pki.js';
import { formDoc } from '../corpus/real-world/sources.js';
import { makeLeaf, makeRoot, makeTempDir, type TestIdentity } from '../helpers/pki.js';
import { assertTools, skipWithout } from '../helpers/tools.js';

const skip = skipWithout(...REAL_WORLD_TOOLS);
if (!skip) assertTools(...REAL_WORLD_TOOLS);
const temp = makeTempDir('saoy-annotations-');
afterAll(() => temp.cleanup());

/** MuPDF's annotation tools, as a viewer's "comment" feature uses them. */
const SCRIPT = [
  'var doc = new PDFDocument(scriptArgs[0]);',
  'var page = doc.loadPage(0);',
  'var kind = scriptArgs[2];',
  'if (kind == "edit") {',
  '  var as = page.getAnnotations();',
  '  for (var i = 0; i < as.length; i++) if (as[i].getType() == "Text") { as[i].setContents("Noi dung da sua"); as[i].update(); }',
  '} else {',
  '  if (kind == "Link") { page.createLink([50, 700, 300, 722], "https://example.invalid/"); doc.save(scriptArgs[1], "incremental"); quit(); }',
  '  var a = page.createAnnotation(kind);',
  '  if (kind == "Text") { a.setContents("Da doi chieu voi ban chinh"); a.setRect([20, 20, 40, 40]); }',
  '  if (kind == "Highlight") { a.setQuadPoints([[50, 730, 300, 730, 50, 700, 300, 700]]); a.setColor([1, 1, 0]); }',
  '  if (kind == "Ink") { a.setInkList([[[20, 20], [60, 60], [100, 20]]]); }',
  '  if (kind == "FreeText") { a.setRect([320, 700, 560, 730]); a.setContents("Ghi chu"); }',
  '  a.update();',
  '}',
  'doc.save(scriptArgs[1], "incremental");',
].join('\n');

let n = 0;
function mutool(pdf: Uint8Array, kind: string): Uint8Array {
  const i = join(temp.dir, `in-${++n}.pdf`);
  const o = join(temp.dir, `out-${n}.pdf`);
  writeFileSync(i, pdf);
  must('mutool', ['run', join(temp.dir, 'annot.js'), i, o, kind], `mutool run annot.js ${kind}`);
  return new Uint8Array(readFileSync(o));
}

const codes = (r: VerificationReport) => [...new Set([...r.reasons.map((x) => x.code), ...r.signatures.flatMap((s) => s.reasons.map((x) => x.code))])];
const context = (r: VerificationReport) =>
  `${r.verdict} [${codes(r).join(', ')}] ${r.signatures.flatMap((s) => s.modifications.map((m) => `${m.allowed ? '+' : '-'} ${m.object}: ${m.description}`)).join(' | ')}`;

function expectComments(r: VerificationReport, signatures = 1): void {
  expect(r.verdict, context(r)).toBe('valid');
  expect(r.signatures).toHaveLength(signatures);
  expect(r.signatures[0].modificationLevel, context(r)).toBe('ANNOTATIONS');
  expect(r.signatures[0].modifications.length).toBeGreaterThan(0);
  expect(r.signatures[0].modifications.every((m) => m.allowed), context(r)).toBe(true);
}

function expectModified(r: VerificationReport): void {
  expect(r.verdict, context(r)).toBe('invalid');
  expect(codes(r), context(r)).toContain('MODIFIED_AFTER_SIGNING');
  expect(r.signatures[0].modificationLevel).toBe('OTHER');
}

describe.skipIf(skip)('comments and markup after signing (level ANNOTATIONS)', () => {
  let pki: RealWorldPki;
  let signed: Uint8Array;
  const verify = (pdf: Uint8Array) => verifyPdf(pdf, { trustAnchors: [pki.root] });
  const pdfsigSign = (pdf: Uint8Array, field: string, lock?: string) => {
    const i = join(temp.dir, `sig-${++n}.pdf`);
    const o = join(temp.dir, `sig-${n}-out.pdf`);
    writeFileSync(i, lock ? formDoc({ lockA: lock }) : pdf);
    must('pdfsig', ['-nssdir', pki.nss, '-nick', pki.nick, '-sign', field, i, o], `pdfsig -sign ${field}`);
    return new Uint8Array(readFileSync(o));
  };

  beforeAll(() => {
    writeFileSync(join(temp.dir, 'annot.js'), SCRIPT);
    pki = makeRealWorldPki(join(temp.dir, 'pki'));
    signed = pdfsigSign(formDoc(), 'sigA');
  });

  it.each(['Text', 'Highlight', 'Ink', 'FreeText'])('pdfsig-signed (no certification), then MuPDF adds a %s annotation: valid, level ANNOTATIONS', async (kind) => {
    const r = await verify(mutool(signed, kind));
    expectComments(r);
    expect(r.signatures[0].modifications.map((m) => m.description).join(' ')).toContain('comment or markup annotation');
  });

  it('MuPDF adds a comment, then edits it (new /Contents and appearance): still ANNOTATIONS; a later pdfsig signature keeps both valid', async () => {
    const edited = mutool(mutool(signed, 'Text'), 'edit');
    expectComments(await verify(edited));
    const r = await verify(pdfsigSign(edited, 'sigB'));
    expect(r.verdict, context(r)).toBe('valid');
    expect(r.signatures.map((s) => s.modificationLevel)).toEqual(['ANNOTATIONS', 'NONE']);
  });

  it('each explanation needs its rule: without page-annotations a new comment, without annotations.ts a signed comment edited, is unexplained', async () => {
    const level = async (pdf: Uint8Array, drop: string) => {
      const rev = (await verify(pdf)).signatures[0].signedRevision as number;
      return (await analyseChanges(await parsePdf(pdf), rev, RULES.filter((r) => r.name !== drop))).level;
    };
    const added = mutool(signed, 'Text');
    expect(await level(added, 'annotations')).toBe('ANNOTATIONS');
    expect(await level(added, 'page-annotations')).toBe('OTHER');
    // The comment is part of what was signed; MuPDF then edits it in place.
    const edited = mutool(pdfsigSign(mutool(formDoc(), 'Text'), 'sigA'), 'edit');
    expectComments(await verify(edited));
    expect(await level(edited, 'page-annotations')).toBe('ANNOTATIONS');
    expect(await level(edited, 'annotations')).toBe('OTHER');
  });

  it('MuPDF adds a link annotation: not a comment, modified after signing', async () => {
    expectModified(await verify(mutool(signed, 'Link')));
  });

  it('a /Lock with /P 2 on the signed field forbids comments; /P 3 permits them', async () => {
    const p2 = pdfsigSign(formDoc(), 'sigA', '<< /Type /SigFieldLock /Action /Include /Fields [ (choice) ] /P 2 >>');
    const r2 = await verify(mutool(p2, 'Text'));
    expect(r2.verdict, context(r2)).toBe('invalid');
    expect(r2.signatures[0].modifications.some((m) => !m.allowed && m.description.includes('/Lock /P 2'))).toBe(true);
    const p3 = pdfsigSign(formDoc(), 'sigA', '<< /Type /SigFieldLock /Action /Include /Fields [ (choice) ] /P 3 >>');
    expectComments(await verify(mutool(p3, 'Text')));
  });

  describe('byte by byte (ISO 32000-2 §12.5.6, §12.8.2.2)', () => {
    const page = 3;
    const withAnnots = (pdf: Uint8Array, nums: number[]) => dictOf(pdf, page).replace(/\/Annots\s*\[([^\]]*)\]/, (_, inner: string) => `/Annots [${inner} ${nums.map((x) => `${x} 0 R`).join(' ')} ]`);
    const add = (pdf: Uint8Array, annot: string, extra: { num: number; body: string | Uint8Array }[] = []) => {
      const k = lastTrailer(pdf).size;
      return appendUpdate(pdf, [{ num: page, body: withAnnots(pdf, [k]) }, { num: k, body: annot.replaceAll('SELF', String(k)) }, ...extra]).bytes;
    };
    const note = (k: string) => `<< /Type /Annot /Subtype /Text /Rect [ 20 20 40 40 ] /Contents (Ghi chu) /P 3 0 R /M (D:20261203120000Z) /F 4${k} >>`;

    it('a Text annotation with its own appearance stream: valid, ANNOTATIONS', async () => {
      const k = lastTrailer(signed).size;
      const pdf = add(signed, note(` /AP << /N ${k + 1} 0 R >>`), [{ num: k + 1, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 20 20 ]', '1 1 0 rg 0 0 20 20 re f') }]);
      expectComments(await verify(pdf));
    });

    it('a comment with a JavaScript action, a new text-field widget, or a comment turned into a link: modified after signing', async () => {
      expectModified(await verify(add(signed, note(' /A << /S /JavaScript /JS (app.alert(1)) >>'))));
      expectModified(await verify(add(signed, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (added) /Rect [ 50 600 300 622 ] /F 4 /P 3 0 R >>')));
      const commented = add(signed, note(''));
      const k = lastTrailer(signed).size;
      expectComments(await verify(commented));
      const link = appendUpdate(commented, [{ num: k, body: dictOf(commented, k).replace('/Subtype /Text', '/Subtype /Link') }]).bytes;
      expectModified(await verify(link));
    });

    it('a comment whose appearance is the signed text field\'s appearance stream, rewritten: modified after signing', async () => {
      const commented = add(signed, note(' /AP << /N 12 0 R >>'));
      expectComments(await verify(commented));
      const rewritten = appendUpdate(commented, [{ num: 12, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 250 22 ]', 'BT /Helv 12 Tf 2 6 Td (Tran Van B) Tj ET') }]).bytes;
      expectModified(await verify(rewritten));
    });

    it('removing a comment that was there when signing is not explained (modified after signing)', async () => {
      const commented = mutool(formDoc(), 'Text');
      const s = pdfsigSign(commented, 'sigA');
      const annots = /\/Annots\s*\[([^\]]*)\]/.exec(dictOf(s, page))![1].trim().split(/\s+(?=\d+\s+0\s+R)/);
      const fewer = dictOf(s, page).replace(/\/Annots\s*\[[^\]]*\]/, `/Annots [ ${annots.slice(0, 4).join(' ')} ]`);
      expectModified(await verify(appendUpdate(s, [{ num: page, body: fewer }]).bytes));
    });
  });
});

describe.skipIf(skip)('DocMDP and comments: P=3 permits, P=2 and P=1 do not (saoy certifies, MuPDF comments)', () => {
  let root: TestIdentity;
  let leaf: TestIdentity;
  beforeAll(async () => {
    writeFileSync(join(temp.dir, 'annot.js'), SCRIPT);
    root = await makeRoot();
    leaf = await makeLeaf(root);
  });
  const certified = (p: DocMdpLevel) =>
    signPdf(formDoc(), { fieldName: 'sigA', signer: createWebCryptoSigner(leaf.keys.privateKey, [leaf.certificate, root.certificate]), signingTime: new Date(), docMdp: p });

  it('P=3: a MuPDF comment keeps the certification valid, level ANNOTATIONS', async () => {
    const r = await verifyPdf(mutool(await certified(3), 'Text'), { trustAnchors: [root.certificate] });
    expect(r.signatures[0].certification).toBe(3);
    expectComments(r);
  });

  it.each([2, 1] as const)('P=%i: the same comment violates the certification (DOCMDP_VIOLATION)', async (p) => {
    const r = await verifyPdf(mutool(await certified(p), 'Text'), { trustAnchors: [root.certificate] });
    expect(r.signatures[0].certification).toBe(p);
    expect(r.verdict, context(r)).toBe('invalid');
    expect(codes(r)).toContain('DOCMDP_VIOLATION');
    expect(r.signatures[0].modificationLevel).toBe('ANNOTATIONS');
  });
});
