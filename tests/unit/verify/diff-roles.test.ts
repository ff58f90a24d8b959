/**
 * rolesAt (core/verify/diff/roles.ts): what each object of a revision is, which the difference rules judge changes
 * by. A field missed here (a signature field under a parent, a widget under /Kids, a page deep in the tree) is a
 * field whose change no rule knows to forbid; a page tree loop or a huge /Fields array must not hang the verifier.
 */
import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../../core/pdf/parse/index.js';
import { rolesAt } from '../../../core/verify/diff/roles.js';
import { appendUpdate } from '../../corpus/pdf-bytes.js';
import { writePdf, type PdfObject } from '../../corpus/real-world/pdf-writer.js';
import { formDoc } from '../../corpus/real-world/sources.js';

const sorted = (s: Iterable<number>) => [...s].sort((a, b) => a - b);
const roles = async (pdf: Uint8Array, rev?: number) => {
  const parsed = await parsePdf(pdf);
  return rolesAt(parsed, rev ?? parsed.revisions.length - 1);
};

const CATALOG = (extra = '') => `<< /Type /Catalog /Pages 2 0 R /AcroForm 7 0 R${extra} >>`;
const PAGE = (annots = '') => `<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 595 842 ] /Contents 4 0 R${annots} >>`;
const basics = (catalogExtra = '', pageAnnots = ''): PdfObject[] => [
  { num: 1, body: CATALOG(catalogExtra) },
  { num: 2, body: '<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>' },
  { num: 3, body: PAGE(pageAnnots) },
  { num: 4, body: '<< /Length 0 >>\nstream\n\nendstream' },
];

