/**
 * The small predicates the difference rules share (core/verify/diff/rules/util.ts), each on its own (issue 14):
 * what counts as a signature dictionary, a document timestamp, a field's widgets, an invisible widget, the
 * appearance streams a widget reaches, and the words that name an object in a report.
 */
import { describe, expect, it } from 'vitest';
import { parsePdf, type PdfValue } from '../../../core/pdf/parse/index.js';
import { RevisionView } from '../../../core/verify/pdf-access.js';
import { appearanceObjects, describe as describeObject, isDocTimestamp, isInvisibleWidget, isSignatureDict, nameOf, widgetsOf } from '../../../core/verify/diff/rules/util.js';
import { pdfOf } from '../../helpers/pdf-of.js';

const ref = (num: number): PdfValue => ({ kind: 'ref', num, gen: 0 });
const stream = (entries: string, data = 'q Q') => [entries, new Uint8Array(Buffer.from(data, 'latin1'))] as [string, Uint8Array];

/** Objects 2.. are what the tests look at; 1 is the catalog. */
async function view(objects: (string | [string, Uint8Array])[]): Promise<RevisionView> {
  return new RevisionView(await parsePdf(pdfOf(['<< /Type /Catalog >>', ...objects])), 0);
}

describe('isSignatureDict and isDocTimestamp', () => {
  it('tell signature and timestamp dictionaries by /Type, or by /ByteRange with /Contents', async () => {
    const v = await view([
      '<< /Type /Sig >>',
      '<< /Type /DocTimeStamp >>',
      '<< /ByteRange [ 0 1 2 3 ] /Contents <00> >>',
      '<< /ByteRange [ 0 1 2 3 ] >>',
      '<< /Contents <00> >>',
      '<< /Type /Annot /SubFilter /ETSI.RFC3161 >>',
      '<< /Type /Sig /SubFilter /ETSI.CAdES.detached >>',
    ]);
    const d = (n: number) => v.dict(ref(n));
    expect([2, 3, 4, 5, 6, 7, 8].map((n) => isSignatureDict(d(n)))).toEqual([true, true, true, false, false, false, true]);
    expect(isSignatureDict(undefined)).toBe(false);
    expect([2, 3, 4, 7, 8].map((n) => isDocTimestamp(d(n)))).toEqual([false, true, false, true, false]);
    expect(nameOf(v.get(d(2), 'Type'))).toBe('Sig');
    expect(nameOf(v.get(d(4), 'ByteRange'))).toBeUndefined();
  });
});

describe('widgetsOf', () => {
  it('a merged field-widget is its own widget; otherwise the /Kids without /T, referenced', async () => {
    const v = await view([
      '<< /FT /Sig /T (merged) /Subtype /Widget >>',
      '<< /FT /Tx /T (parent) /Kids [ 4 0 R 5 0 R << /Subtype /Widget >> 6 0 R ] >>',
      '<< /Subtype /Widget /Parent 3 0 R >>',
      '<< /T (child field) /Parent 3 0 R >>',
      '<< /Subtype /Widget /Parent 3 0 R >>',
      '<< /FT /Tx /T (no kids) >>',
    ]);
    expect(widgetsOf(v, 2, v.dict(ref(2))!)).toEqual([2]);
    expect(widgetsOf(v, 3, v.dict(ref(3))!)).toEqual([4, 6]);
    expect(widgetsOf(v, 7, v.dict(ref(7))!)).toEqual([]);
  });
});

