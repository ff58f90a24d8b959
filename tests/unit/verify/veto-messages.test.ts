/**
 * What the report says when a difference rule vetoes or explains an update: the exact object, English and
 * Vietnamese text, and level, for the rules whose messages the report page shows most (encryption added, catalog,
 * /Info and /AcroForm replaced). Small files written byte by byte with placeholder signature dictionaries, as in
 * diff-rules.test.ts; analyseChanges only compares revisions.
 */
import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../../core/pdf/parse/index.js';
import { analyseChanges, type DiffResult } from '../../../core/verify/diff/analyse.js';
import { RULES } from '../../../core/verify/diff/rules/index.js';
import { appendUpdate, dictOf, enc, lastTrailer, streamBody, txt, type NewObject, type UpdateOptions } from '../../corpus/pdf-bytes.js';
import { withEntry } from '../../corpus/real-world/cases.js';
import { formDoc, INFO } from '../../corpus/real-world/sources.js';
import { FAKE_SIG, signedForm } from '../../helpers/signed-form.js';

const up = (pdf: Uint8Array, objects: NewObject[], opts: UpdateOptions = {}) => appendUpdate(pdf, objects, opts).bytes;
const next = (pdf: Uint8Array) => lastTrailer(pdf).size;

const diff = async (pdf: Uint8Array): Promise<DiffResult> => analyseChanges(await parsePdf(pdf), 1, RULES);
const vetoes = (d: DiffResult) => d.modifications.filter((m) => !m.allowed);

/** The trailer of the last update with `key` set to `value` (inserted before /Prev). */
function trailerWith(pdf: Uint8Array, key: string, value: string): Uint8Array {
  const s = txt(pdf);
  const at = s.lastIndexOf('/Prev');
  return enc(`${s.slice(0, at)}/${key} ${value} ${s.slice(at)}`);
}

describe('veto and explanation texts', () => {
  it('no-encryption: the trailer, in both languages', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(trailerWith(up(pdf, [{ num: n, body: '<< /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>' }]), 'Encrypt', `${n} 0 R`));
    expect(d.level).toBe('OTHER');
    expect(vetoes(d)).toContainEqual({ object: 'trailer', description: 'encryption was added after signing [no-encryption]', descriptionVi: 'tài liệu bị mã hóa sau khi ký', allowed: false });
  });

  it('catalog-rewrite: /Root pointed at another existing object', async () => {
    const d = await diff(up(signedForm(), [], { root: '7 0 R' }));
    expect(d.level).toBe('OTHER');
    expect(vetoes(d)).toContainEqual({
      object: 'object 7',
      description: 'the document catalog (/Root) was replaced by another existing object [catalog-rewrite]',
      descriptionVi: 'danh mục gốc (/Root) bị thay bằng một đối tượng có sẵn khác',
      allowed: false,
    });
  });

  it('catalog-rewrite: /Info pointed at another existing object', async () => {
    const d = await diff(trailerWith(up(signedForm(), []), 'Info', '13 0 R'));
    expect(d.level).toBe('OTHER');
    expect(vetoes(d)).toContainEqual({
      object: 'object 13',
      description: 'the document information dictionary (/Info) was replaced by another existing object [catalog-rewrite]',
      descriptionVi: 'từ điển thông tin tài liệu (/Info) bị thay bằng một đối tượng có sẵn khác',
      allowed: false,
    });
  });

  it('catalog-rewrite: /AcroForm pointed at another existing object', async () => {
    const pdf = signedForm();
    const d = await diff(up(pdf, [{ num: 1, body: dictOf(pdf, 1).replace('/AcroForm 7 0 R', '/AcroForm 13 0 R') }]));
    expect(d.level).toBe('OTHER');
    expect(vetoes(d)).toContainEqual({
      object: 'object 13',
      description: 'the form dictionary (/AcroForm) was replaced by another existing object [catalog-rewrite]',
      descriptionVi: 'từ điển biểu mẫu (/AcroForm) bị thay bằng một đối tượng có sẵn khác',
      allowed: false,
    });
  });

  it('catalog-rewrite: the form dictionary written again as a new object is an LTA-level update, and says so', async () => {
    const pdf = signedForm();
    const n = next(pdf);
    const d = await diff(up(pdf, [
      { num: n, body: dictOf(pdf, 7) },
      { num: 1, body: dictOf(pdf, 1).replace('/AcroForm 7 0 R', `/AcroForm ${n} 0 R`) },
    ]));
    expect(vetoes(d)).toEqual([]);
    expect(d.level).toBe('LTA_UPDATES');
    expect(d.modifications).toContainEqual(expect.objectContaining({ description: expect.stringContaining('form dictionary written again as a new object'), allowed: true }));
    expect(d.modifications).toContainEqual(expect.objectContaining({ descriptionVi: expect.stringContaining('từ điển biểu mẫu được ghi lại thành đối tượng mới') }));
  });

  it('the same catalog object kept: nothing to pair, nothing vetoed', async () => {
    const pdf = signedForm();
    const d = await diff(up(pdf, [{ num: 1, body: dictOf(pdf, 1) }], { root: '1 0 R' }));
    expect(vetoes(d)).toEqual([]);
  });
});

