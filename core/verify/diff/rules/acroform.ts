/**
 * The interactive form dictionary (ISO 32000-2 §12.7.3): /Fields may only gain the new signature fields that
 * new-signature-field explained and never lose one; /SigFlags, /DR (new fonts for signature appearances) and
 * /DA may change when signing. A form created for the first signature of a file without one is explained too.
 */
import type { PdfDict } from '../../../pdf/parse/index.js';
import { dictGet } from '../../../pdf/parse/index.js';
import { refNum } from '../../pdf-access.js';
import { LEVEL_RANK, type DiffContext, type RuleLevel } from '../context.js';
import { changedKeys } from '../equal.js';
import type { DiffRule } from '../rule.js';

const SIGNING_KEYS = ['SigFlags', 'DR', 'DA'];

/** Problems with the form's changes, the keys explained, and their level. */
function judge(ctx: DiffContext, before: PdfDict | undefined, after: PdfDict): { problem?: [string, string]; keys: string[]; level: RuleLevel } {
  // The form changes at the level of what caused it: new fields and signatures (a document timestamp: LTA_UPDATES).
  const causes = [...ctx.signingLevels, ...ctx.newSigFields.values()];
  const level: RuleLevel = causes.reduce<RuleLevel>((a, l) => (LEVEL_RANK[l] > LEVEL_RANK[a] ? l : a), 'LTA_UPDATES');
  const signing = causes.length ? level : 'FORM_FILLING';
  const b = (ctx.vs.getArray(before, 'Fields') ?? []).map(refNum);
  const a = (ctx.vf.getArray(after, 'Fields') ?? []).map(refNum);
  if (b.some((x) => !a.includes(x))) return { problem: ['form fields were removed from /Fields', 'ô biểu mẫu bị xóa khỏi /Fields'], keys: [], level };
  const extra = a.filter((x) => !b.includes(x));
  const bad = extra.filter((x) => x === undefined || !ctx.newSigFields.has(x));
  if (bad.length) {
    const list = bad.map((x) => x ?? 'direct').join(', ');
    return { problem: [`/Fields gained something other than a new signature field (object ${list})`, `/Fields được thêm thứ không phải ô chữ ký mới (đối tượng ${list})`], keys: [], level };
  }
  return { keys: ['Fields', ...SIGNING_KEYS], level: signing };
}

export const acroForm: DiffRule = {
  name: 'acroform',
  level: 'FORM_FILLING',
  explains: 'the /AcroForm dictionary: /Fields gaining new signature fields, /SigFlags, /DR, /DA',
  explain(ctx) {
    const cat = ctx.rolesF.catalog;
    if (cat === undefined) return;
    const after = ctx.vf.getDict(ctx.vf.catalog(), 'AcroForm');
    if (!after) return;
    const formNum = ctx.rolesF.acroForm;
    const before = ctx.vs.getDict(ctx.vs.catalog(), 'AcroForm');
    const direct = formNum === undefined;
    const catalogKeyChanged = ctx.keysChanged(cat).includes('AcroForm');
    if (!catalogKeyChanged && (direct || !ctx.changed.has(formNum))) return;
    const where = direct ? ctx.label(cat) : ctx.label(formNum);
    const j = judge(ctx, before, after);
    if (j.problem) return ctx.veto('acroform', where, j.problem[0], j.problem[1]);
    const en = before ? 'form dictionary updated for signing' : 'form dictionary created for a new signature';
    const vi = before ? 'cập nhật từ điển biểu mẫu để ký' : 'tạo từ điển biểu mẫu cho chữ ký mới';
    if (direct || !before) {
      // The form lives in the catalog (or appears now): its own changed keys decide the catalog's /AcroForm key.
      const changed = before ? changedKeys(before.entries, after.entries) : [...after.entries.keys()];
      if (changed.some((k) => !j.keys.includes(k))) return;
      ctx.claim('acroform', cat, ['AcroForm'], j.level, en, vi);
      ctx.approve('acroform', formNum, j.level, en, vi);
      ctx.approve('acroform', dictGet(after, 'DR'), j.level, en, vi);
      return;
    }
    ctx.claim('acroform', formNum, j.keys, j.level, en, vi);
    ctx.approve('acroform', dictGet(after, 'DR'), j.level, en, vi);
  },
};
