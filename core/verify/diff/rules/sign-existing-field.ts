/**
 * Signing a signature field that was empty in the signed revision (ISO 32000-2 §12.7.5.5, Table 235): the field
 * gains /V (a new signature dictionary) and signing tools also write /M /P /F /MK /DA /Lock /SV /AS /Border and a
 * new /AP on the field or its widgets (poppler writes /M, Acrobat /MK and /SV), or redraw the widget's existing
 * appearance stream. Explained at FORM_FILLING (LTA_UPDATES for a document timestamp).
 */
import { dictGet } from '../../../pdf/parse/index.js';
import { refNum } from '../../pdf-access.js';
import { WHOLE, type RuleLevel } from '../context.js';
import type { DiffRule } from '../rule.js';
import { appearanceObjects, isDocTimestamp, isSignatureDict } from './util.js';

const FIELD_KEYS = ['V', 'AP', 'AS', 'M', 'P', 'F', 'MK', 'DA', 'Lock', 'SV', 'Border', 'StructParent'];
const WIDGET_KEYS = ['AP', 'AS', 'M', 'P', 'F', 'MK', 'DA', 'Border', 'StructParent'];

export const signExistingField: DiffRule = {
  name: 'sign-existing-field',
  level: 'FORM_FILLING',
  explains: 'an empty signature field of the signed revision gaining /V and the widget keys signing tools write',
  explain(ctx) {
    for (const n of ctx.rolesS.sigFields) {
      if (ctx.rolesS.signedSigFields.has(n)) continue;
      const f = ctx.afterDict(n);
      const v = dictGet(f, 'V');
      if (!v) continue;
      const name = ctx.rolesS.fieldNames.get(n) ?? '(unnamed)';
      const vNum = refNum(v);
      const sig = ctx.vf.dict(v);
      if (vNum === undefined || !ctx.added.has(vNum) || !isSignatureDict(sig)) {
        ctx.veto('sign-existing-field', ctx.label(n), `signature field "${name}" got a value that is not a new signature`, `ô chữ ký "${name}" nhận giá trị không phải chữ ký mới`);
        continue;
      }
      const level: RuleLevel = isDocTimestamp(sig) ? 'LTA_UPDATES' : 'FORM_FILLING';
      const en = level === 'LTA_UPDATES' ? `document timestamp in field "${name}"` : `empty signature field "${name}" signed`;
      const vi = level === 'LTA_UPDATES' ? `dấu thời gian tài liệu trong ô "${name}"` : `ký vào ô chữ ký có sẵn "${name}"`;
      ctx.signingLevels.push(level);
      ctx.valueChangedFields.add(n);
      ctx.claim('sign-existing-field', n, FIELD_KEYS, level, en, vi);
      ctx.approve('sign-existing-field', vNum, level, en, vi);
      ctx.approve('sign-existing-field', dictGet(f, 'AP'), level, en, vi);
      const widgets = [...ctx.rolesS.widgetField].filter(([, field]) => field === n).map(([w]) => w);
      for (const w of widgets) {
        ctx.signingWidgets.add(w);
        if (w !== n) ctx.claim('sign-existing-field', w, WIDGET_KEYS, level, en, vi);
        ctx.approve('sign-existing-field', dictGet(ctx.afterDict(w), 'AP'), level, en, vi);
        // The widget's old appearance stream redrawn in place.
        const own = appearanceObjects(ctx.vs, ctx.beforeDict(w));
        const owners = new Set([w, ...own]);
        for (const a of own) {
          // Only an appearance that nothing else uses (an XObject the page content also draws is not the widget's).
          if (ctx.onlyReferencedBy(a, owners)) ctx.claim('sign-existing-field', a, WHOLE, level, `appearance of "${name}" drawn for its signature`, `vẽ hình hiển thị của "${name}" cho chữ ký`);
        }
      }
    }
  },
};
