/**
 * Tagged PDF (ISO 32000-2 §14.7): signing a field of a tagged document adds a /Form structure element whose /K is
 * an object reference (/OBJR) to the new widget, links it from an existing element's /K, maps the widget's
 * /StructParent in the /ParentTree number tree and bumps /ParentTreeNextKey (Acrobat writes this). Explained at
 * FORM_FILLING when every addition points at a widget being signed; nothing may be removed or re-pointed. The
 * parent tree is judged as a number tree (§7.9.7): it may be rebuilt with new intermediate /Kids nodes, as long
 * as every old key keeps its value and the new keys map to the new widget elements.
 */
import type { PdfValue } from '../../../pdf/parse/index.js';
import { asDict, dictGet } from '../../../pdf/parse/index.js';
import { refNum } from '../../pdf-access.js';
import type { DiffContext } from '../context.js';
import { sameValue } from '../equal.js';
import type { DiffRule } from '../rule.js';
import { readNumberTree, TREE_KEYS } from './number-tree.js';
import { nameOf } from './util.js';

const EN = 'structure tree (tagged PDF) gained the new signature widget';
const VI = 'cây cấu trúc (PDF gắn thẻ) được thêm vùng chữ ký mới';

/** New structure elements whose content is exactly an OBJR to a widget being signed. */
function newWidgetElements(ctx: DiffContext): Set<number> {
  const out = new Set<number>();
  for (const n of ctx.added) {
    const d = ctx.afterDict(n);
    if (!d || (nameOf(dictGet(d, 'Type')) !== 'StructElem' && !dictGet(d, 'S')) || !dictGet(d, 'P')) continue;
    const k = ctx.vf.resolve(dictGet(d, 'K'));
    const items = k?.kind === 'array' ? k.items : k ? [k] : [];
    const ok = items.length > 0 && items.every((it) => {
      const o = ctx.vf.dict(it);
      return nameOf(dictGet(o, 'Type')) === 'OBJR' && ctx.signingWidgets.has(refNum(dictGet(o, 'Obj')) ?? -1);
    });
    if (ok) out.add(n);
  }
  return out;
}

/** Items of `after` are those of `before` plus new widget elements (order kept). */
function grewBy(before: readonly PdfValue[], after: readonly PdfValue[], allowed: Set<number>): boolean {
  const b = before.map((x) => JSON.stringify(refNum(x) ?? (x.kind === 'number' ? x.value : x.kind)));
  const a = after.map((x) => JSON.stringify(refNum(x) ?? (x.kind === 'number' ? x.value : x.kind)));
  let i = 0;
  for (let j = 0; j < a.length; j++) {
    if (i < b.length && a[j] === b[i]) i++;
    else if (!allowed.has(refNum(after[j]) ?? -1)) return false;
  }
  return i === b.length;
}

/** The same value in both revisions: the same object, or equal direct values (an array of element references). */
function sameEntry(a: PdfValue, b: PdfValue): boolean {
  const ra = refNum(a);
  const rb = refNum(b);
  return ra !== undefined || rb !== undefined ? ra === rb : sameValue(a, b);
}

/**
 * The parent tree as a whole (Acrobat and iText split a full /Nums leaf into new /Kids nodes): every old key
 * keeps its value, every new key maps to a new widget element. Returns the final tree's node objects, or
 * undefined when it did not simply grow.
 */
function parentTreeGrowth(ctx: DiffContext, root: number, elems: Set<number>): Set<number> | undefined {
  const before = readNumberTree(ctx.vs, dictGet(ctx.beforeDict(root), 'ParentTree'));
  const after = readNumberTree(ctx.vf, dictGet(ctx.afterDict(root), 'ParentTree'));
  if (!before || !after) return undefined;
  for (const [k, v] of before.entries) {
    const w = after.entries.get(k);
    if (!w || !sameEntry(v, w)) return undefined;
  }
  for (const [k, v] of after.entries) if (!before.entries.has(k) && !elems.has(refNum(v) ?? -1)) return undefined;
  return after.nodes;
}

export const structTree: DiffRule = {
  name: 'struct-tree',
  level: 'FORM_FILLING',
  explains: 'the structure tree of a tagged PDF gaining /Form elements for widgets being signed (/K, /ParentTree, /ParentTreeNextKey)',
  explain(ctx) {
    const root = refNum(dictGet(ctx.vf.catalog(), 'StructTreeRoot'));
    if (root === undefined || root !== refNum(dictGet(ctx.vs.catalog(), 'StructTreeRoot'))) return;
    const elems = newWidgetElements(ctx);
    if (!elems.size) return;
    for (const e of elems) ctx.approve('struct-tree', e, 'FORM_FILLING', EN, VI);
    const treeNodes = parentTreeGrowth(ctx, root, elems);
    if (treeNodes) {
      for (const n of treeNodes) {
        if (ctx.added.has(n)) ctx.approve('struct-tree', n, 'FORM_FILLING', EN, VI);
        else if (ctx.changed.has(n)) ctx.claim('struct-tree', n, ctx.keysChanged(n).filter((k) => TREE_KEYS.has(k)), 'FORM_FILLING', EN, VI);
      }
      if (ctx.keysChanged(root).includes('ParentTree')) ctx.claim('struct-tree', root, ['ParentTree'], 'FORM_FILLING', EN, VI);
    }
    for (const [n, c] of ctx.changed) {
      if (treeNodes?.has(n)) continue;
      const b = asDict(c.before);
      const a = asDict(c.after);
      if (!a || !b || c.before.kind !== 'dict') continue;
      const keys = ctx.keysChanged(n);
      const ok: string[] = [];
      for (const k of keys) {
        const bv = ctx.vs.resolve(dictGet(b, k));
        const av = ctx.vf.resolve(dictGet(a, k));
        if (k === 'ParentTreeNextKey' && n === root && bv?.kind === 'number' && av?.kind === 'number' && av.value > bv.value) ok.push(k);
        else if (k === 'K' && (n === root || nameOf(dictGet(b, 'Type')) === 'StructElem' || dictGet(b, 'S'))) {
          const bi = bv?.kind === 'array' ? bv.items : bv ? [dictGet(b, k) as PdfValue] : [];
          const ai = av?.kind === 'array' ? av.items : av ? [dictGet(a, k) as PdfValue] : [];
          if (grewBy(bi, ai, elems)) ok.push(k);
        }
        // /Nums and /Limits only through parentTreeGrowth above: the parent tree is judged whole, as a number tree.
        // Judged node by node, an old key re-pointed to another direct array, a key given twice, a key that is not
        // an integer or an odd-length /Nums all passed (a reader resolves such a tree either way).
      }
      if (ok.length) ctx.claim('struct-tree', n, ok, 'FORM_FILLING', EN, VI);
    }
  },
};
