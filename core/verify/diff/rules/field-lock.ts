/**
 * Field locks of the signatures made in the signed revision (ISO 32000-2 §12.7.5.5 /Lock, §12.8.2.4 FieldMDP):
 * /Action /All locks every field, /Include the listed ones, /Exclude all but the listed ones; a later change to a
 * locked field's value (filling it, or signing it) is vetoed. A lock's /P (PDF 2.0) sets DocMDP-like permissions
 * from then on: /P 1 allows no change beyond validation data and document timestamps (so no further signature).
 */
import type { PdfDict } from '../../../pdf/parse/index.js';
import { decodePdfText, dictGet } from '../../../pdf/parse/index.js';
import { refNum } from '../../pdf-access.js';
import type { DiffContext } from '../context.js';
import type { DiffRule } from '../rule.js';

interface Lock {
  field: string;
  action: string;
  fields: string[];
  p?: number;
}

function lockOf(ctx: DiffContext, d: PdfDict | undefined, field: string): Lock | undefined {
  if (!d) return undefined;
  const action = ctx.vs.getName(d, 'Action');
  const fields = (ctx.vs.getArray(d, 'Fields') ?? []).map((x) => ctx.vs.resolve(x)).flatMap((x) => (x?.kind === 'string' ? [decodePdfText(x)] : []));
  const p = ctx.vs.getInt(d, 'P');
  if (!action && p === undefined) return undefined;
  return { field, action: action ?? 'None', fields, p };
}

/** Locks declared by the signatures whose signature dictionary this very revision wrote. */
function locksOfSignedRevision(ctx: DiffContext): Lock[] {
  const out: Lock[] = [];
  const section = ctx.pdf.revisions[ctx.signedRev].entries;
  for (const n of ctx.rolesS.signedSigFields) {
    const f = ctx.beforeDict(n);
    const vNum = refNum(dictGet(f, 'V'));
    if (vNum === undefined || !section.has(vNum)) continue;
    const name = ctx.rolesS.fieldNames.get(n) ?? '(unnamed)';
    const lock = lockOf(ctx, ctx.vs.getDict(f, 'Lock'), name);
    if (lock) out.push(lock);
    for (const ref of ctx.vs.getArray(ctx.vs.dict(dictGet(f, 'V')), 'Reference') ?? []) {
      const r = ctx.vs.dict(ref);
      if (ctx.vs.getName(r, 'TransformMethod') !== 'FieldMDP') continue;
      const l = lockOf(ctx, ctx.vs.getDict(r, 'TransformParams'), name);
      if (l) out.push({ ...l, p: undefined });
    }
  }
  return out;
}

const listed = (names: string[], name: string) => names.some((x) => name === x || name.startsWith(`${x}.`));

function locks(lock: Lock, name: string): boolean {
  if (lock.action === 'All') return true;
  if (lock.action === 'Include') return listed(lock.fields, name);
  if (lock.action === 'Exclude') return !listed(lock.fields, name);
  return false;
}

export const fieldLock: DiffRule = {
  name: 'field-lock',
  level: 'veto',
  explains: 'vetoes changes to fields locked by the signature (/Lock, FieldMDP) and changes its /Lock /P forbids',
  review(ctx, level) {
    for (const lock of locksOfSignedRevision(ctx)) {
      for (const n of ctx.valueChangedFields) {
        const name = ctx.rolesF.fieldNames.get(n) ?? ctx.rolesS.fieldNames.get(n) ?? `(object ${n})`;
        // No exemption by name: a field sharing the signed field's name is still locked (the signed field itself is
        // never here: it is frozen by signed-field-frozen and no rule fills it).
        if (!locks(lock, name)) continue;
        ctx.veto('field-lock', ctx.label(n), `field "${name}" is locked by the signature "${lock.field}" (/Action /${lock.action}) but was changed`, `ô "${name}" bị khóa bởi chữ ký "${lock.field}" (/Action /${lock.action}) nhưng đã bị thay đổi`);
      }
      if (lock.p === 2 && level === 'ANNOTATIONS') {
        ctx.veto('field-lock', `signature "${lock.field}"`, `the signature "${lock.field}" allows only form filling and signing (/Lock /P 2) but annotations were added or changed`, `chữ ký "${lock.field}" chỉ cho phép điền biểu mẫu và ký (/Lock /P 2) nhưng chú thích đã bị thêm hoặc sửa`);
      }
      if (lock.p === 1 && level !== 'NONE' && level !== 'LTA_UPDATES') {
        ctx.veto('field-lock', `signature "${lock.field}"`, `the signature "${lock.field}" locks the document (/Lock /P 1) but it was changed afterwards`, `chữ ký "${lock.field}" khóa tài liệu (/Lock /P 1) nhưng tài liệu đã bị thay đổi sau đó`);
      }
    }
  },
};
