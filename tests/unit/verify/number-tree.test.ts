/**
 * readNumberTree (core/verify/diff/rules/number-tree.ts) on hand-written trees: what a plain number tree gives
 * (every key and value, every node object), and each thing that makes it "not a plain one" on its own: the struct-tree
 * rule refuses a changed /ParentTree it cannot read this way, so each check matters by itself.
 */
import { describe, expect, it } from 'vitest';
import { dictGet, parsePdf, type PdfValue } from '../../../core/pdf/parse/index.js';
import { RevisionView } from '../../../core/verify/pdf-access.js';
import { readNumberTree } from '../../../core/verify/diff/rules/number-tree.js';
import { pdfOf } from '../../helpers/pdf-of.js';

/** Objects 2.. are the given bodies; the catalog (1) holds the tree's root as /T (`root`, default a reference to 2). */
async function tree(bodies: string[], root = '2 0 R') {
  const view = new RevisionView(await parsePdf(pdfOf([`<< /Type /Catalog /T ${root} >>`, ...bodies])), 0);
  const t = readNumberTree(view, dictGet(view.catalog(), 'T'));
  const text = (v: PdfValue) => (v.kind === 'string' ? new TextDecoder().decode(v.bytes) : v.kind === 'ref' ? `${v.num} R` : v.kind);
  return t && { entries: Object.fromEntries([...t.entries].map(([k, v]) => [k, text(v)])), nodes: [...t.nodes].sort((a, b) => a - b) };
}

/** A chain of `depth` /Kids nodes below the root (objects 2, 3, ...), the last one a leaf with key 7. */
const chain = (depth: number) => Array.from({ length: depth + 1 }, (_, i) => (i < depth ? `<< /Kids [ ${i + 3} 0 R ] >>` : '<< /Nums [ 7 (deep) ] >>'));

describe('readNumberTree: plain trees', () => {
  it('a leaf: its keys and values, and its node object', async () => {
    expect(await tree(['<< /Nums [ 0 (a) 3 (b) ] >>'])).toEqual({ entries: { 0: 'a', 3: 'b' }, nodes: [2] });
  });

  it('/Kids with /Limits that bound each kid, also on the root; values may be references', async () => {
    expect(await tree([
      '<< /Limits [ 0 9 ] /Kids [ 3 0 R 4 0 R ] >>',
      '<< /Limits [ 0 1 ] /Nums [ 0 (a) 1 5 0 R ] >>',
      '<< /Limits [ 5 9 ] /Kids [ 5 0 R ] >>',
      '<< /Limits [ 5 9 ] /Nums [ 5 (c) 9 (d) ] >>',
    ])).toEqual({ entries: { 0: 'a', 1: '5 R', 5: 'c', 9: 'd' }, nodes: [2, 3, 4, 5] });
  });

  it('a one-key leaf bounds its parent too (/Limits [ 5 5 ])', async () => {
    expect(await tree(['<< /Limits [ 5 5 ] /Kids [ 3 0 R ] >>', '<< /Limits [ 5 5 ] /Nums [ 5 (x) ] >>'])).toEqual({ entries: { 5: 'x' }, nodes: [2, 3] });
  });

  it('an empty leaf beside a full one; a direct root is no node object', async () => {
    expect(await tree([], '<< /Kids [ << /Nums [ ] >> << /Limits [ 1 1 ] /Nums [ 1 (a) ] >> ] /Limits [ 1 1 ] >>')).toEqual({ entries: { 1: 'a' }, nodes: [] });
  });

  it('32 levels of /Kids below the root are read', async () => {
    expect(await tree(chain(32))).toEqual({ entries: { 7: 'deep' }, nodes: Array.from({ length: 33 }, (_, i) => i + 2) });
  });

  it('5,000 nodes are read', async () => {
    const kids = Array.from({ length: 4999 }, (_, i) => `<< /Nums [ ${i} (v) ] >>`).join(' ');
    const t = await tree([`<< /Kids [ ${kids} ] >>`]);
    expect(Object.keys(t!.entries)).toHaveLength(4999);
  });
});

describe('readNumberTree: not a plain number tree', () => {
  const refused: [string, string[], string?][] = [
    ['no tree at all', [], '9 0 R'],
    ['a kid that is not a dictionary', ['<< /Kids [ 5 ] >>']],
    ['a node listed twice', ['<< /Kids [ 3 0 R 3 0 R ] >>', '<< /Nums [ 0 (a) ] >>']],
    ['a cycle back to the root', ['<< /Kids [ 3 0 R ] >>', '<< /Kids [ 2 0 R ] >>']],
    ['33 levels of /Kids', chain(33)],
    ['a key other than /Kids, /Nums, /Limits', ['<< /Nums [ 0 (a) ] /Type /NumberTree >>']],
    ['/Kids and /Nums in one node', ['<< /Kids [ 3 0 R ] /Nums [ 0 (a) ] >>', '<< /Nums [ 1 (b) ] >>']],
    ['/Nums of odd length', ['<< /Nums [ 0 (a) 1 ] >>']],
    ['a key that is a string', ['<< /Nums [ (k) (a) ] >>']],
    ['a key that is a missing object', ['<< /Nums [ 9 0 R (a) ] >>']],
    ['a key that is not an integer', ['<< /Nums [ 0.5 (a) ] >>']],
    ['a key in two leaves', ['<< /Kids [ 3 0 R 4 0 R ] >>', '<< /Nums [ 1 (a) ] >>', '<< /Nums [ 1 (b) ] >>']],
    ['/Limits of three numbers', ['<< /Limits [ 0 1 1 ] /Nums [ 0 (a) 1 (b) ] >>']],
    ['/Limits of one number', ['<< /Limits [ 0 ] /Nums [ 0 (a) ] >>']],
    ['a lower limit that is no number', ['<< /Limits [ (0) 1 ] /Nums [ 0 (a) 1 (b) ] >>']],
    ['an upper limit that is a missing object', ['<< /Limits [ 0 9 0 R ] /Nums [ 0 (a) 1 (b) ] >>']],
    ['a lower limit that is a missing object', ['<< /Limits [ 9 0 R 1 ] /Nums [ 0 (a) 1 (b) ] >>']],
    ['a lower limit above the least key', ['<< /Limits [ 1 1 ] /Nums [ 0 (a) 1 (b) ] >>']],
    ['an upper limit below the greatest key', ['<< /Limits [ 0 0 ] /Nums [ 0 (a) 1 (b) ] >>']],
    ['a parent whose /Limits miss a kid', ['<< /Limits [ 0 1 ] /Kids [ 3 0 R 4 0 R ] >>', '<< /Nums [ 0 (a) 1 (b) ] >>', '<< /Nums [ 5 (c) ] >>']],
    ['limits on an empty leaf', ['<< /Limits [ 0 0 ] /Nums [ ] >>']],
  ];
  for (const [name, bodies, root] of refused) {
    it(name, async () => {
      expect(await tree(bodies, root)).toBeUndefined();
    });
  }

  it('5,001 nodes', async () => {
    const kids = Array.from({ length: 5000 }, (_, i) => `<< /Nums [ ${i} (v) ] >>`).join(' ');
    expect(await tree([`<< /Kids [ ${kids} ] >>`])).toBeUndefined();
  });
});
