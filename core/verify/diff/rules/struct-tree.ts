/**
 * Tagged PDF (ISO 32000-2 §14.7): signing a field of a tagged document adds a /Form structure element whose /K is
 * an object reference (/OBJR) to the new widget, links it from an existing element's /K, maps the widget's
 * /StructParent in the /ParentTree number tree and bumps /ParentTreeNextKey (Acrobat writes this). Explained at
 * FORM_FILLING when every addition points at a widget being signed; nothing may be removed or re-pointed.
 */
import type { PdfValue } from '../../../pdf/parse/index.js';
import { asDict, dictGet } from '../../../pdf/parse/index.js';
import { refNum } from '../../pdf-access.js';
import type { DiffContext } from '../context.js';
import type { DiffRule } from '../rule.js';
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

/** /Nums of a number-tree node: before's pairs kept, new keys mapping to new widget elements. */
function numsGrew(before: readonly PdfValue[], after: readonly PdfValue[], allowed: Set<number>): boolean {
  const map = (items: readonly PdfValue[]) => {
    const m = new Map<number, string>();
    for (let i = 0; i + 1 < items.length; i += 2) if (items[i].kind === 'number') m.set((items[i] as { value: number }).value, JSON.stringify(refNum(items[i + 1]) ?? items[i + 1].kind));
    return m;
  };
  const b = map(before);
  const a = map(after);
  for (const [k, v] of b) if (a.get(k) !== v) return false;
  for (let i = 0; i + 1 < after.length; i += 2) {
    const key = after[i];
    if (key.kind !== 'number' || b.has(key.value)) continue;
    if (!allowed.has(refNum(after[i + 1]) ?? -1)) return false;
  }
  return true;
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
    for (const [n, c] of ctx.changed) {
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
        } else if (k === 'Nums' && bv?.kind === 'array' && av?.kind === 'array' && numsGrew(bv.items, av.items, elems)) ok.push(k);
        else if (k === 'Limits' && dictGet(a, 'Nums')) ok.push(k);
      }
      if (ok.length) ctx.claim('struct-tree', n, ok, 'FORM_FILLING', EN, VI);
    }
  },
};
