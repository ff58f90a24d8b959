/**
 * Difference analysis, reject by default: compares the signed revision with the final document object by
 * object, runs the named rules of rules/index.ts over the changes, and allows a change only when rules claim all
 * of it for that object in that role (docs/ARCHITECTURE.md "VerificationReport"). New objects must be reached from what a rule approved, or be
 * unreferenced.
 */
import type { IndirectObject, ParsedPdf } from '../../pdf/parse/index.js';
import { dictGet } from '../../pdf/parse/index.js';
import type { Modification, ModificationLevel } from '../report.js';
import { DiffContext, LEVEL_RANK, WHOLE, type Claim } from './context.js';
import { refsIn, sameValue } from './equal.js';
import type { DiffRule } from './rule.js';
import { sameEntry } from './same-entry.js';
import { RULES } from './rules/index.js';
import { describe, isSignatureDict } from './rules/util.js';

export interface DiffResult {
  level: ModificationLevel;
  modifications: Modification[];
  /** Form filling other than signing happened (matters for DocMDP P=1). */
  formFilling: boolean;
}

/** Cross-reference and object streams are containers: their content is judged object by object. */
function isContainer(obj: IndirectObject): boolean {
  if (obj.value.kind !== 'stream') return false;
  const t = dictGet(obj.value.dict, 'Type');
  return t?.kind === 'name' && (t.value === 'XRef' || t.value === 'ObjStm');
}

/** `rules` is the policy (tests run it without one rule to show what that rule alone explains). */
export async function analyseChanges(pdf: ParsedPdf, signedRev: number, rules: readonly DiffRule[] = RULES): Promise<DiffResult> {
  const last = pdf.revisions.length - 1;
  if (signedRev >= last) return { level: 'NONE', modifications: [], formFilling: false };
  const ctx = new DiffContext(pdf, signedRev, last);
  collectChanges(ctx);

  for (const rule of rules) await rule.explain?.(ctx);

  const mods: Modification[] = [];
  const deny = (object: string, en: string, vi: string) => mods.push({ object, description: en, descriptionVi: vi, allowed: false });
  const allow = (object: string, en: string, vi: string) => mods.push({ object, description: en, descriptionVi: vi, allowed: true });

  // Computed only when something is unexplained (most files never need it).
  let liveSet: Set<number> | undefined;
  const live = { has: (n: number) => (liveSet ??= reachable(pdf, last, ctx)).has(n) };
  // Changed objects: every changed key must be claimed.
  for (const [num, change] of ctx.changed) {
    const keys = ctx.keysChanged(num);
    if (!keys.length) continue;
    const claims = ctx.claims.get(num);
    const whole = claims?.get(WHOLE);
    const open = whole ? [] : keys.filter((k) => !claims?.has(k));
    const what = describe(change.after);
    if (open.length && !live.has(num)) {
      // E.g. the old catalog after a rewritten one took its place: nothing the document shows reaches it.
      allow(ctx.label(num), `${what.en} changed but no longer part of the document (no effect)`, `${what.vi} bị thay đổi nhưng không còn thuộc tài liệu (không ảnh hưởng)`);
      continue;
    }
    if (open.length) {
      const list = open.filter((k) => k !== WHOLE).map((k) => (k.startsWith('(') ? k : `/${k}`)).join(', ');
      deny(ctx.label(num), `${what.en} changed after signing${list ? `: ${list}` : ''}`, `${what.vi} bị thay đổi sau khi ký${list ? `: ${list}` : ''}`);
      continue;
    }
    const used = unique([...(whole ? [whole] : []), ...keys.map((k) => claims?.get(k)).filter((c): c is Claim => c !== undefined)]);
    allow(ctx.label(num), used.map((c) => c.en).join('; '), used.map((c) => c.vi).join('; '));
  }

  // New objects: approved roots and everything new they reach.
  const queue = [...ctx.approved.keys()];
  const approved = new Set(queue);
  while (queue.length) {
    const n = queue.pop() as number;
    for (const r of refsIn(pdf.getObject(n, last)?.value)) {
      if (ctx.added.has(r) && !approved.has(r)) {
        approved.add(r);
        queue.push(r);
      }
    }
  }
  const unapproved = [...ctx.added].filter((n) => !approved.has(n));
  for (const n of unapproved) {
    const v = pdf.getObject(n, last)?.value;
    const what = describe(v);
    if (live.has(n)) deny(`object ${n}`, `new ${what.en} added after signing`, `thêm ${what.vi} mới sau khi ký`);
    else if (isSignatureDict(v?.kind === 'dict' ? v : undefined)) deny(`object ${n}`, 'a signature object that no field refers to was added', 'thêm đối tượng chữ ký không gắn với ô chữ ký nào');
    else allow(`object ${n}`, `unreferenced ${what.en} (no effect on the document)`, `${what.vi} không được dùng tới (không ảnh hưởng tài liệu)`);
  }

  mods.push(...ctx.vetoes);
  const levelOf = (): ModificationLevel => {
    if (mods.some((m) => !m.allowed)) return 'OTHER';
    if (!mods.length && !ctx.levels.length) return 'NONE';
    return ctx.levels.reduce<ModificationLevel>((a, l) => (LEVEL_RANK[l] > LEVEL_RANK[a] ? l : a), mods.length ? 'LTA_UPDATES' : 'NONE');
  };
  let level = levelOf();
  const vetoesBefore = ctx.vetoes.length;
  for (const rule of rules) rule.review?.(ctx, level);
  if (ctx.vetoes.length > vetoesBefore) {
    mods.push(...ctx.vetoes.slice(vetoesBefore));
    level = 'OTHER';
  }
  return { level, modifications: mods, formFilling: ctx.valueChangedFields.size > 0 && level !== 'OTHER' && [...ctx.valueChangedFields].some((n) => !ctx.rolesS.sigFields.has(n) && !ctx.rolesF.sigFields.has(n)) };
}

