/**
 * core/verify/checks/signature-fields.ts on its own: which signatures a document has. Each PDF is a few objects
 * written by hand (no signing, no PKI), so the file runs in well under a second and suits mutation testing.
 * Field trees (names joined with dots, /FT inherited, widgets as kids), values that cannot be read, page widgets
 * outside /AcroForm /Fields, signature dictionaries no field reaches, and the depth and count bounds.
 */
import { describe, expect, it } from 'vitest';
import { findSignatures } from '../../../core/verify/checks/signature-fields.js';
import { parsePdf } from '../../../core/pdf/parse/index.js';

const SIG = '<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 1 2 3] /Contents <00> >>';

/** A PDF whose object i+1 is bodies[i] (object 1 the catalog, 2 the page tree); classic xref. */
function pdfOf(bodies: readonly string[]): Uint8Array {
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n${offsets.map((x) => `${String(x).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** Catalog with /AcroForm /Fields `fields`, one page (object 3) with /Annots `annots`, then `rest` from object 4 on. */
function doc(fields: string, rest: readonly string[], annots = '[]'): Uint8Array {
  return pdfOf([
    `<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields ${fields} >> >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Annots ${annots} >>`,
    ...rest,
  ]);
}

const find = async (bytes: Uint8Array) => findSignatures(await parsePdf(bytes));
const summary = (r: Awaited<ReturnType<typeof find>>) =>
  r.signatures.map((s) => ({ name: s.fieldName, field: s.fieldNum, sig: s.sigNum, reachable: s.reachable, unreadable: s.unreadable, notInFields: s.notInFields }));

describe('findSignatures', () => {
  it('a signature field with a value: its name, field and signature object numbers, reachable', async () => {
    const r = await find(doc('[4 0 R]', ['<< /FT /Sig /T (Sig1) /V 5 0 R >>', SIG]));
    expect(summary(r)).toEqual([{ name: 'Sig1', field: 4, sig: 5, reachable: true, unreadable: undefined, notInFields: undefined }]);
    expect(r.signatures[0].sig.entries.get('Type')).toEqual({ kind: 'name', value: 'Sig' });
    expect(r.emptyFields).toEqual([]);
  });

  it('an empty signature field is listed as empty; a text field with a value is no signature', async () => {
    const r = await find(doc('[4 0 R 5 0 R]', ['<< /FT /Sig /T (Empty) >>', '<< /FT /Tx /T (Text) /V 6 0 R >>', SIG]));
    expect(r.emptyFields).toEqual(['Empty']);
    // Object 6 is a signature dictionary nobody's field reaches (the text field's /V does not count).
    expect(summary(r)).toEqual([{ name: '(signature object 6, no field)', field: undefined, sig: 6, reachable: false, unreadable: undefined, notInFields: undefined }]);
  });

  it('a field tree: names joined with dots, /FT inherited from the parent, widget kids (no /T) leave the field terminal', async () => {
    const r = await find(
      doc('[4 0 R]', [
        '<< /T (outer) /FT /Sig /Kids [5 0 R 6 0 R] >>',
        '<< /T (inner) /Parent 4 0 R /V 8 0 R >>',
        '<< /T (leaf) /Parent 4 0 R /V 9 0 R /Kids [7 0 R] >>',
        '<< /Parent 6 0 R /Subtype /Widget >>',
        SIG,
        SIG,
      ]),
    );
    expect(summary(r).map((s) => [s.name, s.field, s.sig, s.reachable])).toEqual([
      ['outer.inner', 5, 8, true],
      ['outer.leaf', 6, 9, true],
    ]);
  });

  it('a kid whose /T is no string adds nothing to the name', async () => {
    const r = await find(doc('[4 0 R]', ['<< /T (p) /FT /Sig /Kids [5 0 R] >>', '<< /T 42 /Parent 4 0 R /V 6 0 R >>', SIG]));
    expect(summary(r).map((s) => [s.name, s.field, s.reachable])).toEqual([['p', 5, true]]);
  });

  it('a kid whose own /FT is not /Sig overrides the inherited one', async () => {
    const r = await find(doc('[4 0 R]', ['<< /T (p) /FT /Sig /Kids [5 0 R] >>', '<< /T (t) /FT /Tx /Parent 4 0 R /V 6 0 R >>', SIG]));
    expect(r.signatures.map((s) => s.reachable)).toEqual([false]);
    expect(r.emptyFields).toEqual([]);
  });

  it('a field without /T is named by its object number; a direct one by "?"', async () => {
    const r = await find(doc('[4 0 R << /FT /Sig /V 6 0 R >>]', ['<< /FT /Sig /V 5 0 R >>', SIG, SIG]));
    expect(summary(r).map((s) => [s.name, s.field, s.sig])).toEqual([
      ['(field 4)', 4, 5],
      ['(field ?)', undefined, 6],
    ]);
  });

  it('a /V that cannot be read: an unreadable signature (not an empty field), with the numbers it has', async () => {
    const r = await find(doc('[4 0 R 5 0 R << /FT /Sig /V 43 >>]', ['<< /FT /Sig /T (Broken) /V 9 0 R >>', '<< /FT /Sig /V 42 >>']));
    expect(summary(r)).toEqual([
      { name: 'Broken', field: 4, sig: 9, reachable: true, unreadable: true, notInFields: undefined },
      { name: '(field 5)', field: 5, sig: undefined, reachable: true, unreadable: true, notInFields: undefined },
      { name: '(field ?)', field: undefined, sig: undefined, reachable: true, unreadable: true, notInFields: undefined },
    ]);
    expect(r.signatures[0].sig).toEqual({ kind: 'dict', entries: new Map() });
    expect(r.emptyFields).toEqual([]);
  });

  it('a direct signature dictionary as /V: no signature object number', async () => {
    const r = await find(doc('[4 0 R]', [`<< /FT /Sig /T (Direct) /V ${SIG} >>`]));
    expect(summary(r)).toEqual([{ name: 'Direct', field: 4, sig: undefined, reachable: true, unreadable: undefined, notInFields: undefined }]);
  });

  it('the same field listed twice, or a kid pointing back at its parent, is visited once', async () => {
    const twice = await find(doc('[4 0 R 4 0 R]', ['<< /FT /Sig /T (Once) /V 5 0 R >>', SIG]));
    expect(twice.signatures.map((s) => s.fieldName)).toEqual(['Once']);
    const cycle = await find(doc('[4 0 R]', ['<< /T (a) /FT /Sig /Kids [5 0 R] >>', '<< /T (b) /Parent 4 0 R /Kids [4 0 R 6 0 R] >>', '<< /T (c) /Parent 5 0 R /V 7 0 R >>', SIG]));
    expect(cycle.signatures.map((s) => s.fieldName)).toEqual(['a.b.c']);
  });

  it('field nesting is followed 20 levels deep, not 21', async () => {
    const chain = (levels: number) => {
      // Object 4 is the top field, 4+i the field at depth i; the deepest has the value (object 4+levels).
      const bodies = Array.from({ length: levels }, (_, i) =>
        i === levels - 1 ? `<< /T (f${i}) /FT /Sig /V ${4 + levels} 0 R >>` : `<< /T (f${i}) /Kids [${5 + i} 0 R] >>`,
      );
      return doc('[4 0 R]', [...bodies, SIG]);
    };
    const ok = await find(chain(21));
    expect(ok.signatures.map((s) => [s.fieldName.split('.').length, s.reachable])).toEqual([[21, true]]);
    const deep = await find(chain(22));
    expect(deep.signatures.map((s) => s.reachable)).toEqual([false]);
  });

  it('at most 5000 fields are looked at', async () => {
    const many = (n: number) => `[${'<< /FT /Tx /T (x) >> '.repeat(n - 1)}<< /FT /Sig /T (last) /V 4 0 R >>]`;
    expect((await find(doc(many(5000), [SIG]))).signatures.map((s) => s.fieldName)).toEqual(['last']);
    expect((await find(doc(many(5001), [SIG]))).signatures.map((s) => s.reachable)).toEqual([false]);
  });

  describe('page widgets outside /AcroForm /Fields', () => {
    it('a widget that is its own signature field: found, notInFields, named by its /T', async () => {
      const r = await find(doc('[]', ['<< /Type /Annot /Subtype /Widget /FT /Sig /T (pdfsig) /V 5 0 R >>', SIG], '[4 0 R]'));
      expect(summary(r)).toEqual([{ name: 'pdfsig', field: 4, sig: 5, reachable: true, unreadable: undefined, notInFields: true }]);
    });

    it('a widget with /FT only (no /T) is its own field too, named by its number', async () => {
      const r = await find(doc('[]', ['<< /Subtype /Widget /FT /Sig /V 5 0 R >>', SIG], '[4 0 R]'));
      expect(summary(r).map((s) => [s.name, s.field, s.notInFields])).toEqual([['(field 4)', 4, true]]);
    });

    it('a bare widget: its /Parent is the field, whose /FT may come from a grandparent; the full name is dotted', async () => {
      const r = await find(
        doc('[]', ['<< /Subtype /Widget /Parent 5 0 R >>', '<< /T (kid) /Parent 6 0 R /V 7 0 R >>', '<< /T (top) /FT /Sig >>', SIG], '[4 0 R]'),
      );
      expect(summary(r).map((s) => [s.name, s.field, s.sig, s.notInFields])).toEqual([['top.kid', 5, 7, true]]);
    });

    it('not a widget, not a signature field, or without a value: nothing found', async () => {
      const r = await find(
        doc(
          '[]',
          [
            '<< /Subtype /Link /FT /Sig /T (link) /V 8 0 R >>',
            '<< /Subtype /Widget /FT /Tx /T (text) /V 8 0 R >>',
            '<< /Subtype /Widget /FT /Sig /T (empty) >>',
            '<< /Subtype /Widget >>',
            SIG,
          ],
          '[4 0 R 5 0 R 6 0 R 7 0 R]',
        ),
      );
      // Object 8 is only reached by a link and a text field: a signature dictionary no signature field reaches.
      expect(summary(r).map((s) => [s.name, s.reachable])).toEqual([['(signature object 8, no field)', false]]);
      // Page widgets are no part of the form: an empty one outside /Fields is not reported as an empty field either.
      expect(r.emptyFields).toEqual([]);
    });

    it('a widget with /T but no /FT is its own field, its /FT inherited from its /Parent', async () => {
      const r = await find(doc('[]', ['<< /Subtype /Widget /T (kid) /Parent 5 0 R /V 6 0 R >>', '<< /T (top) /FT /Sig >>', SIG], '[4 0 R]'));
      expect(summary(r).map((s) => [s.name, s.field, s.sig, s.notInFields])).toEqual([['top.kid', 4, 6, true]]);
    });

    it('a direct widget (no object number) is no field: its signature dictionary counts as unreached', async () => {
      const r = await find(doc('[]', [SIG], '[<< /Subtype /Widget /FT /Sig /T (direct) /V 4 0 R >>]'));
      expect(summary(r).map((s) => [s.name, s.reachable])).toEqual([['(signature object 4, no field)', false]]);
    });

    it('/FT is looked up 20 dictionaries up the /Parent chain, not 21; the name takes at most 20 parts', async () => {
      // Object 4 is the bare widget; 5.. the chain of fields, the value on 5, /FT /Sig on the field at `ftAt`.
      const chain = (length: number, ftAt: number) =>
        doc(
          '[]',
          [
            '<< /Subtype /Widget /Parent 5 0 R >>',
            ...Array.from({ length }, (_, i) => `<< /T (f${i})${i === ftAt ? ' /FT /Sig' : ''}${i === 0 ? ` /V ${5 + length} 0 R` : ''}${i < length - 1 ? ` /Parent ${6 + i} 0 R` : ''} >>`),
            SIG,
          ],
          '[4 0 R]',
        );
      const ok = await find(chain(20, 19));
      expect(ok.signatures.map((s) => [s.fieldName.split('.').length, s.notInFields])).toEqual([[20, true]]);
      expect(ok.signatures[0].fieldName.startsWith('f19.f18.')).toBe(true);
      expect((await find(chain(21, 20))).signatures.map((s) => s.reachable)).toEqual([false]);
      const long = await find(chain(21, 0));
      expect(long.signatures.map((s) => s.fieldName.split('.').length)).toEqual([20]);
    });

    it('a /Parent chain that loops ends (both for /FT and for the name)', async () => {
      const noSig = await find(doc('[]', ['<< /Subtype /Widget /Parent 5 0 R >>', '<< /T (a) /Parent 6 0 R /V 7 0 R >>', '<< /T (b) /Parent 5 0 R >>', SIG], '[4 0 R]'));
      expect(noSig.signatures.map((s) => s.reachable)).toEqual([false]);
      const sig = await find(doc('[]', ['<< /Subtype /Widget /Parent 5 0 R >>', '<< /T (a) /FT /Sig /Parent 6 0 R /V 7 0 R >>', '<< /T (b) /Parent 5 0 R >>', SIG], '[4 0 R]'));
      expect(sig.signatures.map((s) => s.fieldName.split('.').length)).toEqual([20]);
    });

    it('at most 5000 widgets are looked at; other annotations do not count', async () => {
      const widgets = (n: number) => doc('[]', ['<< /Subtype /Widget >>', '<< /Subtype /Widget /FT /Sig /T (w) /V 7 0 R >>', '<< /Subtype /Link >>', SIG], `[${'4 0 R '.repeat(n - 1)}5 0 R]`);
      expect((await find(widgets(5000))).signatures.map((s) => s.reachable)).toEqual([true]);
      expect((await find(widgets(5001))).signatures.map((s) => s.reachable)).toEqual([false]);
      const links = doc('[]', ['<< /Subtype /Link >>', '<< /Subtype /Widget /FT /Sig /T (w) /V 6 0 R >>', SIG], `[${'4 0 R '.repeat(5000)}5 0 R]`);
      expect((await find(links)).signatures.map((s) => s.reachable)).toEqual([true]);
    });

    it('at most 10 000 pages are looked at; a page listed again or a node that is no dictionary does not count', async () => {
      const tree = (kids: string) =>
        pdfOf([
          '<< /Type /Catalog /Pages 2 0 R >>',
          `<< /Type /Pages /Kids [${kids} 4 0 R] >>`,
          '<< /Type /Page >>',
          '<< /Type /Page /Annots [5 0 R] >>',
          '<< /Subtype /Widget /FT /Sig /T (w) /V 6 0 R >>',
          SIG,
        ]);
      expect((await find(tree('<< >> '.repeat(10_000)))).signatures.map((s) => s.reachable)).toEqual([true]);
      expect((await find(tree('<< >> '.repeat(10_001)))).signatures.map((s) => s.reachable)).toEqual([false]);
      expect((await find(tree('3 0 R '.repeat(10_001)))).signatures.map((s) => s.reachable)).toEqual([true]);
      expect((await find(tree(`${'<< >> '.repeat(10_000)} 99 0 R null`))).signatures.map((s) => s.reachable)).toEqual([true]);
    });

    it('a widget whose field is already in /Fields is not found twice', async () => {
      const r = await find(doc('[4 0 R]', ['<< /Subtype /Widget /FT /Sig /T (both) /V 5 0 R >>', SIG], '[4 0 R]'));
      expect(summary(r)).toEqual([{ name: 'both', field: 4, sig: 5, reachable: true, unreadable: undefined, notInFields: undefined }]);
    });

    it('widgets are found on pages below nested /Pages nodes', async () => {
      const bytes = pdfOf([
        '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] >> >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Pages /Parent 2 0 R /Kids [4 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 3 0 R /MediaBox [0 0 10 10] /Annots [5 0 R] >>',
        '<< /Subtype /Widget /FT /Sig /T (nested) /V 6 0 R >>',
        SIG,
      ]);
      expect((await find(bytes)).signatures.map((s) => [s.fieldName, s.notInFields])).toEqual([['nested', true]]);
    });

    it('the page tree is followed 20 levels deep, not 21', async () => {
      const tree = (levels: number) => {
        // Object 2 is the root /Pages, 2+i the node at depth i; the page sits at depth `levels`.
        const nodes = Array.from({ length: levels }, (_, i) => `<< /Type /Pages /Kids [${3 + i} 0 R] /Count 1 >>`);
        const page = 2 + levels;
        return pdfOf([
          '<< /Type /Catalog /Pages 2 0 R >>',
          ...nodes,
          `<< /Type /Page /MediaBox [0 0 10 10] /Annots [${page + 1} 0 R] >>`,
          `<< /Subtype /Widget /FT /Sig /T (w) /V ${page + 2} 0 R >>`,
          SIG,
        ]);
      };
      expect((await find(tree(20))).signatures.map((s) => s.reachable)).toEqual([true]);
      expect((await find(tree(21))).signatures.map((s) => s.reachable)).toEqual([false]);
    });

    it('a page tree that points back at itself ends', async () => {
      const bytes = pdfOf([
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 >>',
        '<< /Type /Page /MediaBox [0 0 10 10] /Annots [4 0 R] >>',
        '<< /Subtype /Widget /FT /Sig /T (w) /V 5 0 R >>',
        SIG,
      ]);
      expect((await find(bytes)).signatures.map((s) => s.fieldName)).toEqual(['w']);
    });
  });

  it('a catalog that is no dictionary: no field, no page, only the signature dictionaries found by number', async () => {
    const r = await find(pdfOf(['[/Catalog]', SIG]));
    expect(summary(r).map((s) => [s.name, s.reachable])).toEqual([['(signature object 2, no field)', false]]);
    expect(r.emptyFields).toEqual([]);
  });

  describe('signature dictionaries no field reaches', () => {
    it('by /Type /Sig or /DocTimeStamp, or by /ByteRange with /Contents; not by /ByteRange alone', async () => {
      const r = await find(
        doc('[]', [
          '<< /Type /Sig >>',
          '<< /Type /DocTimeStamp >>',
          '<< /ByteRange [0 1 2 3] /Contents <00> >>',
          '<< /ByteRange [0 1 2 3] >>',
          '<< /Contents <00> >>',
          '[/Type /Sig]',
          '<< /Type /Annot >>',
        ]),
      );
      expect(summary(r)).toEqual(
        [4, 5, 6].map((n) => ({ name: `(signature object ${n}, no field)`, field: undefined, sig: n, reachable: false, unreadable: undefined, notInFields: undefined })),
      );
    });

    it('an object that cannot be parsed is skipped; a parser limit is not', async () => {
      const bodies = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>', SIG, `<< /Type /Sig /Name (${'x'.repeat(300)}) >>`];
      const broken = new Uint8Array(Buffer.from(Buffer.from(pdfOf(bodies)).toString('latin1').replace('4 0 obj\n<<', '4 0 obj\n]]'), 'latin1'));
      expect(summary(await find(broken)).map((s) => s.sig)).toEqual([3]);
      const limited = await parsePdf(pdfOf(bodies), { maxStringLength: 100 });
      expect(() => findSignatures(limited)).toThrow(expect.objectContaining({ code: 'PDF_LIMIT' }));
    });

    it('a reached one is not reported again; an unreadable /V does not count as reaching its object', async () => {
      const r = await find(doc('[4 0 R]', ['<< /FT /Sig /T (s) /V 5 0 R >>', SIG, SIG]));
      expect(summary(r).map((s) => [s.name, s.sig, s.reachable])).toEqual([
        ['s', 5, true],
        ['(signature object 6, no field)', 6, false],
      ]);
    });
  });
});
