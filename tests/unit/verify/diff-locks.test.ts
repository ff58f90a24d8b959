/**
 * The field-lock rule (core/verify/diff/rules/field-lock.ts): /Lock on the signed field and FieldMDP in the
 * signature's /Reference lock fields by /Action /All, /Include, /Exclude (a listed name covers its descendants
 * "name.kid", not "names"); /Lock /P 1 forbids anything beyond validation data, /P 2 forbids annotations. Only
 * the signatures written in the analysed revision count. Each veto is checked with its text, and the same update
 * without the lock is allowed, so a test fails whether the lock is ignored or applied too widely.
 */
import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../../core/pdf/parse/index.js';
import { analyseChanges, type DiffResult } from '../../../core/verify/diff/analyse.js';
import { appendUpdate, dictOf, lastTrailer, streamBody, type NewObject } from '../../corpus/pdf-bytes.js';
import { withEntry } from '../../corpus/real-world/cases.js';
import { formDoc } from '../../corpus/real-world/sources.js';

const FAKE_SIG = '<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [ 0 10 20 30 ] /Contents <3000> >>';
const up = (pdf: Uint8Array, objects: NewObject[]) => appendUpdate(pdf, objects).bytes;
const next = (pdf: Uint8Array) => lastTrailer(pdf).size;
const diff = async (pdf: Uint8Array, signedRev = 2): Promise<DiffResult> => analyseChanges(await parsePdf(pdf), signedRev);
const vetoes = (d: DiffResult) => d.modifications.filter((m) => !m.allowed).map((m) => `${m.object}: ${m.description}`);

/**
 * rev0 = the form, rev1 = a hierarchical text field "parent.child" (40 → 41) added, rev2 = sigA signed with
 * `lock` as /Lock (or, with `reference`, as FieldMDP /TransformParams of the signature's /Reference).
 */
function signed(lock?: string, reference?: string): Uint8Array {
  const base = formDoc();
  const rev1 = up(base, [
    { num: 7, body: dictOf(base, 7).replace('11 0 R', '11 0 R 40 0 R') },
    { num: 3, body: dictOf(base, 3).replace('11 0 R', '11 0 R 41 0 R') },
    { num: 40, body: '<< /FT /Tx /T (parent) /Kids [ 41 0 R ] >>' },
    { num: 41, body: '<< /Type /Annot /Subtype /Widget /T (child) /Parent 40 0 R /V (a) /Rect [ 50 600 300 622 ] /F 4 /P 3 0 R >>' },
  ]);
  const sig = reference ? FAKE_SIG.replace('>>', `/Reference [ << /Type /SigRef /TransformMethod /FieldMDP /TransformParams ${reference} >> ] >>`) : FAKE_SIG;
  return up(rev1, [
    { num: 10, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigA) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V 15 0 R${lock ? ` /Lock ${lock}` : ''} >>` },
    { num: 15, body: sig },
  ]);
}

const fillName = (pdf: Uint8Array) => up(pdf, [{ num: 8, body: dictOf(pdf, 8).replace('(Nguyen Van A)', '(Tran Thi B)') }]);
const fillChild = (pdf: Uint8Array) => up(pdf, [{ num: 41, body: dictOf(pdf, 41).replace('/V (a)', '/V (b)') }]);
const signB = (pdf: Uint8Array) => {
  const n = next(pdf);
  return up(pdf, [{ num: 11, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigB) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V ${n} 0 R >>` }, { num: n, body: FAKE_SIG }]);
};
const addDss = (pdf: Uint8Array) => {
  const n = next(pdf);
  return up(pdf, [{ num: 1, body: withEntry(dictOf(pdf, 1), 'DSS', `${n} 0 R`) }, { num: n, body: `<< /Type /DSS /Certs [ ${n + 1} 0 R ] >>` }, { num: n + 1, body: streamBody('', '0') }]);
};
const addComment = (pdf: Uint8Array) => {
  const n = next(pdf);
  return up(pdf, [
    { num: 3, body: dictOf(pdf, 3).replace('41 0 R', `41 0 R ${n} 0 R`) },
    { num: n, body: '<< /Type /Annot /Subtype /FreeText /Rect [ 40 300 560 360 ] /Contents (SAO Y) /DA (/Helv 18 Tf) /F 4 /P 3 0 R >>' },
  ]);
};

const LOCKED_NAME = 'object 8 (form field "name"): field "name" is locked by the signature "sigA" (/Action /';