/** Objects the final document reaches from its trailer (what a reader can show or use). */
function reachable(pdf: ParsedPdf, last: number, ctx: DiffContext): Set<number> {
  const seen = new Set<number>();
  const queue = [...refsIn(ctx.vf.trailer())];
  while (queue.length) {
    const n = queue.pop() as number;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const r of refsIn(pdf.getObject(n, last)?.value)) if (!seen.has(r)) queue.push(r);
  }
  return seen;
}

/** Objects present in both revisions with another value; objects only in the final one; deletions are vetoed. */
function collectChanges(ctx: DiffContext): void {
  const { pdf, signedRev, last } = ctx;
  const tableS = pdf.objectTable(signedRev);
  const tableF = pdf.objectTable(last);
  for (const n of new Set([...tableS.keys(), ...tableF.keys()])) {
    if (n === 0) continue;
    const eS = tableS.get(n);
    const eF = tableF.get(n);
    if (sameEntry(eS, eF) && (eF?.type !== 'compressed' || sameEntry(tableS.get(eF.streamNum), tableF.get(eF.streamNum)))) continue;
    const oS = eS && eS.type !== 'free' ? pdf.getObject(n, signedRev) : undefined;
    const oF = eF && eF.type !== 'free' ? pdf.getObject(n, last) : undefined;
    if (!oS && !oF) continue;
    if (oS && oF && oS.gen === oF.gen && sameValue(oS.value, oF.value)) continue;
    const label = ctx.label(n);
    if (!oS && oF) {
      if (!isContainer(oF)) ctx.added.add(n);
    } else if (oS && !oF) {
      if (eF && eF.type !== 'free') ctx.veto('objects', label, 'object no longer found where the cross-reference table points', 'không còn tìm thấy đối tượng tại vị trí bảng tham chiếu chỉ tới');
      else ctx.veto('objects', label, 'object was deleted after signing', 'đối tượng bị xóa sau khi ký');
    } else if (oS && oF && oS.gen !== oF.gen) {
      ctx.veto('objects', label, `object redefined with another generation (${oS.gen} → ${oF.gen})`, `đối tượng bị định nghĩa lại với thế hệ khác (${oS.gen} → ${oF.gen})`);
    } else if (oS && oF) {
      ctx.changed.set(n, { beforeNum: n, before: oS.value, after: oF.value });
    }
  }
}

function unique(claims: Claim[]): Claim[] {
  const seen = new Set<string>();
  return claims.filter((c) => (seen.has(c.en) ? false : (seen.add(c.en), true)));
}
