/**
 * A page's /Annots (direct, or an indirect array, or a new array object) may gain the widgets of new signature
 * fields and nothing else; no annotation may leave it. Other page keys stay unexplained (content, resources, boxes).
 */
import type { PdfValue } from '../../../pdf/parse/index.js';
import { dictGet } from '../../../pdf/parse/index.js';
import { refNum } from '../../pdf-access.js';
import { WHOLE, type DiffContext } from '../context.js';
import type { DiffRule } from '../rule.js';

const EN = 'widget of a new signature field added to the page';
const VI = 'thêm vùng hiển thị của ô chữ ký mới vào trang';

function growth(ctx: DiffContext, where: string, before: readonly PdfValue[], after: readonly PdfValue[]): boolean {
  const b = before.map(refNum);
  const a = after.map(refNum);
  if (b.some((x) => !a.includes(x))) {
    ctx.veto('page-annotations', where, 'annotations were removed from the page', 'chú thích bị xóa khỏi trang');
    return false;
  }
  const bad = a.filter((x) => !b.includes(x)).filter((x) => x === undefined || !ctx.newSigWidgets.has(x));
  if (bad.length) {
    const list = bad.map((x) => x ?? 'direct').join(', ');
    ctx.veto('page-annotations', where, `annotation added to the page (object ${list})`, `trang bị thêm chú thích (đối tượng ${list})`);
    return false;
  }
  return true;
}

export const pageAnnotations: DiffRule = {
  name: 'page-annotations',
  level: 'FORM_FILLING',
  explains: 'page /Annots gaining widgets of new signature fields',
  explain(ctx) {
    for (const n of ctx.rolesS.pages) {
      if (!ctx.keysChanged(n).includes('Annots')) continue;
      const before = ctx.vs.getArray(ctx.beforeDict(n), 'Annots') ?? [];
      const afterValue = dictGet(ctx.afterDict(n), 'Annots');
      const after = ctx.vf.getArray(ctx.afterDict(n), 'Annots') ?? [];
      if (!growth(ctx, ctx.label(n), before, after)) continue;
      const arr = refNum(afterValue);
      // The array object itself may be new (/Annots written again) or the old one, judged below.
      if (arr !== undefined && ctx.added.has(arr)) ctx.approve('page-annotations', arr, 'FORM_FILLING', EN, VI);
      else if (arr !== undefined && !ctx.rolesS.annotArrays.has(arr)) continue;
      ctx.claim('page-annotations', n, ['Annots'], 'FORM_FILLING', EN, VI);
    }
    for (const n of ctx.rolesS.annotArrays) {
      const c = ctx.changed.get(n);
      if (!c || c.before.kind !== 'array' || c.after.kind !== 'array') continue;
      if (growth(ctx, ctx.label(n), c.before.items, c.after.items)) ctx.claim('page-annotations', n, WHOLE, 'FORM_FILLING', EN, VI);
    }
  },
};