describe('field-lock: which fields a lock covers', () => {
  it('without a lock, filling either field and signing sigB is allowed', async () => {
    const pdf = signed();
    expect((await diff(fillName(pdf))).level).toBe('FORM_FILLING');
    expect((await diff(fillChild(pdf))).level).toBe('FORM_FILLING');
    expect((await diff(signB(pdf))).level).toBe('FORM_FILLING');
  });

  it('/All locks every field, sigB included, but not sigA itself', async () => {
    const pdf = signed('<< /Type /SigFieldLock /Action /All >>');
    const d = await diff(fillName(pdf));
    expect(d.level).toBe('OTHER');
    expect(vetoes(d)).toEqual([`${LOCKED_NAME}All) but was changed [field-lock]`]);
    expect(vetoes(await diff(signB(pdf)))).toEqual(['object 11 (signature field "sigB"): field "sigB" is locked by the signature "sigA" (/Action /All) but was changed [field-lock]']);
  });

  it('/Include locks the listed fields and their descendants, not a name that merely starts the same', async () => {
    const d = await diff(fillName(signed('<< /Type /SigFieldLock /Action /Include /Fields [ (name) ] >>')));
    expect(vetoes(d)).toEqual([`${LOCKED_NAME}Include) but was changed [field-lock]`]);
    expect((await diff(fillName(signed('<< /Type /SigFieldLock /Action /Include /Fields [ (nam) (choice) ] >>')))).level).toBe('FORM_FILLING');
    expect((await diff(fillName(signed('<< /Type /SigFieldLock /Action /Include /Fields [ (name.x) ] >>')))).level).toBe('FORM_FILLING');
    const child = await diff(fillChild(signed('<< /Type /SigFieldLock /Action /Include /Fields [ (parent) ] >>')));
    expect(vetoes(child)).toEqual(['object 41 (form field "child"): field "parent.child" is locked by the signature "sigA" (/Action /Include) but was changed [field-lock]']);
    expect((await diff(fillChild(signed('<< /Type /SigFieldLock /Action /Include /Fields [ (paren) ] >>')))).level).toBe('FORM_FILLING');
  });

  it('/Exclude locks all but the listed fields (and their descendants)', async () => {
    const pdf = signed('<< /Type /SigFieldLock /Action /Exclude /Fields [ (parent) (sigB) ] >>');
    expect((await diff(fillChild(pdf))).level).toBe('FORM_FILLING');
    expect((await diff(signB(pdf))).level).toBe('FORM_FILLING');
    expect(vetoes(await diff(fillName(pdf)))).toEqual([`${LOCKED_NAME}Exclude) but was changed [field-lock]`]);
  });

  it('an unknown /Action locks nothing; a /Fields entry that is not a string is ignored', async () => {
    expect((await diff(fillName(signed('<< /Type /SigFieldLock /Action /Some >>')))).level).toBe('FORM_FILLING');
    expect((await diff(fillName(signed('<< /Type /SigFieldLock /Action /Include /Fields [ /name 8 0 R ] >>')))).level).toBe('FORM_FILLING');
  });

  it('FieldMDP in the signature\'s /Reference locks like /Lock (its /P is not a document lock)', async () => {
    const d = await diff(fillName(signed(undefined, '<< /Type /TransformParams /Action /Include /Fields [ (name) ] /V /1.2 >>')));
    expect(vetoes(d)).toEqual([`${LOCKED_NAME}Include) but was changed [field-lock]`]);
    expect((await diff(fillChild(signed(undefined, '<< /Type /TransformParams /Action /Include /Fields [ (name) ] /P 1 >>')))).level).toBe('FORM_FILLING');
    // Another transform method (DocMDP) is not a field lock.
    const docmdp = FAKE_SIG.replace('>>', '/Reference [ << /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Action /All /P 2 >> >> ] >>');
    const base = signed();
    const other = up(base, [{ num: 15, body: docmdp }]);
    expect((await diff(fillName(other), 3)).level).toBe('FORM_FILLING');
  });

  it('a lock made before the analysed revision is not this revision\'s', async () => {
    const pdf = signB(signed('<< /Type /SigFieldLock /Action /All >>'));
    // Analysed from rev3 (sigB signed): sigA's lock belongs to rev2.
    expect((await diff(fillName(pdf), 3)).level).toBe('FORM_FILLING');
  });
});