describe('rolesAt', () => {
  it('the form document: every role and label', async () => {
    const pdf = formDoc();
    const r = await roles(pdf);
    expect({ catalog: r.catalog, acroForm: r.acroForm, info: r.info, metadata: r.metadata }).toEqual({ catalog: 1, acroForm: 7, info: 6, metadata: 14 });
    expect(sorted(r.sigFields)).toEqual([10, 11]);
    expect(sorted(r.sigWidgets)).toEqual([10, 11]);
    expect(sorted(r.otherFields)).toEqual([8, 9]);
    expect(sorted(r.otherWidgets)).toEqual([8, 9]);
    expect(sorted(r.pages)).toEqual([3]);
    expect(sorted(r.annotArrays)).toEqual([]);
    expect(sorted(r.signedSigFields)).toEqual([]);
    expect([...r.widgetField].sort((a, b) => a[0] - b[0])).toEqual([[8, 8], [9, 9], [10, 10], [11, 11]]);
    expect([...r.fieldNames].sort((a, b) => a[0] - b[0])).toEqual([[8, 'name'], [9, 'choice'], [10, 'sigA'], [11, 'sigB']]);
    expect([...r.label].sort((a, b) => a[0] - b[0])).toEqual([
      [1, 'document catalog'],
      [2, 'page tree node'],
      [3, 'page 1'],
      [4, 'content of page 1'],
      [6, 'document information dictionary'],
      [7, 'form dictionary (/AcroForm)'],
      [8, 'form field "name"'],
      [9, 'form field "choice"'],
      [10, 'signature field "sigA"'],
      [11, 'signature field "sigB"'],
      [14, 'XMP metadata'],
    ]);
    // Signed in the next revision: only there is sigA a signed signature field.
    const signed = appendUpdate(pdf, [{ num: 10, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigA) /Rect [ 0 0 0 0 ] /P 3 0 R /V 15 0 R >>' }, { num: 15, body: '<< /Type /Sig >>' }]).bytes;
    expect(sorted((await roles(signed, 1)).signedSigFields)).toEqual([10]);
    expect(sorted((await roles(signed, 0)).signedSigFields)).toEqual([]);
  });

  it('a document without form, information dictionary or metadata', async () => {
    const r = await roles(writePdf([{ num: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' }, ...basics().slice(1)], 1));
    expect([r.catalog, r.acroForm, r.info, r.metadata]).toEqual([1, undefined, undefined, undefined]);
    expect([...r.label.values()]).toEqual(['document catalog', 'page tree node', 'page 1', 'content of page 1']);
  });

  it('hierarchical fields: names qualified with dots, /FT inherited, widget kids mapped to their field', async () => {
    const pdf = writePdf([
      ...basics(' /Metadata 30 0 R', ' /Annots 29 0 R'),
      { num: 7, body: '<< /Fields [ 20 0 R 25 0 R ] >>' },
      // A signature parent with a signed child field (whose /FT is inherited) that has two widgets.
      { num: 20, body: '<< /FT /Sig /T (sigs) /Kids [ 21 0 R ] >>' },
      { num: 21, body: '<< /T (one) /Parent 20 0 R /V 24 0 R /Kids [ 22 0 R 23 0 R ] >>' },
      { num: 22, body: '<< /Type /Annot /Subtype /Widget /Parent 21 0 R /Rect [ 0 0 0 0 ] /P 3 0 R >>' },
      { num: 23, body: '<< /Type /Annot /Subtype /Widget /Parent 21 0 R /Rect [ 0 0 0 0 ] /P 3 0 R >>' },
      { num: 24, body: '<< /Type /Sig >>' },
      // A text field with no name of its own (its kid field takes the parent's name) and a nameless merged widget kid.
      { num: 25, body: '<< /FT /Tx /Kids [ 26 0 R ] >>' },
      { num: 26, body: '<< /T (kid) /Parent 25 0 R /Kids [ 27 0 R ] >>' },
      { num: 27, body: '<< /Type /Annot /Subtype /Widget /Parent 26 0 R /Rect [ 0 0 10 10 ] /P 3 0 R >>' },
      { num: 29, body: '[ 22 0 R 23 0 R 27 0 R ]' },
      { num: 30, body: '<< /Type /Metadata /Subtype /XML /Length 0 >>\nstream\n\nendstream' },
    ], 1);
    const r = await roles(pdf);
    expect(sorted(r.sigFields)).toEqual([20, 21]);
    expect(sorted(r.signedSigFields)).toEqual([21]);
    expect(sorted(r.sigWidgets)).toEqual([22, 23]);
    expect(sorted(r.otherFields)).toEqual([25, 26]);
    expect(sorted(r.otherWidgets)).toEqual([27]);
    expect([...r.widgetField].sort((a, b) => a[0] - b[0])).toEqual([[22, 21], [23, 21], [27, 26]]);
    expect([...r.fieldNames].sort((a, b) => a[0] - b[0])).toEqual([[20, 'sigs'], [21, 'sigs.one'], [25, ''], [26, 'kid']]);
    expect(sorted(r.annotArrays)).toEqual([29]);
    expect(r.metadata).toBe(30);
    expect(Object.fromEntries([20, 21, 22, 25, 26, 27, 29, 30].map((n) => [n, r.label.get(n)]))).toEqual({
      20: 'signature field "sigs"',
      21: 'signature field "one"',
      22: 'widget of signature field "one"',
      25: 'form field (unnamed)',
      26: 'form field "kid"',
      27: 'widget of field "kid"',
      29: 'annotation list of page 1',
      30: 'XMP metadata',
    });
  });

  it('a field written directly in /Fields (no object number) still has its widget kids found', async () => {
    const pdf = writePdf([
      ...basics(),
      { num: 7, body: '<< /Fields [ << /FT /Sig /T (direct) /Kids [ 22 0 R ] >> ] >>' },
      { num: 22, body: '<< /Type /Annot /Subtype /Widget /Rect [ 0 0 0 0 ] /P 3 0 R >>' },
    ], 1);
    const r = await roles(pdf);
    expect(sorted(r.sigWidgets)).toEqual([22]);
    expect(r.widgetField.has(22)).toBe(false);
    expect(sorted(r.sigFields)).toEqual([]);
    expect(r.label.get(22)).toBe('widget of signature field "direct"');
  });

  it('a /Fields entry or a page tree kid that is no dictionary (missing object, number) is nothing', async () => {
    const pdf = writePdf([
      { num: 1, body: '<< /Type /Catalog /Pages 2 0 R /AcroForm 7 0 R >>' },
      { num: 2, body: '<< /Type /Pages /Kids [ 3 0 R 98 0 R 9 0 R 10 0 R ] /Count 1 >>' },
      // An empty page tree node (no /Kids) is still no page.
      { num: 10, body: '<< /Type /Pages /Count 0 >>' },
      { num: 3, body: PAGE() },
      { num: 4, body: '<< /Length 0 >>\nstream\n\nendstream' },
      { num: 7, body: '<< /Fields [ 99 0 R 9 0 R 8 0 R ] >>' },
      { num: 8, body: '<< /FT /Tx /T (x) >>' },
      { num: 9, body: '42' },
    ], 1);
    const r = await roles(pdf);
    expect(sorted(r.otherFields)).toEqual([8]);
    expect(sorted(r.pages)).toEqual([3]);
    expect(r.label.has(9)).toBe(false);
    expect(r.label.get(10)).toBe('page tree node');
  });

  it('fields nested 21 levels deep are all found, the 22nd level is not', async () => {
    const objs: PdfObject[] = [];
    for (let i = 0; i < 23; i++) objs.push({ num: 40 + i, body: `<< /FT /Tx /T (f${i}) /Kids [ ${41 + i} 0 R ] >>` });
    const r = await roles(writePdf([...basics(), { num: 7, body: '<< /Fields [ 40 0 R ] >>' }, ...objs], 1));
    expect(r.otherFields.size).toBe(21);
    expect(r.fieldNames.get(60)).toBe(Array.from({ length: 21 }, (_, i) => `f${i}`).join('.'));
  });

  it('pages: nested page tree nodes (one without /Type), shared content stream labelled once, a loop ignored', async () => {
    const pdf = writePdf([
      { num: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
      { num: 2, body: '<< /Type /Pages /Kids [ 3 0 R 5 0 R 2 0 R ] /Count 3 >>' },
      { num: 3, body: '<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Annots 8 0 R >>' },
      { num: 4, body: '<< /Length 0 >>\nstream\n\nendstream' },
      { num: 5, body: '<< /Kids [ 6 0 R 7 0 R ] /Parent 2 0 R >>' },
      { num: 6, body: '<< /Type /Page /Parent 5 0 R /Contents 4 0 R >>' },
      // A /Type /Page with /Kids is a page, not a tree node.
      { num: 7, body: '<< /Type /Page /Parent 5 0 R /Kids [ 3 0 R ] /Contents [ 4 0 R ] /Annots 9 0 R >>' },
      { num: 8, body: '[ ]' },
      { num: 9, body: '[ ]' },
    ], 1);
    const r = await roles(pdf);
    expect(sorted(r.pages)).toEqual([3, 6, 7]);
    expect(sorted(r.annotArrays)).toEqual([8, 9]);
    expect(Object.fromEntries([2, 3, 4, 5, 6, 7, 8, 9].map((n) => [n, r.label.get(n)]))).toEqual({
      2: 'page tree node',
      3: 'page 1',
      4: 'content of page 1',
      5: 'page tree node',
      6: 'page 2',
      7: 'page 3',
      8: 'annotation list of page 1',
      9: 'annotation list of page 3',
    });
  });

  it('a page 64 levels down the tree is found, one 65 levels down is not', async () => {
    const chain = (levels: number): PdfObject[] => {
      const objs: PdfObject[] = [{ num: 1, body: '<< /Type /Catalog /Pages 100 0 R >>' }];
      for (let i = 0; i < levels; i++) objs.push({ num: 100 + i, body: `<< /Type /Pages /Kids [ ${101 + i} 0 R ] >>` });
      objs.push({ num: 100 + levels, body: '<< /Type /Page >>' });
      return objs;
    };
    expect(sorted((await roles(writePdf(chain(64), 1))).pages)).toEqual([164]);
    expect(sorted((await roles(writePdf(chain(65), 1))).pages)).toEqual([]);
  });

  it('a work budget of 20000 items shared by fields and page tree: a /Fields array that uses it up leaves the page unwalked', async () => {
    const form = (count: number) => writePdf([...basics(), { num: 7, body: `<< /Fields [ ${'8 0 R '.repeat(count)}] >>` }, { num: 8, body: '<< /FT /Tx /T (x) >>' }], 1);
    expect(sorted((await roles(form(19_998))).pages)).toEqual([3]);
    expect(sorted((await roles(form(19_999))).pages)).toEqual([]);
    // The 20000th field is still read, the 20001st is not.
    const last = writePdf([...basics(), { num: 7, body: `<< /Fields [ ${'8 0 R '.repeat(19_999)}9 0 R 10 0 R ] >>` }, { num: 8, body: '<< /FT /Tx /T (x) >>' }, { num: 9, body: '<< /FT /Tx /T (y) >>' }, { num: 10, body: '<< /FT /Tx /T (z) >>' }], 1);
    expect(sorted((await roles(last)).otherFields)).toEqual([8, 9]);
  });
});
