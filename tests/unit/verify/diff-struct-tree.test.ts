/**
 * The struct-tree difference rule (issue 14): signing a new field of a tagged PDF the way Acrobat does it adds a
 * /Form structure element whose /K is an /OBJR to the new widget, links it from an existing element, maps the
 * widget's /StructParent in the /ParentTree and bumps /ParentTreeNextKey. That is FORM_FILLING; every other change
 * to the structure tree stays unexplained (OTHER).
 */
import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../../core/pdf/parse/index.js';
import { analyseChanges, type DiffResult } from '../../../core/verify/diff/analyse.js';
import { RULES } from '../../../core/verify/diff/rules/index.js';
import { appendUpdate, dictOf, streamBody, type NewObject } from '../../corpus/pdf-bytes.js';
import { withEntry } from '../../corpus/real-world/cases.js';
import { taggedDoc } from '../../corpus/real-world/sources.js';

const FAKE_SIG = '<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [ 0 10 20 30 ] /Contents <3000> >>';
const up = (pdf: Uint8Array, objects: NewObject[]) => appendUpdate(pdf, objects).bytes;

/**
 * rev0 = the tagged document (20 StructTreeRoot, 21 /Document, 22 parent tree, 23 /P), rev1 = field s1 (widget 30)
 * signed. The update under test signs a new field s2: widget 40, signature 41, structure element 42.
 */
