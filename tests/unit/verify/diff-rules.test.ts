/**
 * The difference rules one by one, on small files written byte by byte (tests/corpus/real-world/sources.ts) with
 * placeholder signature dictionaries: analyseChanges only compares revisions, so no cryptography is needed here
 * (the real-world corpus test checks whole verdicts). Each veto must name its rule; each level must be the one
 * pyHanko's model gives (LTA_UPDATES < FORM_FILLING < OTHER).
 */
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../../core/pdf/parse/index.js';
import { analyseChanges, type DiffResult } from '../../../core/verify/diff/analyse.js';
import { RULES } from '../../../core/verify/diff/rules/index.js';
import { appendUpdate, dictOf, enc, lastTrailer, streamBody, txt, xrefTable, type NewObject, type UpdateOptions } from '../../corpus/pdf-bytes.js';
import { withEntry } from '../../corpus/real-world/cases.js';
import { formDoc, INFO, plainDoc, taggedDoc, xmpPacket } from '../../corpus/real-world/sources.js';
import { FAKE_SIG, signedForm } from '../../helpers/signed-form.js';

const FAKE_TS = '<< /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161 /ByteRange [ 0 10 20 30 ] /Contents <3000> >>';
const up = (pdf: Uint8Array, objects: NewObject[], opts: UpdateOptions = {}) => appendUpdate(pdf, objects, opts).bytes;
const next = (pdf: Uint8Array) => lastTrailer(pdf).size;

async function diff(pdf: Uint8Array, signedRev = 1, rules = RULES): Promise<DiffResult> {
  return analyseChanges(await parsePdf(pdf), signedRev, rules);
}

const denied = (d: DiffResult) => d.modifications.filter((m) => !m.allowed).map((m) => `${m.object}: ${m.description}`);
const vetoedBy = (d: DiffResult, rule: string) => denied(d).some((x) => x.includes(`[${rule}]`));

describe('difference rules: structure', () => {
  it('every rule has a distinct name, a level and says what it explains', () => {
    const names = RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const r of RULES) {
      expect(r.explains.length).toBeGreaterThan(20);
      expect(['LTA_UPDATES', 'FORM_FILLING', 'ANNOTATIONS', 'veto']).toContain(r.level);
      expect(r.explain ?? r.review).toBeDefined();
    }
  });

  it('nothing after the signed revision is NONE', async () => {
    const d = await diff(signedForm());
    expect(d.level).toBe('NONE');
    expect(d.modifications).toEqual([]);
  });

  it('reject by default: a change no rule explains is OTHER (a page content stream rewritten)', async () => {
    const pdf = signedForm();
    const d = await diff(up(pdf, [{ num: 4, body: streamBody('/Filter /FlateDecode', deflateSync(Buffer.from('BT /F1 14 Tf 50 780 Td (Ban sao gia) Tj ET'))) }]));
    expect(d.level).toBe('OTHER');
    expect(denied(d).join()).toMatch(/object 4 .*changed after signing/);
  });
});