/** rev1 = sigA signed with a visible appearance: widget 10 gets /V 15 and /AP << /N 16 0 R >>. */
function signedWithAppearance(): Uint8Array {
  return up(formDoc(), [
    { num: 10, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigA) /Rect [ 300 50 500 100 ] /F 4 /P 3 0 R /V 15 0 R /AP << /N 16 0 R >> >>' },
    { num: 15, body: FAKE_SIG },
    { num: 16, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 200 50 ]', 'BT /Helv 10 Tf 2 20 Td (Nguyen Thi Hong Nhung) Tj ET') },
  ]);
}

describe('signed-field-frozen: an already-signed signature stays as it was signed', () => {
  it('its signature value replaced: vetoed, naming the field and the key', async () => {
    const pdf = signedWithAppearance();
    const n = next(pdf);
    const d = await diff(up(pdf, [{ num: n, body: FAKE_SIG.replace('<3000>', '<3001>') }, { num: 10, body: dictOf(pdf, 10).replace('/V 15 0 R', `/V ${n} 0 R`) }]));
    expect(d.level).toBe('OTHER');
    expect(vetoes(d)).toContainEqual(expect.objectContaining({
      description: 'the already-signed signature field "sigA" was changed: /V [signed-field-frozen]',
      descriptionVi: 'ô chữ ký đã ký "sigA" bị thay đổi: /V',
    }));
  });

  it('its appearance re-pointed: vetoed as an appearance change', async () => {
    const pdf = signedWithAppearance();
    const n = next(pdf);
    const d = await diff(up(pdf, [
      { num: n, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 200 50 ]', 'BT /Helv 10 Tf 2 20 Td (Ke gia mao) Tj ET') },
      { num: 10, body: dictOf(pdf, 10).replace('/AP << /N 16 0 R >>', `/AP << /N ${n} 0 R >>`) },
    ]));
    expect(vetoes(d)).toContainEqual(expect.objectContaining({
      description: 'the appearance of the already-signed signature "sigA" was changed [signed-field-frozen]',
      descriptionVi: 'hình hiển thị của chữ ký đã ký "sigA" bị thay đổi',
    }));
  });

  it('its appearance stream rewritten in place: vetoed, naming the stream', async () => {
    const pdf = signedWithAppearance();
    const d = await diff(up(pdf, [{ num: 16, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 200 50 ]', 'BT /Helv 10 Tf 2 20 Td (Ke gia mao) Tj ET') }]));
    expect(d.level).toBe('OTHER');
    expect(vetoes(d)).toContainEqual({
      object: 'object 16',
      description: 'the appearance stream of the already-signed signature "sigA" was changed [signed-field-frozen]',
      descriptionVi: 'luồng hình hiển thị của chữ ký đã ký "sigA" bị thay đổi',
      allowed: false,
    });
  });

  it('several keys of the field changed are all named', async () => {
    const pdf = signedWithAppearance();
    const d = await diff(up(pdf, [{ num: 10, body: dictOf(pdf, 10).replace('/F 4', '/F 2').replace('/Rect [ 300 50 500 100 ]', '/Rect [ 0 0 0 0 ]') }]));
    const frozen = vetoes(d).filter((m) => m.description.endsWith('[signed-field-frozen]'));
    expect(frozen).toHaveLength(1);
    expect(frozen[0].description).toMatch(/^the already-signed signature field "sigA" was changed: \/(F, \/Rect|Rect, \/F) \[signed-field-frozen\]$/);
    expect(frozen[0].descriptionVi).toMatch(/^ô chữ ký đã ký "sigA" bị thay đổi: \/(F, \/Rect|Rect, \/F)$/);
  });
});

describe('doc-info: what the /Info dictionary may and may not become', () => {
  it('the document description changed: one veto naming every descriptive key, in both languages', async () => {
    const pdf = signedWithAppearance();
    const d = await diff(up(pdf, [{ num: 6, body: withEntry(withEntry(dictOf(pdf, 6), 'Title', '(Bang gia)'), 'Author', '(Ke gia mao)') }]));
    const info = vetoes(d).filter((m) => m.description.endsWith('[doc-info]'));
    expect(info).toHaveLength(1);
    expect(info[0].object).toMatch(/^object 6\b/);
    expect(info[0].description).toMatch(/^document description changed after signing: \/(Title, \/Author|Author, \/Title) \[doc-info\]$/);
    expect(info[0].descriptionVi).toMatch(/^mô tả tài liệu bị thay đổi sau khi ký: \/(Title, \/Author|Author, \/Title)$/);
  });

  it('the signing tool updating /ModDate and /Producer: allowed, said in both languages', async () => {
    const pdf = signedWithAppearance();
    const d = await diff(up(pdf, [{ num: 6, body: INFO('Giay khai sinh', 'D:20270101000000Z', 'pyHanko 0.25') }]));
    expect(vetoes(d)).toEqual([]);
    expect(d.level).toBe('LTA_UPDATES');
    const tool = d.modifications.filter((m) => m.description.startsWith('modification date / producer updated by the signing tool'));
    expect(tool.length).toBeGreaterThan(0);
    expect(tool.every((m) => m.allowed && m.descriptionVi.startsWith('công cụ ký cập nhật ngày sửa đổi / phần mềm tạo'))).toBe(true);
  });
});
