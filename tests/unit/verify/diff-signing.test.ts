/**
 * Signing after the signed revision: sign-existing-field (an empty field of the signed revision gains /V) and
 * new-signature-field (a field added with or without a value). What each allows (the keys signing tools write, the
 * widget kids, the appearance redrawn), at which level (a document timestamp is LTA_UPDATES), and what each vetoes
 * (a value that is not a new signature dictionary; a visible field nobody signed; a visible field the form does not
 * list), with the texts the report shows.
 */
import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../../core/pdf/parse/index.js';
import { analyseChanges, type DiffResult } from '../../../core/verify/diff/analyse.js';
import { appendUpdate, dictOf, lastTrailer, streamBody, type NewObject } from '../../corpus/pdf-bytes.js';
import { FAKE_SIG, signedForm } from '../../helpers/signed-form.js';

const FAKE_TS = '<< /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161 /ByteRange [ 0 10 20 30 ] /Contents <3000> >>';
const BOX = (n: number) => ({ num: n, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 260 60 ]', '0 0 1 rg 0 0 260 60 re f') });
const up = (pdf: Uint8Array, objects: NewObject[]) => appendUpdate(pdf, objects).bytes;
const next = (pdf: Uint8Array) => lastTrailer(pdf).size;
const diff = async (pdf: Uint8Array, signedRev = 1): Promise<DiffResult> => analyseChanges(await parsePdf(pdf), signedRev);
const shown = (d: DiffResult) => d.modifications.map((m) => `${m.allowed ? '+' : '-'} ${m.object}: ${m.description}`);
const vetoes = (d: DiffResult) => d.modifications.filter((m) => !m.allowed);

const SIG_B = (extra: string) => `<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigB) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R${extra} >>`;

describe('sign-existing-field', () => {
  it('signing sigB with the keys signing tools write (/V /M /Lock /SV /MK /DA /Border /StructParent /AP) is FORM_FILLING', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(up(pdf, [
      { num: 11, body: SIG_B(` /V ${n} 0 R /M (D:20270101000000Z) /Lock << /Action /All >> /SV << /Filter /Adobe.PPKLite >> /MK << /BG [ 1 ] >> /DA (/Helv 0 Tf) /Border [ 0 0 0 ] /StructParent 3 /AP << /N ${n + 1} 0 R >> /AS /N`) },
      { num: n, body: FAKE_SIG },
      BOX(n + 1),
    ]));
    expect(shown(d)).toEqual(['+ object 11 (signature field "sigB"): empty signature field "sigB" signed']);
    expect(d.modifications[0].descriptionVi).toBe('ký vào ô chữ ký có sẵn "sigB"');
    expect(d.level).toBe('FORM_FILLING');
  });

  it('a key signing does not write (/Rect, /T) is not explained', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(up(pdf, [{ num: 11, body: SIG_B(` /V ${n} 0 R /T (other) /Rect [ 1 1 2 2 ]`).replace('/T (sigB) /Rect [ 0 0 0 0 ] ', '') }, { num: n, body: FAKE_SIG }]));
    expect(d.level).toBe('OTHER');
    expect(shown(d)).toEqual(['- object 11 (signature field "sigB"): annotation (Widget) changed after signing: /T, /Rect']);
  });

  it('a document timestamp in sigB is LTA_UPDATES', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(up(pdf, [{ num: 11, body: SIG_B(` /V ${n} 0 R`) }, { num: n, body: FAKE_TS }]));
    expect(d.level).toBe('LTA_UPDATES');
    expect(d.modifications).toEqual([{ object: 'object 11 (signature field "sigB")', description: 'document timestamp in field "sigB"', descriptionVi: 'dấu thời gian tài liệu trong ô "sigB"', allowed: true }]);
    // The form dictionary updated with it (/SigFlags) stays at the timestamp's level.
    const withForm = await diff(up(pdf, [{ num: 11, body: SIG_B(` /V ${n} 0 R`) }, { num: n, body: FAKE_TS }, { num: 7, body: dictOf(pdf, 7).replace('/DA', '/SigFlags 3 /DA') }]));
    expect(shown(withForm)).toEqual(['+ object 7 (form dictionary (/AcroForm)): form dictionary updated for signing', '+ object 11 (signature field "sigB"): document timestamp in field "sigB"']);
    expect(withForm.level).toBe('LTA_UPDATES');
    // /SubFilter /ETSI.RFC3161 alone is enough (as in isDocTimestamp).
    const bySubFilter = await diff(up(pdf, [{ num: 11, body: SIG_B(` /V ${n} 0 R`) }, { num: n, body: FAKE_TS.replace('/Type /DocTimeStamp ', '') }]));
    expect(bySubFilter.level).toBe('LTA_UPDATES');
  });

  it('a value that is not a new signature dictionary: written directly, a new object of another kind, or an existing one', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const expected = { object: 'object 11 (signature field "sigB")', description: 'signature field "sigB" got a value that is not a new signature [sign-existing-field]', descriptionVi: 'ô chữ ký "sigB" nhận giá trị không phải chữ ký mới', allowed: false };
    const direct = await diff(up(pdf, [{ num: 11, body: SIG_B(` /V ${FAKE_SIG}`) }]));
    expect(direct.level).toBe('OTHER');
    expect(vetoes(direct)).toContainEqual(expected);
    const notSig = await diff(up(pdf, [{ num: 11, body: SIG_B(` /V ${n} 0 R`) }, { num: n, body: '<< /Type /Foo >>' }]));
    expect(vetoes(notSig)).toContainEqual(expected);
    const existing = await diff(up(pdf, [{ num: 11, body: SIG_B(' /V 13 0 R') }]));
    expect(vetoes(existing)).toContainEqual(expected);
    const transplanted = await diff(up(pdf, [{ num: 11, body: SIG_B(' /V 15 0 R') }]));
    expect(vetoes(transplanted)).toContainEqual(expected);
    // A new signature dictionary without /Type but with /ByteRange and /Contents is one.
    const untyped = await diff(up(pdf, [{ num: 11, body: SIG_B(` /V ${n} 0 R`) }, { num: n, body: FAKE_SIG.replace('/Type /Sig ', '') }]));
    expect(untyped.level).toBe('FORM_FILLING');
  });

  it('an already signed field is not signed again (sigA /V replaced is vetoed, not explained)', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(up(pdf, [{ num: 10, body: dictOf(pdf, 10).replace('/V 15 0 R', `/V ${n} 0 R`) }, { num: n, body: FAKE_SIG }]));
    expect(d.level).toBe('OTHER');
    expect(d.modifications.filter((m) => m.object.startsWith('object 10') && m.allowed)).toEqual([]);
  });

  describe('a signature field whose widget is a kid', () => {
    /** rev1 = sigA signed and a field "sigK" (40) with widget kid 41 whose appearance is 42 (only 41 uses it). */
    const withKid = () => {
      const pdf = signedForm();
      return up(pdf, [
        { num: 7, body: dictOf(pdf, 7).replace('11 0 R', '11 0 R 40 0 R') },
        { num: 3, body: dictOf(pdf, 3).replace('11 0 R', '11 0 R 41 0 R') },
        { num: 40, body: '<< /FT /Sig /T (sigK) /Kids [ 41 0 R ] >>' },
        { num: 41, body: '<< /Type /Annot /Subtype /Widget /Parent 40 0 R /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /AP << /N 42 0 R >> >>' },
        { num: 42, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 10 10 ]', '') },
      ]);
    };

    it('the widget gains /AP /MK /M, its old appearance is redrawn: all explained', async () => {
      const pdf = withKid();
      const n = next(pdf);
      const d = await diff(up(pdf, [
        { num: 40, body: `<< /FT /Sig /T (sigK) /Kids [ 41 0 R ] /V ${n} 0 R >>` },
        { num: n, body: FAKE_SIG },
        { num: 41, body: `<< /Type /Annot /Subtype /Widget /Parent 40 0 R /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /AP << /N 42 0 R /D ${n + 1} 0 R >> /MK << >> /M (D:20270101000000Z) >>` },
        BOX(n + 1),
        { num: 42, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 10 10 ]', '0 g') },
      ]), 2);
      expect(shown(d)).toEqual([
        '+ object 40 (signature field "sigK"): empty signature field "sigK" signed',
        '+ object 41 (widget of signature field "sigK"): empty signature field "sigK" signed',
        '+ object 42: appearance of "sigK" drawn for its signature',
      ]);
      expect(d.level).toBe('FORM_FILLING');
    });

    it('the field itself (not its widget) gaining an appearance: the new stream is approved', async () => {
      const pdf = withKid();
      const n = next(pdf);
      const d = await diff(up(pdf, [{ num: 40, body: `<< /FT /Sig /T (sigK) /Kids [ 41 0 R ] /V ${n} 0 R /AP << /N ${n + 1} 0 R >> >>` }, { num: n, body: FAKE_SIG }, BOX(n + 1)]), 2);
      expect(shown(d)).toEqual(['+ object 40 (signature field "sigK"): empty signature field "sigK" signed']);
      expect(d.level).toBe('FORM_FILLING');
    });

    it('the widget moved (/Rect) or given a value (/V) is not explained', async () => {
      const pdf = withKid();
      const n = next(pdf);
      const d = await diff(up(pdf, [
        { num: 40, body: `<< /FT /Sig /T (sigK) /Kids [ 41 0 R ] /V ${n} 0 R >>` },
        { num: n, body: FAKE_SIG },
        { num: 41, body: `<< /Type /Annot /Subtype /Widget /Parent 40 0 R /Rect [ 10 10 300 60 ] /F 132 /P 3 0 R /AP << /N 42 0 R >> /V ${n} 0 R >>` },
      ]), 2);
      expect(d.level).toBe('OTHER');
      expect(shown(d)).toContain('- object 41 (widget of signature field "sigK"): annotation (Widget) changed after signing: /Rect, /V');
    });

    it('without a signature the widget\'s appearance may not be redrawn', async () => {
      const pdf = withKid();
      const d = await diff(up(pdf, [{ num: 42, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 10 10 ]', '0 g') }]), 2);
      expect(d.level).toBe('OTHER');
    });
  });
});

describe('new-signature-field', () => {
  /** Adds field `n` (listed in /Fields and the page's /Annots) with the given body and extra objects. */
  const adding = (pdf: Uint8Array, n: number, body: string, extra: NewObject[] = [], listed = true) =>
    up(pdf, [
      ...(listed ? [{ num: 7, body: dictOf(pdf, 7).replace('11 0 R', `11 0 R ${n} 0 R`) }] : []),
      { num: 3, body: dictOf(pdf, 3).replace('11 0 R', `11 0 R ${n} 0 R`) },
      { num: n, body },
      ...extra,
    ]);
  const FIELD = (name: string, rest: string) => `<< /Type /Annot /Subtype /Widget /FT /Sig /T (${name}) /P 3 0 R ${rest} >>`;

  it('a new visible field signed: FORM_FILLING, with its appearance', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(adding(pdf, n, FIELD('sigC', `/Rect [ 40 700 300 760 ] /F 4 /V ${n + 1} 0 R /AP << /N ${n + 2} 0 R >>`), [{ num: n + 1, body: FAKE_SIG }, BOX(n + 2)]));
    expect(d.level).toBe('FORM_FILLING');
    expect(vetoes(d)).toEqual([]);
    expect(d.modifications).toContainEqual({ object: 'object 7 (form dictionary (/AcroForm))', description: expect.any(String), descriptionVi: expect.any(String), allowed: true });
  });

  it('a new document timestamp field: LTA_UPDATES', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(adding(pdf, n, FIELD('ts', `/Rect [ 0 0 0 0 ] /F 132 /V ${n + 1} 0 R`), [{ num: n + 1, body: FAKE_TS }]));
    expect(d.level).toBe('LTA_UPDATES');
    expect(vetoes(d)).toEqual([]);
  });

  it('a new empty invisible field: LTA_UPDATES (zero /Rect, hidden, no appearance, empty or flat appearance)', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    for (const [rest, extra] of [
      ['/Rect [ 40 700 40 760 ] /F 4', []],
      ['/Rect [ 40 700 300 700 ] /F 4', []],
      ['/Rect [ 40 700 300 760 ] /F 32', []],
      ['/Rect [ 40 700 300 760 ] /F 6', []],
      ['/Rect [ 40 700 300 760 ] /F 4', []],
      [`/Rect [ 40 700 300 760 ] /F 4 /AP << /N ${n + 1} 0 R >>`, [{ num: n + 1, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 260 60 ]', '') }]],
      [`/Rect [ 40 700 300 760 ] /F 4 /AP << /N ${n + 1} 0 R >>`, [{ num: n + 1, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 0 60 ]', 'x') }]],
      [`/Rect [ 40 700 300 760 ] /F 4 /AP << /N ${n + 1} 0 R >>`, [{ num: n + 1, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 260 0 ]', 'x') }]],
      [`/Rect [ 40 700 300 760 ] /F 4 /AP << /N << /On ${n + 1} 0 R >> >>`, [{ num: n + 1, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 0 0 ]', 'x') }]],
      ['/Rect [ 40 700 300 760 ] /F 4 /AP << /N 5 >>', []],
    ] as [string, NewObject[]][]) {
      const d = await diff(adding(pdf, n, FIELD('empty', rest), extra));
      expect(d.level, `${rest}: ${shown(d).join(' | ')}`).toBe('LTA_UPDATES');
      expect(vetoes(d), rest).toEqual([]);
    }
  });

  it('a new empty field that can be seen is vetoed (the sneaky signature)', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    for (const [rest, extra] of [
      [`/Rect [ 40 700 300 760 ] /F 4 /AP << /N ${n + 1} 0 R >>`, [BOX(n + 1)]],
      [`/Rect [ 40 700 300 760 ] /F 4 /AP << /N << /On ${n + 1} 0 R /Off ${n + 2} 0 R >> >>`, [BOX(n + 1), { num: n + 2, body: streamBody('/BBox [ 0 0 0 0 ]', 'x') }]],
      [`/Rect [ 40 700 300 760 ] /AP << /N ${n + 1} 0 R >>`, [{ num: n + 1, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 260 60 ]', 'x') }]],
      [`/Rect [ 40 700 300 760 ] /F 4 /AP << /N ${n + 1} 0 R >>`, [{ num: n + 1, body: streamBody('/Type /XObject /Subtype /Form', 'x') }]],
    ] as [string, NewObject[]][]) {
      const d = await diff(adding(pdf, n, FIELD('sneaky', rest), extra));
      expect(d.level, rest).toBe('OTHER');
      expect(vetoes(d), rest).toContainEqual({
        object: `object ${n}`,
        description: 'new signature field "sneaky" that nobody signed shows a visible appearance over the signed content [new-signature-field]',
        descriptionVi: 'ô chữ ký mới "sneaky" chưa được ký nhưng có hình hiển thị đè lên nội dung đã ký',
        allowed: false,
      });
    }
  });

  it('a new field whose value is not a new signature is vetoed', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const expected = { object: `object ${n}`, description: 'new signature field "bad" whose value is not a new signature [new-signature-field]', descriptionVi: 'ô chữ ký mới "bad" có giá trị không phải chữ ký mới', allowed: false };
    for (const [v, extra] of [
      [FAKE_SIG, []],
      ['15 0 R', []],
      [`${n + 1} 0 R`, [{ num: n + 1, body: '<< /Type /Foo >>' }]],
    ] as [string, NewObject[]][]) {
      const d = await diff(adding(pdf, n, FIELD('bad', `/Rect [ 0 0 0 0 ] /F 132 /V ${v}`), extra));
      expect(d.level, v).toBe('OTHER');
      expect(vetoes(d), v).toContainEqual(expected);
    }
  });

  it('a new field with a separate widget kid: the kid decides visibility and is approved with it', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const withKid = (rect: string, signed: boolean) =>
      up(pdf, [
        { num: 7, body: dictOf(pdf, 7).replace('11 0 R', `11 0 R ${n} 0 R`) },
        { num: 3, body: dictOf(pdf, 3).replace('11 0 R', `11 0 R ${n + 1} 0 R`) },
        { num: n, body: `<< /FT /Sig /T (kid) /Kids [ ${n + 1} 0 R ]${signed ? ` /V ${n + 2} 0 R` : ''} >>` },
        { num: n + 1, body: `<< /Type /Annot /Subtype /Widget /Parent ${n} 0 R /Rect ${rect} /F 4 /P 3 0 R /AP << /N ${n + 3} 0 R >> >>` },
        ...(signed ? [{ num: n + 2, body: FAKE_SIG }] : []),
        BOX(n + 3),
      ]);
    const visibleSigned = await diff(withKid('[ 40 700 300 760 ]', true));
    expect(visibleSigned.level, shown(visibleSigned).join(' | ')).toBe('FORM_FILLING');
    expect(vetoes(visibleSigned)).toEqual([]);
    const invisible = await diff(withKid('[ 0 0 0 0 ]', false));
    expect(invisible.level, shown(invisible).join(' | ')).toBe('LTA_UPDATES');
    const visibleEmpty = await diff(withKid('[ 40 700 300 760 ]', false));
    expect(visibleEmpty.level).toBe('OTHER');
  });

  it('a field reached only from a page\'s /Annots: invisible and signed is allowed; without /T or /FT /Sig it is no signature field', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const ok = await diff(adding(pdf, n, FIELD('annotsOnly', `/Rect [ 0 0 0 0 ] /F 132 /V ${n + 1} 0 R`), [{ num: n + 1, body: FAKE_SIG }], false));
    expect(ok.level, shown(ok).join(' | ')).toBe('FORM_FILLING');
    const visible = await diff(adding(pdf, n, FIELD('annotsOnly', `/Rect [ 40 700 300 760 ] /F 4 /V ${n + 1} 0 R /AP << /N ${n + 2} 0 R >>`), [{ num: n + 1, body: FAKE_SIG }, BOX(n + 2)], false));
    expect(vetoes(visible)).toContainEqual({
      object: `object ${n}`,
      description: 'signature field "annotsOnly" that the form does not list shows a visible appearance [new-signature-field]',
      descriptionVi: 'ô chữ ký "annotsOnly" không có trong biểu mẫu nhưng có hình hiển thị',
      allowed: false,
    });
    for (const body of [
      `<< /Type /Annot /Subtype /Widget /FT /Sig /P 3 0 R /Rect [ 0 0 0 0 ] /F 132 /V ${n + 1} 0 R >>`,
      `<< /Type /Annot /Subtype /Widget /FT /Tx /T (t) /P 3 0 R /Rect [ 0 0 0 0 ] /F 132 /V ${n + 1} 0 R >>`,
      `<< /Type /Annot /Subtype /Square /FT /Sig /T (t) /P 3 0 R /Rect [ 0 0 0 0 ] /F 132 /V ${n + 1} 0 R >>`,
    ]) {
      const d = await diff(adding(pdf, n, body, [{ num: n + 1, body: FAKE_SIG }], false));
      expect(d.level, body).toBe('OTHER');
    }
  });

  it('only what is new and a signature field counts: an old object newly listed, a dangling entry filled later, a text field', async () => {
    const base = signedForm();
    const n = next(base);
    // rev2 (analysed as signed): an invisible signature field n that nothing lists, and /Fields naming n + 1, which does not exist yet.
    const pdf = up(base, [{ num: n, body: FIELD('orphan', '/Rect [ 0 0 0 0 ] /F 132') }, { num: 7, body: dictOf(base, 7).replace('11 0 R', `11 0 R ${n + 1} 0 R`) }]);
    const listed = await diff(up(pdf, [{ num: 7, body: dictOf(pdf, 7).replace('11 0 R', `11 0 R ${n} 0 R`) }]), 2);
    expect(listed.level, shown(listed).join(' | ')).toBe('OTHER');
    expect(shown(listed)).toContainEqual(expect.stringContaining('/Fields gained something other than a new signature field'));
    const filled = await diff(up(pdf, [{ num: n + 1, body: FIELD('late', `/Rect [ 0 0 0 0 ] /F 132 /V ${n + 2} 0 R`) }, { num: n + 2, body: FAKE_SIG }]), 2);
    expect(filled.level, shown(filled).join(' | ')).toBe('OTHER');
    // A new text field without a value, invisible: not a signature field, so the form may not list it.
    const m = next(base);
    const text = await diff(up(base, [{ num: 7, body: dictOf(base, 7).replace('11 0 R', `11 0 R ${m} 0 R`) }, { num: m, body: '<< /FT /Tx /T (added) >>' }]));
    expect(text.level).toBe('OTHER');
    expect(vetoes(text).map((x) => x.description)).toContain(`/Fields gained something other than a new signature field (object ${m}) [acroform]`);
  });

  it('a new invisible signed field that only /Fields lists (on no page) is approved as the field', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const only = await diff(up(pdf, [{ num: 7, body: dictOf(pdf, 7).replace('11 0 R', `11 0 R ${n} 0 R`) }, { num: n, body: FIELD('offPage', `/Rect [ 0 0 0 0 ] /F 132 /V ${n + 1} 0 R`) }, { num: n + 1, body: FAKE_SIG }]));
    expect(only.level, shown(only).join(' | ')).toBe('FORM_FILLING');
    expect(vetoes(only)).toEqual([]);
  });
});
