/**
 * A page's /Annots (direct, or an indirect array, or a new array object) may gain the widgets of new signature
 * fields (signing) and new comment/markup annotations (level ANNOTATIONS, see annotations.ts) and nothing else; no
 * annotation may leave it. Other page keys stay unexplained (content, resources, boxes).
 */
import type { PdfValue } from '../../../pdf/parse/index.js';
import { dictGet } from '../../../pdf/parse/index.js';
import { refNum } from '../../pdf-access.js';
import { WHOLE, type DiffContext, type RuleLevel } from '../context.js';
import type { DiffRule } from '../rule.js';
import { EN as ANNOT_EN, isNewOrdinaryAnnotation, VI as ANNOT_VI } from './annotations.js';

const EN = 'widget of a new signature field added to the page';
const VI = 'thêm vùng hiển thị của ô chữ ký mới vào trang';

/** Whether the list only grew by new signature widgets, and the level of that growth (undefined: vetoed). */
function growth(ctx: DiffContext, where: string, before: readonly PdfValue[], after: readonly PdfValue[]): RuleLevel | undefined {
  const b = before.map(refNum);
  const a = after.map(refNum);
  if (b.some((x) => !a.includes(x))) {
    ctx.veto('page-annotations', where, 'annotations were removed from the page', 'chú thích bị xóa khỏi trang');
    return undefined;
  }
  const bad = a.filter((x) => !b.includes(x)).filter((x) => x === undefined || (!ctx.newSigWidgets.has(x) && !isNewOrdinaryAnnotation(ctx, x)));
  if (bad.length) {
    const list = bad.map((x) => x ?? 'direct').join(', ');
    ctx.veto('page-annotations', where, `annotation added to the page (object ${list})`, `trang bị thêm chú thích (đối tượng ${list})`);
    return undefined;
  }
  const extra = a.filter((x) => !b.includes(x)) as number[];
  // New comments and markup (annotations.ts): their own level, approved with what they reach (appearance, pop-up).
  const comments = extra.filter((x) => !ctx.newSigWidgets.has(x));
  for (const x of comments) ctx.approve('annotations', x, 'ANNOTATIONS', ANNOT_EN, ANNOT_VI);
  if (comments.length) return 'ANNOTATIONS';
  return extra.every((x) => ctx.newSigWidgetLevel.get(x) === 'LTA_UPDATES') ? 'LTA_UPDATES' : 'FORM_FILLING';
}

export const pageAnnotations: DiffRule = {
  name: 'page-annotations',
  level: 'FORM_FILLING',
  explains: 'page /Annots gaining widgets of new signature fields, or new comment/markup annotations (ANNOTATIONS)',
  explain(ctx) {
    for (const n of ctx.rolesS.pages) {
      if (!ctx.keysChanged(n).includes('Annots')) continue;
      const before = ctx.vs.getArray(ctx.beforeDict(n), 'Annots') ?? [];
      const afterValue = dictGet(ctx.afterDict(n), 'Annots');
      const after = ctx.vf.getArray(ctx.afterDict(n), 'Annots') ?? [];
      const level = growth(ctx, ctx.label(n), before, after);
      if (!level) continue;
      const [en, vi] = level === 'ANNOTATIONS' ? [ANNOT_EN, ANNOT_VI] : [EN, VI];
      const arr = refNum(afterValue);
      // The array object itself may be new (/Annots written again) or the old one, judged below.
      if (arr !== undefined && ctx.added.has(arr)) ctx.approve('page-annotations', arr, level, en, vi);
      else if (arr !== undefined && !ctx.rolesS.annotArrays.has(arr)) continue;
      ctx.claim('page-annotations', n, ['Annots'], level, en, vi);
    }
    for (const n of ctx.rolesS.annotArrays) {
      const c = ctx.changed.get(n);
      if (!c || c.before.kind !== 'array' || c.after.kind !== 'array') continue;
      const level = growth(ctx, ctx.label(n), c.before.items, c.after.items);
      if (level) ctx.claim('page-annotations', n, WHOLE, level, level === 'ANNOTATIONS' ? ANNOT_EN : EN, level === 'ANNOTATIONS' ? ANNOT_VI : VI);
    }
  },
};
