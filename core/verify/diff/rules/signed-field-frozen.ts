/**
 * A signature field that was already signed in the signed revision is frozen: its field, its widgets, their /AP
 * and the appearance streams themselves may not change afterwards (the shown signature would no longer be the
 * signed one). Only the widget being signed in an update may get an appearance (sign-existing-field).
 */
import type { DiffRule } from '../rule.js';
import { appearanceObjects } from './util.js';

export const signedFieldFrozen: DiffRule = {
  name: 'signed-field-frozen',
  level: 'veto',
  explains: 'vetoes any change to an already-signed signature field, its widgets or their appearance streams',
  explain(ctx) {
    for (const n of ctx.rolesS.signedSigFields) {
      const name = ctx.rolesS.fieldNames.get(n) ?? '(unnamed)';
      const widgets = [...ctx.rolesS.widgetField].filter(([, field]) => field === n).map(([w]) => w);
      for (const o of new Set([n, ...widgets])) {
        const keys = ctx.keysChanged(o);
        if (!keys.length) continue;
        const ap = keys.includes('AP') || keys.includes('AS');
        ctx.veto(
          'signed-field-frozen',
          ctx.label(o),
          ap ? `the appearance of the already-signed signature "${name}" was changed` : `the already-signed signature field "${name}" was changed: /${keys.join(', /')}`,
          ap ? `hình hiển thị của chữ ký đã ký "${name}" bị thay đổi` : `ô chữ ký đã ký "${name}" bị thay đổi: /${keys.join(', /')}`,
        );
      }
      for (const w of widgets) {
        for (const a of appearanceObjects(ctx.vs, ctx.beforeDict(w))) {
          if (ctx.keysChanged(a).length) ctx.veto('signed-field-frozen', `object ${a}`, `the appearance stream of the already-signed signature "${name}" was changed`, `luồng hình hiển thị của chữ ký đã ký "${name}" bị thay đổi`);
        }
      }
    }
  },
};
