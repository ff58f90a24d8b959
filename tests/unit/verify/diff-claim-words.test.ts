/**
 * What the report says for each kind of allowed change (issue 14: the words are part of the report, so a rule that
 * names the wrong change, or none, must fail a test). One typical update per rule, after the small signed form; the
 * allowed modifications are compared whole, English and Vietnamese.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../../core/pdf/parse/index.js';
import { analyseChanges } from '../../../core/verify/diff/analyse.js';
import { RULES } from '../../../core/verify/diff/rules/index.js';
import { appendUpdate, dictOf, lastTrailer, streamBody, type NewObject } from '../../corpus/pdf-bytes.js';
import { withEntry } from '../../corpus/real-world/cases.js';
import { taggedDoc, xmpPacket, XMP_STREAM } from '../../corpus/real-world/sources.js';
import { FAKE_SIG, signedForm } from '../../helpers/signed-form.js';

const BASE = signedForm();
const N = lastTrailer(BASE).size;
const catalogWith = (key: string, value: string, dict = dictOf(BASE, 1)) => ({ num: 1, body: withEntry(dict, key, value) });
const der = () => streamBody('/Filter /FlateDecode', deflateSync(Buffer.from([0x30, 0x00])));

async function said(objects: NewObject[]) {
  const d = await analyseChanges(await parsePdf(appendUpdate(BASE, objects).bytes), 1, RULES);
  return { level: d.level, mods: d.modifications.map((m) => [m.allowed ? 'ok' : 'NO', m.object, m.description, m.descriptionVi]) };
}

const XMP_NEW = () => XMP_STREAM(xmpPacket({ title: 'Giay khai sinh', modify: '2027-03-01T10:00:00Z', instance: 'uuid:7d1c9a52-0000-4000-8000-0000000000a1' }));
const XMP_WORDS = ['XMP metadata dates / producer updated by the signing tool', 'công cụ ký cập nhật ngày / phần mềm trong siêu dữ liệu XMP'];

describe('the words of each allowed change', () => {
  const cases: [string, NewObject[], string, string[][]][] = [
    ['xmp-metadata: the signing tool’s dates, in place', [{ num: 14, body: XMP_NEW() }], 'LTA_UPDATES', [['ok', 'object 14 (XMP metadata)', ...XMP_WORDS]]],
    ['xmp-metadata: a new metadata stream', [catalogWith('Metadata', `${N} 0 R`), { num: N, body: XMP_NEW() }], 'LTA_UPDATES', [['ok', 'object 1 (document catalog)', ...XMP_WORDS]]],
    ['extensions: /Extensions and /Version', [catalogWith('Version', '/2.0', withEntry(dictOf(BASE, 1), 'Extensions', '<< /ESIC << /BaseVersion /1.7 /ExtensionLevel 2 >> >>'))], 'LTA_UPDATES', [
      ['ok', 'object 1 (document catalog)', 'developer extensions declared (/Extensions); PDF version declared as 2.0', 'khai báo phần mở rộng (/Extensions); khai báo phiên bản PDF 2.0'],
    ]],
    ['dss: validation data', [catalogWith('DSS', `${N} 0 R`), { num: N, body: `<< /Type /DSS /Certs [ ${N + 1} 0 R ] >>` }, { num: N + 1, body: der() }], 'LTA_UPDATES', [
      ['ok', 'object 1 (document catalog)', 'validation data (/DSS, /VRI) added or extended', 'thêm hoặc bổ sung dữ liệu kiểm tra chữ ký (/DSS, /VRI)'],
    ]],
    ['doc-info: the signing tool’s /ModDate', [{ num: 6, body: dictOf(BASE, 6).replace(/\/ModDate \([^)]*\)/, '/ModDate (D:20270301100000Z)') }], 'LTA_UPDATES', [
      ['ok', 'object 6 (document information dictionary)', 'modification date / producer updated by the signing tool', 'công cụ ký cập nhật ngày sửa đổi / phần mềm tạo'],
    ]],
    ['sign-existing-field: sigB signed', [{ num: 11, body: dictOf(BASE, 11).replace(' >>', ` /V ${N} 0 R >>`) }, { num: N, body: FAKE_SIG }], 'FORM_FILLING', [
      ['ok', 'object 11 (signature field "sigB")', 'empty signature field "sigB" signed', 'ký vào ô chữ ký có sẵn "sigB"'],
    ]],
    ['form-filling: a text field filled', [{ num: 8, body: dictOf(BASE, 8).replace('(Nguyen Van A)', '(Tran Thi B)') }], 'FORM_FILLING', [
      ['ok', 'object 8 (form field "name")', 'form field "name" filled in', 'điền ô biểu mẫu "name"'],
    ]],
    ['form-filling: a text field filled and its appearance stream redrawn in place', [
      { num: 8, body: dictOf(BASE, 8).replace('(Nguyen Van A)', '(Tran Thi B)') },
      { num: 12, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 250 22 ] /Resources << /Font << /Helv 5 0 R >> >>', '/Tx BMC BT /Helv 12 Tf 2 6 Td (Tran Thi B) Tj ET EMC') },
    ], 'FORM_FILLING', [
      ['ok', 'object 8 (form field "name")', 'form field "name" filled in', 'điền ô biểu mẫu "name"'],
      ['ok', 'object 12', 'appearance of form field "name" redrawn', 'vẽ lại hình hiển thị ô biểu mẫu "name"'],
    ]],
  ];
  for (const [name, objects, level, mods] of cases) {
    it(name, async () => {
      expect(await said(objects)).toEqual({ level, mods });
    });
  }
});

describe('what form filling does not explain', () => {
  it('another field’s appearance stream redrawn when only "name" was filled', async () => {
    const r = await said([
      { num: 8, body: dictOf(BASE, 8).replace('(Nguyen Van A)', '(Tran Thi B)') },
      { num: 13, body: streamBody('/Type /XObject /Subtype /Form /BBox [ 0 0 150 22 ] /Resources << /Font << /Helv 5 0 R >> >>', '/Tx BMC BT /Helv 12 Tf 2 6 Td (b) Tj ET EMC') },
    ]);
    expect(r.level).toBe('OTHER');
    expect(r.mods).toContainEqual(['NO', 'object 13', 'form XObject changed after signing: (stream data)', 'khối đồ họa bị thay đổi sau khi ký: (stream data)']);
  });
});

describe('the form dictionary', () => {
  it('its /DA changed with nothing signed: FORM_FILLING, said as a form update', async () => {
    expect(await said([{ num: 7, body: dictOf(BASE, 7).replace('/DA (/Helv 0 Tf 0 g)', '/DA (/Helv 10 Tf 0 g)') }])).toEqual({
      level: 'FORM_FILLING',
      mods: [['ok', 'object 7 (form dictionary (/AcroForm))', 'form dictionary updated for signing', 'cập nhật từ điển biểu mẫu để ký']],
    });
  });

  it('created in the catalog for the first signature of a file that had no form', async () => {
    const plain = taggedDoc();
    const n = lastTrailer(plain).size;
    const pdf = appendUpdate(plain, [
      { num: 1, body: withEntry(dictOf(plain, 1), 'AcroForm', `<< /Fields [ ${n} 0 R ] /SigFlags 3 >>`) },
      { num: 3, body: withEntry(dictOf(plain, 3), 'Annots', `[ ${n} 0 R ]`) },
      { num: n, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (first) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V ${n + 1} 0 R >>` },
      { num: n + 1, body: FAKE_SIG },
    ]).bytes;
    const d = await analyseChanges(await parsePdf(pdf), 0, RULES);
    expect(d.modifications.filter((m) => m.object === 'object 1 (document catalog)').map((m) => [m.allowed, m.description, m.descriptionVi])).toEqual([
      [true, 'form dictionary created for a new signature', 'tạo từ điển biểu mẫu cho chữ ký mới'],
    ]);
  });

  it('a field removed from /Fields, or something other than a new signature field added: vetoed with its words', async () => {
    const removed = await said([{ num: 7, body: withEntry(dictOf(BASE, 7), 'Fields', '[ 8 0 R 9 0 R 10 0 R ]') }]);
    expect(removed.mods).toContainEqual(['NO', 'object 7 (form dictionary (/AcroForm))', 'form fields were removed from /Fields [acroform]', 'ô biểu mẫu bị xóa khỏi /Fields']);
    const gained = await said([{ num: 7, body: withEntry(dictOf(BASE, 7), 'Fields', '[ 8 0 R 9 0 R 10 0 R 11 0 R 6 0 R << /T (x) >> ]') }]);
    expect(gained.mods).toContainEqual(['NO', 'object 7 (form dictionary (/AcroForm))', '/Fields gained something other than a new signature field (object 6, direct) [acroform]',
      '/Fields được thêm thứ không phải ô chữ ký mới (đối tượng 6, direct)']);
  });
});