describe('isInvisibleWidget', () => {
  const visibleAp = stream('/Type /XObject /Subtype /Form /BBox [ 0 0 100 20 ]');
  it('answers for each way a widget can be unseen, and only those', async () => {
    const v = await view([
      '<< /Rect [ 0 0 100 20 ] /F 4 /AP << /N 20 0 R >> >>', // 2 visible
      '<< /Rect [ 10 10 10 30 ] /F 4 /AP << /N 20 0 R >> >>', // 3 zero width
      '<< /Rect [ 10 10 50 10 ] /F 4 /AP << /N 20 0 R >> >>', // 4 zero height
      '<< /Rect [ 100 20 0 0 ] /F 4 /AP << /N 20 0 R >> >>', // 5 corners given the other way round: visible
      '<< /Rect [ 0 0 100 20 ] /F 2 /AP << /N 20 0 R >> >>', // 6 Hidden
      '<< /Rect [ 0 0 100 20 ] /F 36 /AP << /N 20 0 R >> >>', // 7 NoView (with Print)
      '<< /Rect [ 0 0 100 20 ] /F 4 >>', // 8 no appearance
      '<< /Rect [ 0 0 100 20 ] /F 4 /AP << /N 21 0 R >> >>', // 9 empty appearance stream
      '<< /Rect [ 0 0 100 20 ] /F 4 /AP << /N 22 0 R >> >>', // 10 zero-width BBox
      '<< /Rect [ 0 0 100 20 ] /F 4 /AP << /N 23 0 R >> >>', // 11 zero-height BBox
      '<< /Rect [ 0 0 100 20 ] /F 4 /AP << /N << /Off 21 0 R /On 20 0 R >> >> >>', // 12 one visible state
      '<< /Rect [ 0 0 100 20 ] /F 4 /AP << /N << /Off 21 0 R /On 22 0 R >> >> >>', // 13 no visible state
      '<< /Rect [ 0 0 100 20 ] /F 4 /AP << /N 5 >> >>', // 14 an appearance that is no stream
      '<< /Rect [ 0 0 100 ] /AP << /N 20 0 R >> >>', // 15 a malformed /Rect is not read as zero-size
      '<< /Rect [ 0 0 100 20 ] /AP << /N 24 0 R >> >>', // 16 appearance without /BBox: visible
      '<< /Rect [ 0 0 100 20 ] /AP << /N << /On 25 0 R >> >> >>', // 17 a state that is not a stream
      '<< /Rect [ 0 0 100 20 ] /F 1 /AP << /N 20 0 R >> >>', // 18 Invisible (1) alone is not Hidden
      '<< >>', // 19
      visibleAp, // 20
      stream('/BBox [ 0 0 10 10 ]', ''), // 21
      stream('/BBox [ 5 0 5 20 ]'), // 22
      stream('/BBox [ 0 7 100 7 ]'), // 23
      stream('/Subtype /Form'), // 24
      '<< /Not /AStream >>', // 25
    ]);
    const answers = Array.from({ length: 17 }, (_, i) => isInvisibleWidget(v, v.dict(ref(i + 2))));
    expect(answers).toEqual([false, true, true, false, true, true, true, true, true, true, false, true, true, false, false, true, false]);
    expect(isInvisibleWidget(v, undefined)).toBe(true);
  });
});

describe('appearanceObjects', () => {
  it('the /AP object and the N, R, D streams, state dictionaries included', async () => {
    const v = await view([
      '<< /AP 3 0 R >>', // 2
      '<< /N 4 0 R /R << /On 5 0 R /Off 6 0 R >> /D 7 0 R /X 8 0 R >>', // 3
      stream('/BBox [ 0 0 1 1 ]'), stream('/BBox [ 0 0 1 1 ]'), stream('/BBox [ 0 0 1 1 ]'), // 4 5 6
      '<< /On 8 0 R /Off << /Direct true >> >>', // 7 a state dictionary
      stream('/BBox [ 0 0 1 1 ]'), // 8
      '<< /AP << /N 4 0 R >> >>', // 9 direct /AP
      '<< >>', // 10 none
    ]);
    expect([...appearanceObjects(v, v.dict(ref(2)))].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8]);
    expect([...appearanceObjects(v, v.dict(ref(9)))]).toEqual([4]);
    expect([...appearanceObjects(v, v.dict(ref(10)))]).toEqual([]);
    expect([...appearanceObjects(v, undefined)]).toEqual([]);
  });
});

describe('describe: the words a report uses for an object', () => {
  it('names annotations, pages, the catalog, fonts, images, forms, streams and the rest, in English and Vietnamese', async () => {
    const v = await view([
      '<< /Type /Annot /Subtype /Widget >>', // 2
      '<< /Subtype /Link /Rect [ 0 0 1 1 ] >>', // 3 an annotation without /Type
      '<< /Type /Annot >>', // 4
      '<< /Type /Page >>', // 5
      '<< /Type /Catalog >>', // 6
      '<< /Type /Font >>', // 7
      '<< /Type /FontDescriptor >>', // 8
      stream('/Type /XObject /Subtype /Image'), // 9
      stream('/Type /XObject /Subtype /Form'), // 10
      stream('/Subtype /Form'), // 11
      stream('/Length1 3'), // 12
      '<< /Type /Pages >>', // 13
      '<< /Subtype /Link >>', // 14 a /Subtype without /Rect or /Type is no annotation
      '[ 1 2 ]', // 15
      '<< /Type /XObject >>', // 16
    ]);
    const words = (n: number) => describeObject(v.resolve(ref(n)));
    expect(Array.from({ length: 15 }, (_, i) => words(i + 2).en)).toEqual([
      'annotation (Widget)', 'annotation (Link)', 'annotation', 'page', 'document catalog', 'font', 'font', 'image XObject', 'form XObject', 'form XObject', 'content stream', '/Pages object', 'dict object', 'array object', 'form XObject',
    ]);
    expect(Array.from({ length: 15 }, (_, i) => words(i + 2).vi)).toEqual([
      'chú thích (Widget)', 'chú thích (Link)', 'chú thích', 'trang', 'danh mục gốc', 'phông chữ', 'phông chữ', 'hình ảnh', 'khối đồ họa', 'khối đồ họa', 'luồng nội dung', 'đối tượng /Pages', 'đối tượng dict', 'đối tượng array', 'khối đồ họa',
    ]);
    expect(describeObject(undefined)).toEqual({ en: 'object', vi: 'đối tượng' });
  });
});