describe('difference rules: vetoes name their rule', () => {
  it('no-encryption: /Encrypt added to the trailer', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const raw = up(pdf, [{ num: n, body: '<< /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>' }]);
    const s = txt(raw);
    const at = s.lastIndexOf('/Prev');
    const withEncrypt = enc(`${s.slice(0, at)}/Encrypt ${n} 0 R ${s.slice(at)}`);
    const d = await diff(withEncrypt);
    expect(vetoedBy(d, 'no-encryption'), denied(d).join(' | ')).toBe(true);
  });

  it('catalog-rewrite: /Root pointing to another existing object', async () => {
    const d = await diff(up(signedForm(), [], { root: '7 0 R' }));
    expect(vetoedBy(d, 'catalog-rewrite'), denied(d).join(' | ')).toBe(true);
  });

  it('catalog-rewrite: the catalog written again as a new object with the same content is no change at all', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(up(pdf, [{ num: n, body: dictOf(pdf, 1) }], { root: `${n} 0 R` }));
    expect(d.level, denied(d).join(' | ')).not.toBe('OTHER');
  });

  it('extensions: /Extensions holding something other than developer extension dictionaries', async () => {
    const pdf = signedForm();
    const d = await diff(up(pdf, [{ num: 1, body: withEntry(dictOf(pdf, 1), 'Extensions', '<< /ADBE << /BaseVersion /1.7 /ExtensionLevel 3 /Annots [ 8 0 R ] >> >>') }]));
    expect(vetoedBy(d, 'extensions'), denied(d).join(' | ')).toBe(true);
  });

  it('extensions: a direct /Extensions plus /Version is an LTA update', async () => {
    const pdf = signedForm();
    const d = await diff(up(pdf, [{ num: 1, body: withEntry(withEntry(dictOf(pdf, 1), 'Extensions', '<< /ESIC << /BaseVersion /1.7 /ExtensionLevel 5 >> >>'), 'Version', '/2.0') }]));
    expect(d.level, denied(d).join(' | ')).toBe('LTA_UPDATES');
  });

  it('acroform: a field removed from /Fields', async () => {
    const pdf = signedForm();
    const d = await diff(up(pdf, [{ num: 7, body: dictOf(pdf, 7).replace('9 0 R ', '') }]));
    expect(vetoedBy(d, 'acroform'), denied(d).join(' | ')).toBe(true);
  });

  it('acroform: /Fields gaining a new text field', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(up(pdf, [
      { num: 7, body: dictOf(pdf, 7).replace('11 0 R', `11 0 R ${n} 0 R`) },
      { num: n, body: '<< /FT /Tx /T (added) /V (x) >>' },
    ]));
    expect(vetoedBy(d, 'acroform'), denied(d).join(' | ')).toBe(true);
  });

  it('page-annotations: an annotation removed, or a link or file attachment added; a FreeText comment is level ANNOTATIONS', async () => {
    const pdf = signedForm();
    const removed = await diff(up(pdf, [{ num: 3, body: dictOf(pdf, 3).replace('9 0 R ', '') }]));
    expect(vetoedBy(removed, 'page-annotations'), denied(removed).join(' | ')).toBe(true);
    const n = next(pdf);
    const adding = (annot: string) =>
      diff(up(pdf, [
        { num: 3, body: dictOf(pdf, 3).replace('11 0 R', `11 0 R ${n} 0 R`) },
        { num: n, body: annot },
      ]));
    const comment = await adding('<< /Type /Annot /Subtype /FreeText /Rect [ 40 300 560 360 ] /Contents (SAO Y) /DA (/Helv 18 Tf) /F 4 /P 3 0 R >>');
    expect(comment.level, denied(comment).join(' | ')).toBe('ANNOTATIONS');
    expect(comment.modifications.every((m) => m.allowed)).toBe(true);
    for (const other of [
      '<< /Type /Annot /Subtype /Link /Rect [ 40 300 560 360 ] /A << /S /URI /URI (https://example.invalid/) >> /F 4 /P 3 0 R >>',
      '<< /Type /Annot /Subtype /FileAttachment /Rect [ 40 300 60 320 ] /FS (a.exe) /F 4 /P 3 0 R >>',
      '<< /Type /Annot /Subtype /FreeText /Rect [ 40 300 560 360 ] /Contents (SAO Y) /DA (/Helv 18 Tf) /F 4 /P 3 0 R /AA << /PO << /S /JavaScript /JS (1) >> >> >>',
    ]) {
      const d = await adding(other);
      expect(vetoedBy(d, 'page-annotations'), `${other}: ${denied(d).join(' | ')}`).toBe(true);
    }
  });

  it('sign-existing-field: an empty field whose new /V is an existing signature (a transplanted value)', async () => {
    const pdf = signedForm();
    const d = await diff(up(pdf, [{ num: 11, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigB) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V 15 0 R >>' }]));
    expect(vetoedBy(d, 'sign-existing-field'), denied(d).join(' | ')).toBe(true);
  });

  it('new-signature-field: a new field whose /V is not a new signature dictionary', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(up(pdf, [
      { num: 7, body: dictOf(pdf, 7).replace('11 0 R', `11 0 R ${n} 0 R`) },
      { num: 3, body: dictOf(pdf, 3).replace('11 0 R', `11 0 R ${n} 0 R`) },
      { num: n, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (copied) /Rect [ 0 0 0 0 ] /P 3 0 R /V 15 0 R >>' },
    ]));
    expect(vetoedBy(d, 'new-signature-field'), denied(d).join(' | ')).toBe(true);
  });

  it('new-signature-field: a hidden (/F 2) new field with an appearance is invisible, so allowed (LTA level, as pyHanko)', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(up(pdf, [
      { num: 7, body: dictOf(pdf, 7).replace('11 0 R', `11 0 R ${n} 0 R`) },
      { num: 3, body: dictOf(pdf, 3).replace('11 0 R', `11 0 R ${n} 0 R`) },
      { num: n, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (hidden) /Rect [ 40 700 300 760 ] /F 2 /P 3 0 R /AP << /N ${n + 1} 0 R >> >>` },
      { num: n + 1, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 260 60 ]', '0 0 1 rg 0 0 260 60 re f') },
    ]));
    expect(d.level, denied(d).join(' | ')).toBe('LTA_UPDATES');
  });

  it('signed-field-frozen: any key of an already-signed field (here /F made hidden)', async () => {
    const pdf = signedForm();
    const d = await diff(up(pdf, [{ num: 10, body: dictOf(pdf, 10).replace('/F 132', '/F 2') }]));
    expect(vetoedBy(d, 'signed-field-frozen'), denied(d).join(' | ')).toBe(true);
  });

  it('doc-info: /Title, /Author, /Subject, /Keywords are vetoed; /Creator is not explained', async () => {
    const pdf = signedForm();
    for (const [k, v] of [['Author', 'Ke gia mao'], ['Subject', 'khac'], ['Keywords', 'khac']]) {
      const d = await diff(up(pdf, [{ num: 6, body: withEntry(dictOf(pdf, 6), k, `(${v})`) }]));
      expect(vetoedBy(d, 'doc-info'), `${k}: ${denied(d).join(' | ')}`).toBe(true);
    }
    const creator = await diff(up(pdf, [{ num: 6, body: withEntry(dictOf(pdf, 6), 'Creator', '(other)') }]));
    expect(creator.level).toBe('OTHER');
    const tool = await diff(up(pdf, [{ num: 6, body: INFO('Giay khai sinh', 'D:20270101000000Z', 'pyHanko 0.25') }]));
    expect(tool.level, denied(tool).join(' | ')).toBe('LTA_UPDATES');
  });

  it('xmp-metadata: a FlateDecode packet with only tool dates changed is an LTA update; dc:creator changed is vetoed', async () => {
    const pdf = signedForm();
    const packet = (creator: string) => streamBody('/Type /Metadata /Subtype /XML /Filter /FlateDecode', deflateSync(Buffer.from(xmpPacket({ title: 'Giay khai sinh', modify: '2027-01-01T00:00:00Z', instance: 'uuid:new' }).replace('UBND phuong Hac Thanh', creator), 'utf8')));
    const ok = await diff(up(pdf, [{ num: 14, body: packet('UBND phuong Hac Thanh') }]));
    expect(ok.level, denied(ok).join(' | ')).toBe('LTA_UPDATES');
    const bad = await diff(up(pdf, [{ num: 14, body: packet('Ke gia mao') }]));
    expect(vetoedBy(bad, 'xmp-metadata'), denied(bad).join(' | ')).toBe(true);
  });

  it('xmp-metadata: the packet written as a new object (catalog /Metadata re-pointed) with only tool changes', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const packet = streamBody('/Type /Metadata /Subtype /XML', new Uint8Array(Buffer.from(xmpPacket({ title: 'Giay khai sinh', modify: '2027-01-01T00:00:00Z', instance: 'uuid:other' }), 'utf8')));
    const ok = await diff(up(pdf, [{ num: 1, body: withEntry(dictOf(pdf, 1), 'Metadata', `${n} 0 R`) }, { num: n, body: packet }]));
    expect(ok.level, denied(ok).join(' | ')).toBe('LTA_UPDATES');
    const retitled = streamBody('/Type /Metadata /Subtype /XML', new Uint8Array(Buffer.from(xmpPacket({ title: 'Bang gia', modify: '2027-01-01T00:00:00Z', instance: 'uuid:other' }), 'utf8')));
    const bad = await diff(up(pdf, [{ num: 1, body: withEntry(dictOf(pdf, 1), 'Metadata', `${n} 0 R`) }, { num: n, body: retitled }]));
    expect(vetoedBy(bad, 'xmp-metadata'), denied(bad).join(' | ')).toBe(true);
  });

  it('dss: a /VRI entry with a key that is not validation data', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(up(pdf, [
      { num: 1, body: withEntry(dictOf(pdf, 1), 'DSS', `${n} 0 R`) },
      { num: n, body: `<< /Type /DSS /VRI << /AB12 << /Cert [ ${n + 1} 0 R ] /JS (app.alert(1)) >> >> >>` },
      { num: n + 1, body: streamBody('', 'x') },
    ]));
    expect(vetoedBy(d, 'dss'), denied(d).join(' | ')).toBe(true);
  });
});

describe('difference rules: levels and field locks', () => {
  it('a DSS-only update is LTA_UPDATES, a document timestamp too, a new signature is FORM_FILLING', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const dss = up(pdf, [
      { num: 1, body: withEntry(dictOf(pdf, 1), 'DSS', `${n} 0 R`) },
      { num: n, body: `<< /Type /DSS /Certs [ ${n + 1} 0 R ] >>` },
      { num: n + 1, body: streamBody('/Filter /FlateDecode', deflateSync(Buffer.from([0x30, 0x00]))) },
    ]);
    expect((await diff(dss)).level).toBe('LTA_UPDATES');
    const ts = up(pdf, [{ num: 11, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigB) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V 16 0 R >>' }, { num: 16, body: FAKE_TS }]);
    expect((await diff(ts)).level).toBe('LTA_UPDATES');
    const n2 = next(pdf);
    const tsNewField = up(pdf, [
      { num: 7, body: dictOf(pdf, 7).replace('11 0 R', `11 0 R ${n2} 0 R`) },
      { num: 3, body: dictOf(pdf, 3).replace('11 0 R', `11 0 R ${n2} 0 R`) },
      { num: n2, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (ts) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V ${n2 + 1} 0 R >>` },
      { num: n2 + 1, body: FAKE_TS },
    ]);
    // A document timestamp in its own new field keeps the form and page changes at LTA_UPDATES (allowed under DocMDP P=1).
    expect((await diff(tsNewField)).level).toBe('LTA_UPDATES');
    const sig = up(pdf, [{ num: 11, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigB) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V 16 0 R >>' }, { num: 16, body: FAKE_SIG }]);
    expect((await diff(sig)).level).toBe('FORM_FILLING');
  });

  it('DSS and a document timestamp in one update (EU DSS extends to LTA this way) stay LTA_UPDATES', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(up(pdf, [
      { num: 1, body: withEntry(dictOf(pdf, 1), 'DSS', `${n} 0 R`) },
      { num: n, body: `<< /Type /DSS /Certs [ ${n + 1} 0 R ] /VRI << /${'A'.repeat(40)} << /Cert [ ${n + 1} 0 R ] /TU (D:20270101000000Z) >> >> >>` },
      { num: n + 1, body: streamBody('/Filter /FlateDecode', deflateSync(Buffer.from([0x30, 0x00]))) },
      { num: 7, body: dictOf(pdf, 7).replace('11 0 R', `11 0 R ${n + 2} 0 R`) },
      { num: 3, body: dictOf(pdf, 3).replace('11 0 R', `11 0 R ${n + 2} 0 R`) },
      { num: n + 2, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (ts) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V ${n + 3} 0 R >>` },
      { num: n + 3, body: FAKE_TS },
    ]));
    expect(d.level, denied(d).join(' | ')).toBe('LTA_UPDATES');
  });

  it('form-filling explains /V, /I, /AS, /AP but not a changed field flag (/Ff read-only)', async () => {
    const pdf = signedForm();
    const filled = await diff(up(pdf, [{ num: 9, body: dictOf(pdf, 9).replace('/V (a) /I [ 0 ]', '/V (c) /I [ 2 ] /AS /N') }]));
    expect(filled.level, denied(filled).join(' | ')).toBe('FORM_FILLING');
    expect(filled.formFilling).toBe(true);
    const readOnly = await diff(up(pdf, [{ num: 8, body: dictOf(pdf, 8).replace('/FT /Tx', '/FT /Tx /Ff 1') }]));
    expect(readOnly.level).toBe('OTHER');
  });

  it('field-lock: /Action /All locks every field; /Exclude all but the listed ones', async () => {
    const lockedBy = (lock: string) =>
      up(formDoc(), [
        { num: 10, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigA) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V 15 0 R /Lock ${lock} >>` },
        { num: 15, body: FAKE_SIG },
      ]);
    const fillName = (pdf: Uint8Array) => up(pdf, [{ num: 8, body: dictOf(pdf, 8).replace('(Nguyen Van A)', '(Tran Thi B)') }]);
    const all = await diff(fillName(lockedBy('<< /Type /SigFieldLock /Action /All >>')));
    expect(vetoedBy(all, 'field-lock'), denied(all).join(' | ')).toBe(true);
    const excluded = await diff(fillName(lockedBy('<< /Type /SigFieldLock /Action /Exclude /Fields [ (name) ] >>')));
    expect(excluded.level, denied(excluded).join(' | ')).toBe('FORM_FILLING');
    // A lock from a signature made before the analysed revision is that signature's business, not this one's.
    const later = up(lockedBy('<< /Type /SigFieldLock /Action /All >>'), [{ num: 11, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigB) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V 16 0 R >>' }, { num: 16, body: FAKE_SIG }]);
    expect(vetoedBy(await diff(later, 1), 'field-lock')).toBe(true);
    expect((await diff(fillName(later), 2)).level).toBe('FORM_FILLING');
  });

  it('a changed object that the final document no longer reaches has no effect; a stray signature dictionary is denied', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const orphan = up(pdf, [{ num: 12, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 250 22 ]', 'x') }, { num: 8, body: dictOf(pdf, 8).replace('/AP << /N 12 0 R >>', `/AP << /N ${n} 0 R >>`) }, { num: n, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 250 22 ]', '') }]);
    // Field 8's new /AP is form filling; the old stream 12 it replaced is now unreachable.
    expect((await diff(orphan)).level, denied(await diff(orphan)).join(' | ')).toBe('FORM_FILLING');
    const stray = await diff(up(pdf, [{ num: n, body: FAKE_SIG }]));
    expect(stray.level).toBe('OTHER');
  });

  it('struct-tree: an element losing its content is not explained', async () => {
    const tagged = taggedDoc();
    const signed = up(tagged, [
      { num: 1, body: withEntry(dictOf(tagged, 1), 'AcroForm', '<< /Fields [ 30 0 R ] /SigFlags 3 >>') },
      { num: 3, body: withEntry(dictOf(tagged, 3), 'Annots', '[ 30 0 R ]') },
      { num: 30, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (s1) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V 31 0 R >>' },
      { num: 31, body: FAKE_SIG },
    ]);
    const d = await diff(up(signed, [{ num: 21, body: '<< /Type /StructElem /S /Document /P 20 0 R /K [ ] >>' }]));
    expect(d.level).toBe('OTHER');
  });
});

/** A pdf-lib form: text field "requester" whose widget is a separate /Kids entry, and a merged signature field. */
async function pdfLibForm(lock?: string): Promise<{ pdf: Uint8Array; field: number; widget: number; sig: number }> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([400, 300]);
  const form = doc.getForm();
  form.createTextField('requester').addToPage(page, { x: 20, y: 200, width: 200, height: 24 });
  const sig = doc.context.obj({ FT: 'Sig', T: PDFString.of('sig'), Type: 'Annot', Subtype: 'Widget', Rect: [0, 0, 0, 0], F: 132, P: page.ref });
  const sigRef = doc.context.register(sig);
  form.acroForm.addField(sigRef);
  page.node.addAnnot(sigRef);
  const pdf = await doc.save({ useObjectStreams: false, updateFieldAppearances: true });
  const find = (re: RegExp) => [...xrefTable(pdf).keys()].find((n) => { try { return re.test(dictOf(pdf, n)); } catch { return false; } })!;
  const field = find(/\/FT \/Tx/);
  const widget = find(new RegExp(`/Parent ${field} 0 R`));
  const sigNum = find(/\/T \(sig\)/);
  const n = next(pdf);
  const signed = up(pdf, [
    { num: sigNum, body: dictOf(pdf, sigNum).replace(/>>\s*$/, ` /V ${n} 0 R${lock ? ` /Lock ${lock}` : ''} >>`) },
    { num: n, body: FAKE_SIG },
  ]);
  return { pdf: signed, field, widget, sig: sigNum };
}

describe('difference rules: fields whose widgets are /Kids (pdf-lib, Acrobat forms)', () => {
  const fillKid = (f: Awaited<ReturnType<typeof pdfLibForm>>) => {
    const n = next(f.pdf);
    return up(f.pdf, [
      { num: f.field, body: withEntry(dictOf(f.pdf, f.field), 'V', '(Tran Thi B)') },
      { num: f.widget, body: withEntry(dictOf(f.pdf, f.widget), 'AP', `<< /N ${n} 0 R >>`) },
      { num: n, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 200 24 ]', '/Tx BMC BT /Helv 12 Tf 2 6 Td (Tran Thi B) Tj ET EMC') },
    ]);
  };

  it('filling the parent field and redrawing its kid widget is form filling', async () => {
    const d = await diff(fillKid(await pdfLibForm()));
    expect(d.level, denied(d).join(' | ')).toBe('FORM_FILLING');
    expect(d.formFilling).toBe(true);
  });

  it('the same filling is vetoed when the signature locks the field', async () => {
    const d = await diff(fillKid(await pdfLibForm('<< /Type /SigFieldLock /Action /Include /Fields [ (requester) ] >>')));
    expect(vetoedBy(d, 'field-lock'), denied(d).join(' | ')).toBe(true);
  });

  it('moving the kid widget (/Rect) is not form filling', async () => {
    const f = await pdfLibForm();
    const d = await diff(up(f.pdf, [{ num: f.widget, body: withEntry(dictOf(f.pdf, f.widget), 'Rect', '[ 20 20 220 44 ]') }]));
    expect(d.level).toBe('OTHER');
  });
});

describe('difference rules: objects shared with page content stay out of other roles\' claims', () => {
  it('dss: an indirect /Certs array that is also the page\'s /Contents array cannot grow', async () => {
    const form = formDoc();
    const prepared = up(form, [
      { num: 3, body: dictOf(form, 3).replace('/Contents 4 0 R', '/Contents 40 0 R') },
      { num: 40, body: '[ 4 0 R ]' },
      { num: 1, body: withEntry(dictOf(form, 1), 'DSS', '<< /Type /DSS /Certs 40 0 R >>') },
    ]);
    const signed = up(prepared, [{ num: 10, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigA) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V 41 0 R >>' }, { num: 41, body: FAKE_SIG }]);
    const attack = up(signed, [{ num: 40, body: '[ 4 0 R 42 0 R ]' }, { num: 42, body: streamBody('', 'BT /F1 30 Tf 50 500 Td (BAN SAO GIA) Tj ET') }]);
    const d = await diff(attack, 2);
    expect(d.level, 'the page gained content through the DSS array').toBe('OTHER');
  });

  it('sign-existing-field: an appearance stream the page content also draws cannot be redrawn when signing', async () => {
    const form = formDoc();
    const prepared = up(form, [
      { num: 11, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigB) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /AP << /N 12 0 R >> >>' },
      { num: 3, body: dictOf(form, 3).replace('/Font << /F1 5 0 R >>', '/Font << /F1 5 0 R >> /XObject << /X1 12 0 R >>') },
    ]);
    const signed = up(prepared, [{ num: 10, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigA) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V 41 0 R >>' }, { num: 41, body: FAKE_SIG }]);
    const attack = up(signed, [
      { num: 11, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigB) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /AP << /N 12 0 R >> /V 42 0 R >>' },
      { num: 42, body: FAKE_SIG },
      { num: 12, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 250 22 ]', 'BT /Helv 12 Tf 2 6 Td (Tran Thi B) Tj ET') },
    ]);
    const d = await diff(attack, 2);
    expect(d.level).toBe('OTHER');
    expect(denied(d).join(' | ')).toMatch(/object 12/);
  });
});

describe('difference rules: signature fields only a page\'s /Annots reaches', () => {
  const annotsOnly = (rect: string) => {
    const pdf = signedForm();
    const n = next(pdf);
    return up(pdf, [
      { num: 3, body: dictOf(pdf, 3).replace('11 0 R', `11 0 R ${n} 0 R`) },
      { num: n, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (annotsOnly) /Rect ${rect} /F 4 /P 3 0 R /V ${n + 1} 0 R /AP << /N ${n + 2} 0 R >> >>` },
      { num: n + 1, body: FAKE_SIG },
      { num: n + 2, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 300 60 ]', '0 0 1 rg 0 0 300 60 re f') },
    ]);
  };
  it('an invisible one (poppler) is a new signature', async () => {
    expect((await diff(annotsOnly('[ 0 0 0 0 ]'))).level).toBe('FORM_FILLING');
  });
  it('a visible one is vetoed: readers going by /Fields never check it', async () => {
    const d = await diff(annotsOnly('[ 40 700 340 760 ]'));
    expect(vetoedBy(d, 'new-signature-field'), denied(d).join(' | ')).toBe(true);
  });
});

describe('difference rules: a form dictionary written directly in the catalog (iText)', () => {
  const catalog = (form: string) => `<< /Type /Catalog /Pages 2 0 R /AcroForm ${form} >>`;
  const sigField = (n: number, name: string) => `<< /Type /Annot /Subtype /Widget /FT /Sig /T (${name}) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V ${n + 1} 0 R >>`;
  const first = () => {
    const plain = plainDoc();
    return up(plain, [
      { num: 1, body: catalog('<< /Fields [ 10 0 R ] /SigFlags 3 >>') },
      { num: 3, body: withEntry(dictOf(plain, 3), 'Annots', '[ 10 0 R ]') },
      { num: 10, body: sigField(10, 's1') },
      { num: 11, body: FAKE_SIG },
    ]);
  };
  it('a second signature extends the direct /Fields: FORM_FILLING', async () => {
    const pdf = first();
    const d = await diff(up(pdf, [
      { num: 1, body: catalog('<< /Fields [ 10 0 R 12 0 R ] /SigFlags 3 >>') },
      { num: 3, body: withEntry(dictOf(pdf, 3), 'Annots', '[ 10 0 R 12 0 R ]') },
      { num: 12, body: sigField(12, 's2') },
      { num: 13, body: FAKE_SIG },
    ]));
    expect(d.level, denied(d).join(' | ')).toBe('FORM_FILLING');
  });
  it('/NeedAppearances set in it is not explained', async () => {
    const pdf = first();
    const d = await diff(up(pdf, [{ num: 1, body: catalog('<< /Fields [ 10 0 R ] /SigFlags 3 /NeedAppearances true >>') }]));
    expect(d.level).toBe('OTHER');
  });
});

