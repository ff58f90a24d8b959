/**
 * A new signature field (ISO 32000-2 §12.7.5.5), listed in /AcroForm /Fields or reached only from a page's /Annots
 * (poppler does both): explained when its value is a new signature dictionary (FORM_FILLING; LTA_UPDATES for a
 * document timestamp, whose widget is invisible). A new field that nobody signed is allowed only when nothing of
 * it can be seen (then LTA_UPDATES, as pyHanko rates it; field locks only cover visible new fields): one with a visible appearance over signed content is the sneaky-signature attack (vetoed).
 */
import type { PdfValue } from '../../../pdf/parse/index.js';
import { dictGet } from '../../../pdf/parse/index.js';
import { refNum } from '../../pdf-access.js';
import type { DiffContext, RuleLevel } from '../context.js';
import type { DiffRule } from '../rule.js';
import { isDocTimestamp, isInvisibleWidget, isSignatureDict, nameOf, widgetsOf } from './util.js';

/** New signature fields: number → whether /AcroForm /Fields lists it (false: only a page's /Annots reaches it). */
function candidates(ctx: DiffContext): Map<number, boolean> {
  const out = new Map<number, boolean>();
  const before = new Set((ctx.vs.getArray(ctx.vs.getDict(ctx.vs.catalog(), 'AcroForm'), 'Fields') ?? []).map(refNum));
  for (const item of ctx.vf.getArray(ctx.vf.getDict(ctx.vf.catalog(), 'AcroForm'), 'Fields') ?? []) {
    const n = refNum(item);
    if (n !== undefined && !before.has(n) && ctx.added.has(n)) out.set(n, true);
  }
  // Widgets of new merged signature fields that only a page's /Annots reaches.
  for (const page of ctx.rolesF.pages) {
    for (const item of ctx.vf.getArray(ctx.afterDict(page), 'Annots') ?? []) {
      const n = refNum(item);
      if (n === undefined || !ctx.added.has(n) || out.has(n)) continue;
      const d = ctx.vf.dict(item);
      if (nameOf(dictGet(d, 'FT')) === 'Sig' && nameOf(dictGet(d, 'Subtype')) === 'Widget' && dictGet(d, 'T') !== undefined) out.set(n, false);
    }
  }
  return out;
}

export const newSignatureField: DiffRule = {
  name: 'new-signature-field',
  level: 'FORM_FILLING',
  explains: 'a new signature field with its widgets, appearance and new signature value; an invisible empty one',
  explain(ctx) {
    for (const [n, listed] of candidates(ctx)) {
      const d = ctx.afterDict(n);
      if (!d || ctx.vf.getName(d, 'FT') !== 'Sig') continue;
      const name = ctx.vf.getText(d, 'T') ?? '(unnamed)';
      const v: PdfValue | undefined = dictGet(d, 'V');
      const widgets = widgetsOf(ctx.vf, n, d).filter((w) => ctx.added.has(w));
      const visible = !widgets.every((w) => isInvisibleWidget(ctx.vf, ctx.afterDict(w)));
      if (visible && !listed) {
        // Readers that go by /Fields never check such a signature; what it shows cannot be vouched for.
        ctx.veto('new-signature-field', `object ${n}`, `signature field "${name}" that the form does not list shows a visible appearance`, `ô chữ ký "${name}" không có trong biểu mẫu nhưng có hình hiển thị`);
        continue;
      }
      // pyHanko's SigFieldCreationRule: creating an invisible field is an LTA-level change that no field lock covers.
      let level: RuleLevel = visible ? 'FORM_FILLING' : 'LTA_UPDATES';
      if (v) {
        const vNum = refNum(v);
        const sig = ctx.vf.dict(v);
        if (vNum === undefined || !ctx.added.has(vNum) || !isSignatureDict(sig)) {
          ctx.veto('new-signature-field', `object ${n}`, `new signature field "${name}" whose value is not a new signature`, `ô chữ ký mới "${name}" có giá trị không phải chữ ký mới`);
          continue;
        }
        level = isDocTimestamp(sig) ? 'LTA_UPDATES' : 'FORM_FILLING';
        ctx.signingLevels.push(level);
      } else if (visible) {
        ctx.veto(
          'new-signature-field',
          `object ${n}`,
          `new signature field "${name}" that nobody signed shows a visible appearance over the signed content`,
          `ô chữ ký mới "${name}" chưa được ký nhưng có hình hiển thị đè lên nội dung đã ký`,
        );
        continue;
      }
      if (visible) ctx.valueChangedFields.add(n);
      const en = v ? (level === 'LTA_UPDATES' ? `document timestamp "${name}" added` : `new signature field "${name}" signed`) : `empty invisible signature field "${name}" added`;
      const vi = v ? (level === 'LTA_UPDATES' ? `thêm dấu thời gian tài liệu "${name}"` : `ký vào ô chữ ký mới "${name}"`) : `thêm ô chữ ký trống, không hiển thị "${name}"`;
      ctx.newSigFields.set(n, level);
      ctx.approve('new-signature-field', n, level, en, vi);
      for (const w of widgets) {
        ctx.newSigWidgets.add(w);
        ctx.newSigWidgetLevel.set(w, level);
        ctx.signingWidgets.add(w);
        ctx.approve('new-signature-field', w, level, en, vi);
      }
    }
  },
};