describe('field-lock: fields by name', () => {
  it('a new visible signature field the lock names is locked (its name is known only in the final revision)', async () => {
    const addSigC = (pdf: Uint8Array) => {
      const n = next(pdf);
      return up(pdf, [
        { num: 7, body: dictOf(pdf, 7).replace('40 0 R', `40 0 R ${n} 0 R`) },
        { num: 3, body: dictOf(pdf, 3).replace('41 0 R', `41 0 R ${n} 0 R`) },
        { num: n, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigC) /Rect [ 40 700 300 760 ] /F 4 /P 3 0 R /V ${n + 1} 0 R /AP << /N ${n + 2} 0 R >> >>` },
        { num: n + 1, body: FAKE_SIG },
        { num: n + 2, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 260 60 ]', '0 0 1 rg 0 0 260 60 re f') },
      ]);
    };
    expect((await diff(addSigC(signed('<< /Type /SigFieldLock /Action /Include /Fields [ (sigB) ] >>')))).level).toBe('FORM_FILLING');
    const d = await diff(addSigC(signed('<< /Type /SigFieldLock /Action /Include /Fields [ (sigC) ] >>')));
    expect(vetoes(d)).toEqual([expect.stringContaining('field "sigC" is locked by the signature "sigA" (/Action /Include) but was changed [field-lock]')]);
  });

  it('a text field carrying the signed field\'s own name is not exempt from its lock', async () => {
    // rev1 adds a text field also named "sigA" (a duplicate name, ill-formed but parseable); rev2 signs sigA locking all.
    const base = formDoc();
    const rev1 = up(base, [
      { num: 7, body: dictOf(base, 7).replace('11 0 R', '11 0 R 40 0 R') },
      { num: 40, body: '<< /FT /Tx /T (sigA) /V (a) >>' },
    ]);
    const rev2 = up(rev1, [
      { num: 10, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigA) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V 15 0 R /Lock << /Type /SigFieldLock /Action /All >> >>' },
      { num: 15, body: FAKE_SIG },
    ]);
    const d = await diff(up(rev2, [{ num: 40, body: '<< /FT /Tx /T (sigA) /V (b) >>' }]));
    expect(vetoes(d)).toEqual(['object 40 (form field "sigA"): field "sigA" is locked by the signature "sigA" (/Action /All) but was changed [field-lock]']);
  });
});

describe('field-lock: /P of a lock (PDF 2.0)', () => {
  it('/P 1: a later revision that changes nothing stays NONE', async () => {
    const pdf = signed('<< /Type /SigFieldLock /P 1 >>');
    const d = await diff(up(pdf, [{ num: 1, body: dictOf(pdf, 1) }]));
    expect(d).toEqual({ level: 'NONE', modifications: [], formFilling: false });
  });

  it('/P 1 allows validation data but no signature, filling or annotation', async () => {
    const pdf = signed('<< /Type /SigFieldLock /P 1 >>');
    expect((await diff(addDss(pdf))).level).toBe('LTA_UPDATES');
    const s = await diff(signB(pdf));
    expect(s.level).toBe('OTHER');
    expect(vetoes(s)).toEqual(['signature "sigA": the signature "sigA" locks the document (/Lock /P 1) but it was changed afterwards [field-lock]']);
    expect(s.modifications.filter((m) => !m.allowed)[0].descriptionVi).toBe('chữ ký "sigA" khóa tài liệu (/Lock /P 1) nhưng tài liệu đã bị thay đổi sau đó');
    expect((await diff(fillName(pdf))).level).toBe('OTHER');
    expect((await diff(addComment(pdf))).level).toBe('OTHER');
  });

  it('/P 2 allows filling and signing, not annotations', async () => {
    const pdf = signed('<< /Type /SigFieldLock /P 2 >>');
    expect((await diff(fillName(pdf))).level).toBe('FORM_FILLING');
    expect((await diff(signB(pdf))).level).toBe('FORM_FILLING');
    const c = await diff(addComment(pdf));
    expect(c.level).toBe('OTHER');
    expect(vetoes(c)).toEqual(['signature "sigA": the signature "sigA" allows only form filling and signing (/Lock /P 2) but annotations were added or changed [field-lock]']);
    expect(c.modifications.filter((m) => !m.allowed)[0].descriptionVi).toBe('chữ ký "sigA" chỉ cho phép điền biểu mẫu và ký (/Lock /P 2) nhưng chú thích đã bị thêm hoặc sửa');
  });

  it('/P 3 allows annotations', async () => {
    expect((await diff(addComment(signed('<< /Type /SigFieldLock /P 3 >>')))).level).toBe('ANNOTATIONS');
  });

  it('/P 1 with /Action /All: the lock veto and the document veto both', async () => {
    const d = await diff(fillName(signed('<< /Type /SigFieldLock /Action /All /P 1 >>')));
    expect(vetoes(d)).toEqual([`${LOCKED_NAME}All) but was changed [field-lock]`, 'signature "sigA": the signature "sigA" locks the document (/Lock /P 1) but it was changed afterwards [field-lock]']);
    expect(d.modifications.filter((m) => !m.allowed)[0].descriptionVi).toBe('ô "name" bị khóa bởi chữ ký "sigA" (/Action /All) nhưng đã bị thay đổi');
  });
});