function signedTagged(): Uint8Array {
  const tagged = taggedDoc();
  return up(tagged, [
    { num: 1, body: withEntry(dictOf(tagged, 1), 'AcroForm', '<< /Fields [ 30 0 R ] /SigFlags 3 >>') },
    { num: 3, body: withEntry(dictOf(tagged, 3), 'Annots', '[ 30 0 R ]') },
    { num: 30, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (s1) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V 31 0 R >>' },
    { num: 31, body: FAKE_SIG },
  ]);
}

const BASE = signedTagged();

/** The Acrobat-style signing update, with objects replaced or added by `over` (an undefined body drops one). */
function secondSigning(over: Record<number, string | Uint8Array | undefined> = {}): Uint8Array {
  const objects: Record<number, string | Uint8Array | undefined> = {
    1: withEntry(dictOf(BASE, 1), 'AcroForm', '<< /Fields [ 30 0 R 40 0 R ] /SigFlags 3 >>'),
    3: withEntry(dictOf(BASE, 3), 'Annots', '[ 30 0 R 40 0 R ]'),
    40: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (s2) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R /V 41 0 R /StructParent 1 >>',
    41: FAKE_SIG,
    42: '<< /Type /StructElem /S /Form /P 21 0 R /Pg 3 0 R /K << /Type /OBJR /Obj 40 0 R /Pg 3 0 R >> >>',
    21: '<< /Type /StructElem /S /Document /P 20 0 R /K [ 23 0 R 42 0 R ] >>',
    22: '<< /Nums [ 0 [ 23 0 R ] 1 42 0 R ] >>',
    20: '<< /Type /StructTreeRoot /K 21 0 R /ParentTree 22 0 R /ParentTreeNextKey 2 >>',
    ...over,
  };
  return up(BASE, Object.entries(objects).filter(([, body]) => body !== undefined).map(([num, body]) => ({ num: Number(num), body: body as string | Uint8Array })));
}

const denied = (d: DiffResult) => d.modifications.filter((m) => !m.allowed).map((m) => `${m.object}: ${m.description}`);
const diff = async (pdf: Uint8Array) => analyseChanges(await parsePdf(pdf), 1, RULES);

describe('struct-tree: what Acrobat writes when it signs a new field of a tagged PDF', () => {
  const accepted: [string, Record<number, string | undefined>][] = [
    ['a /Form element with an /OBJR to the new widget, linked from /Document, mapped in the parent tree, next key bumped', {}],
    ['the element’s /K as an array of one /OBJR, and no /Type (only /S)', { 42: '<< /S /Form /P 21 0 R /K [ << /Type /OBJR /Obj 40 0 R >> ] >>' }],
    ['the new element placed before the existing content', { 21: '<< /Type /StructElem /S /Document /P 20 0 R /K [ 42 0 R 23 0 R ] >>' }],
    ['the element linked from the root’s /K instead', {
      21: undefined,
      20: '<< /Type /StructTreeRoot /K [ 21 0 R 42 0 R ] /ParentTree 22 0 R /ParentTreeNextKey 2 >>',
      42: '<< /Type /StructElem /S /Form /P 20 0 R /K << /Type /OBJR /Obj 40 0 R >> >>',
    }],
    ['the parent tree rebuilt with /Kids nodes and correct /Limits (iText splits a full leaf)', {
      22: '<< /Kids [ 50 0 R 51 0 R ] >>',
      50: '<< /Limits [ 0 0 ] /Nums [ 0 [ 23 0 R ] ] >>',
      51: '<< /Limits [ 1 1 ] /Nums [ 1 42 0 R ] >>',
    }],
    ['a new parent tree object (the root re-pointed), with the old key kept', {
      22: undefined,
      52: '<< /Nums [ 0 [ 23 0 R ] 1 42 0 R ] >>',
      20: '<< /Type /StructTreeRoot /K 21 0 R /ParentTree 52 0 R /ParentTreeNextKey 2 >>',
    }],
    ['/ParentTreeNextKey left as it was', { 20: undefined }],
    ['the /Limits of a leaf updated with its /Nums', {
      22: '<< /Kids [ 53 0 R ] >>',
      53: '<< /Limits [ 0 1 ] /Nums [ 0 [ 23 0 R ] 1 42 0 R ] >>',
    }],
  ];
  for (const [name, over] of accepted) {
    it(name, async () => {
      const d = await diff(secondSigning(over));
      expect(d.level, denied(d).join(' | ')).toBe('FORM_FILLING');
      expect(d.modifications.filter((m) => m.description.includes('structure tree (tagged PDF) gained the new signature widget')).length).toBeGreaterThan(0);
    });
  }
});

describe('struct-tree: any other change to the structure tree is not explained', () => {
  const refused: [string, Record<number, string | Uint8Array | undefined>][] = [
    ['an existing element loses content', { 21: '<< /Type /StructElem /S /Document /P 20 0 R /K [ 42 0 R ] >>' }],
    ['an old parent-tree key re-pointed', { 22: '<< /Nums [ 0 [ 42 0 R ] 1 42 0 R ] >>' }],
    ['an old parent-tree key dropped', { 22: '<< /Nums [ 1 42 0 R ] >>' }],
    ['a new parent-tree key pointing at an element that is not a new widget element', { 22: '<< /Nums [ 0 [ 23 0 R ] 1 42 0 R 2 23 0 R ] >>' }],
    ['/ParentTreeNextKey lowered', { 20: '<< /Type /StructTreeRoot /K 21 0 R /ParentTree 22 0 R /ParentTreeNextKey 0 >>' }],
    ['a new element whose /OBJR points at an annotation that is not being signed', { 42: '<< /Type /StructElem /S /Form /P 21 0 R /K << /Type /OBJR /Obj 30 0 R >> >>' }],
    ['a new element with marked content besides its /OBJR', { 42: '<< /Type /StructElem /S /Form /P 21 0 R /K [ << /Type /OBJR /Obj 40 0 R >> 0 ] >>' }],
    ['a new element without a parent (/P)', { 42: '<< /Type /StructElem /S /Form /K << /Type /OBJR /Obj 40 0 R >> >>' }],
    ['a new element with empty content', { 42: '<< /Type /StructElem /S /Form /P 21 0 R /K [ ] >>' }],
    ['a new object that is not a structure element', { 42: '<< /P 21 0 R /K << /Type /OBJR /Obj 40 0 R >> >>' }],
    ['the parent tree with /Limits that do not bound its keys', {
      22: '<< /Kids [ 50 0 R 51 0 R ] >>',
      50: '<< /Limits [ 0 0 ] /Nums [ 0 [ 23 0 R ] ] >>',
      51: '<< /Limits [ 1 5 ] /Nums [ 1 42 0 R ] >>',
    }],
    ['a parent-tree node with both /Kids and /Nums', { 22: '<< /Kids [ 50 0 R ] /Nums [ 0 [ 23 0 R ] 1 42 0 R ] >>', 50: '<< /Nums [ 5 42 0 R ] >>' }],
    ['a parent-tree node with another key', { 22: '<< /Nums [ 0 [ 23 0 R ] 1 42 0 R ] /JS (x) >>' }],
    ['a parent-tree key given twice', { 22: '<< /Nums [ 0 [ 23 0 R ] 1 42 0 R 1 42 0 R ] >>' }],
    ['a parent-tree key that is not an integer', { 22: '<< /Nums [ 0 [ 23 0 R ] 1.5 42 0 R ] >>' }],
    ['/Nums of odd length', { 22: '<< /Nums [ 0 [ 23 0 R ] 1 ] >>' }],
    ['a parent-tree node listed twice', { 22: '<< /Kids [ 50 0 R 50 0 R ] >>', 50: '<< /Nums [ 0 [ 23 0 R ] 1 42 0 R ] >>' }],
    ['an existing element replaced by a stream carrying its keys and the grown /K', {
      21: streamBody('/Type /StructElem /S /Document /P 20 0 R /K [ 23 0 R 42 0 R ]', 'x'),
    }],
    ['an object that is no structure element gains a /K with the new element', { 6: withEntry(dictOf(BASE, 6), 'K', '[ 42 0 R ]') }],
    ['an existing element loses its /K', { 21: '<< /Type /StructElem /S /Document /P 20 0 R >>' }],
    ['a new structure tree root', {
      1: withEntry(withEntry(dictOf(BASE, 1), 'AcroForm', '<< /Fields [ 30 0 R 40 0 R ] /SigFlags 3 >>'), 'StructTreeRoot', '54 0 R'),
      54: '<< /Type /StructTreeRoot /K 21 0 R /ParentTree 22 0 R /ParentTreeNextKey 2 >>',
    }],
  ];
  for (const [name, over] of refused) {
    it(name, async () => {
      const d = await diff(secondSigning(over));
      expect(d.level, denied(d).join(' | ')).toBe('OTHER');
    });
  }
});
