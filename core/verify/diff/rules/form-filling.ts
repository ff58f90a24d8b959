/**
 * Form filling (ISO 32000-2 §12.7.4, DocMDP P=2): a non-signature field's value (/V, and /I for a choice field)
 * and the appearance state and streams of its widgets (/AS, /AP, or the existing appearance stream redrawn).
 * Explained at FORM_FILLING; the signatures' field locks are enforced by field-lock.
 */
import { WHOLE } from '../context.js';
import type { DiffRule } from '../rule.js';
import { appearanceObjects } from './util.js';

const KEYS = ['V', 'I', 'AS', 'AP'];

export const formFilling: DiffRule = {
  name: 'form-filling',
  level: 'FORM_FILLING',
  explains: 'a form field value (/V, /I) and its widgets\' /AS, /AP and redrawn appearance streams',
  explain(ctx) {
    const r = ctx.rolesS;
    for (const n of new Set([...r.otherFields, ...r.otherWidgets])) {
      const keys = ctx.keysChanged(n);
      if (!keys.length) continue;
      const field = r.widgetField.get(n) ?? n;
      const name = r.fieldNames.get(field) ?? '(unnamed)';
      const en = `form field "${name}" filled in`;
      const vi = `điền ô biểu mẫu "${name}"`;
      if (keys.some((k) => KEYS.includes(k))) ctx.valueChangedFields.add(field);
      ctx.claim('form-filling', n, KEYS, 'FORM_FILLING', en, vi);
      const after = ctx.afterDict(n);
      for (const k of KEYS) ctx.approve('form-filling', after?.entries.get(k), 'FORM_FILLING', en, vi);
    }
    // The widgets of a filled field may have their existing appearance streams redrawn in place.
    for (const [w, field] of r.widgetField) {
      if (!ctx.valueChangedFields.has(field) || !r.otherWidgets.has(w)) continue;
      const name = r.fieldNames.get(field) ?? '(unnamed)';
      const own = appearanceObjects(ctx.vs, ctx.beforeDict(w));
      const owners = new Set([w, ...own]);
      for (const a of own) {
        if (ctx.onlyReferencedBy(a, owners)) ctx.claim('form-filling', a, WHOLE, 'FORM_FILLING', `appearance of form field "${name}" redrawn`, `vẽ lại hình hiển thị ô biểu mẫu "${name}"`);
      }
    }
  },
};
