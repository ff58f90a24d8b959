/**
 * Comments and markup (ISO 32000-2 §12.5.6.2 markup annotations, and their pop-ups) added to a page or changed
 * after signing: level ANNOTATIONS. DocMDP P=3 permits them, P=2 and P=1 do not (§12.8.2.2, enforced by the
 * signature check); a document without a certification signature permits them too. Widgets are never ordinary
 * annotations here (form fields and signature fields have their own rules, the sneaky-signature veto included),
 * nor are links, multimedia and file attachments; an annotation with an action (/A, /AA) is not explained.
 * Page /Annots growth is judged by page-annotations.ts, which asks isNewOrdinaryAnnotation.
 */
import type { PdfDict } from '../../../pdf/parse/index.js';
import { dictGet } from '../../../pdf/parse/index.js';
import type { RevisionView } from '../../pdf-access.js';
import { refNum } from '../../pdf-access.js';
import { WHOLE, type DiffContext } from '../context.js';
import type { DiffRule } from '../rule.js';
import { appearanceObjects, nameOf } from './util.js';

/** Markup annotations that show a comment or a mark, and pop-ups (Table 171 of ISO 32000-2, less attachments, sound, redaction). */
const ORDINARY = new Set(['Text', 'FreeText', 'Line', 'Square', 'Circle', 'Polygon', 'PolyLine', 'Highlight', 'Underline', 'Squiggly', 'StrikeOut', 'Caret', 'Ink', 'Stamp', 'Popup']);
/** Keys that would turn a comment into something else (an action, a form field, another kind of annotation). */
const NEVER = ['Subtype', 'Type', 'A', 'AA', 'FT', 'Kids', 'V', 'Parent'];

export const EN = 'comment or markup annotation added or changed (allowed unless a certification signature forbids it)';
export const VI = 'thêm hoặc sửa chú thích, đánh dấu (được phép trừ khi chữ ký chứng nhận cấm)';

function isOrdinary(v: RevisionView, d: PdfDict | undefined): boolean {
  if (!d) return false;
  const type = nameOf(v.get(d, 'Type'));
  if (type !== undefined && type !== 'Annot') return false;
  if (!ORDINARY.has(nameOf(v.get(d, 'Subtype')) ?? '')) return false;
  return dictGet(d, 'A') === undefined && dictGet(d, 'AA') === undefined && dictGet(d, 'FT') === undefined;
}

/** A new object (not in the signed revision) that is an ordinary annotation in the final revision. */
export function isNewOrdinaryAnnotation(ctx: DiffContext, num: number): boolean {
  return ctx.added.has(num) && !ctx.rolesF.sigWidgets.has(num) && !ctx.rolesF.otherWidgets.has(num) && isOrdinary(ctx.vf, ctx.afterDict(num));
}

/** Ordinary annotations on the signed revision's pages (object numbers), widgets excluded. */
function ordinaryAnnotationsBefore(ctx: DiffContext): Set<number> {
  const out = new Set<number>();
  for (const p of ctx.rolesS.pages) {
    for (const a of ctx.vs.getArray(ctx.vs.dict(ctx.before(p)), 'Annots') ?? []) {
      const n = refNum(a);
      if (n === undefined || ctx.rolesS.sigWidgets.has(n) || ctx.rolesS.otherWidgets.has(n)) continue;
      if (isOrdinary(ctx.vs, ctx.beforeDict(n))) out.add(n);
    }
  }
  return out;
}

export const annotations: DiffRule = {
  name: 'annotations',
  level: 'ANNOTATIONS',
  explains: 'comment/markup annotations changed, and their appearance streams rewritten (new ones: see page-annotations)',
  explain(ctx) {
    const before = ordinaryAnnotationsBefore(ctx);
    if (!before.size) return;
    const owners = new Set(before);
    const appearances = new Map<number, number>();
    for (const n of before) {
      const ap = refNum(dictGet(ctx.beforeDict(n), 'AP'));
      if (ap !== undefined) owners.add(ap);
      for (const s of appearanceObjects(ctx.vs, ctx.beforeDict(n))) appearances.set(s, n);
    }
    for (const n of before) {
      if (!ctx.changed.has(n)) continue;
      const after = ctx.after(n);
      // Still a comment (a dictionary: not a stream carrying a comment's keys), with nothing that makes it act or
      // belong to a form; a changed /Subtype (another kind of annotation) is among the NEVER keys, left unexplained.
      if (after?.kind !== 'dict' || !isOrdinary(ctx.vf, after)) continue;
      const keys = ctx.keysChanged(n).filter((k) => !NEVER.includes(k));
      ctx.claim('annotations', n, keys, 'ANNOTATIONS', EN, VI);
      ctx.approve('annotations', ctx.after(n), 'ANNOTATIONS', EN, VI);
    }
    // An appearance stream or /AP dictionary object (appearanceObjects lists both) rewritten in place, used by
    // nothing but these comments and their /AP dictionaries.
    for (const [s] of appearances) {
      if (ctx.changed.has(s) && ctx.onlyReferencedBy(s, owners)) {
        ctx.claim('annotations', s, WHOLE, 'ANNOTATIONS', EN, VI);
        ctx.approve('annotations', ctx.after(s), 'ANNOTATIONS', EN, VI);
      }
    }
  },
};
