/**
 * What the difference rules work on: every object that changed between the signed revision and the final one,
 * every object that is new, and the claims the rules make. A change counts as allowed only when rules claim every
 * key of it (or the whole object); a new object only when a claimed change or an approved root reaches it.
 */
import { asDict, type ParsedPdf, type PdfDict, type PdfValue } from '../../pdf/parse/index.js';
import { RevisionView } from '../pdf-access.js';
import type { Modification } from '../report.js';
import { changedKeys, refsIn, sameValue } from './equal.js';
import { rolesAt, type Roles } from './roles.js';
import { bytesEqual } from '../../bytes/concat.js';

/** pyHanko's ModificationLevel order; OTHER is what no rule explains (DESIGN.md: OTHER always invalidates). */
export type RuleLevel = 'LTA_UPDATES' | 'FORM_FILLING';

export const LEVEL_RANK: Record<'NONE' | RuleLevel | 'OTHER', number> = { NONE: 0, LTA_UPDATES: 1, FORM_FILLING: 2, OTHER: 9 };

export interface Claim {
  rule: string;
  level: RuleLevel;
  en: string;
  vi: string;
}

export interface ObjectChange {
  /** Number of the object in the signed revision (differs from the final number for a rewritten catalog). */
  beforeNum: number;
  before: PdfValue;
  after: PdfValue;
}

/** Whole-object claim key; a stream's data is claimed as DATA_KEY. */
export const WHOLE = '*';
export const DATA_KEY = '(stream data)';

export class DiffContext {
  readonly vs: RevisionView;
  readonly vf: RevisionView;
  readonly rolesS: Roles;
  private rolesFinal?: Roles;
  /** Final object number → its change (present in both revisions, value differs). */
  readonly changed = new Map<number, ObjectChange>();
  /** Objects defined in the final revision and not in the signed one. */
  readonly added = new Set<number>();
  readonly claims = new Map<number, Map<string, Claim>>();
  /** New objects approved as roots of what a rule explains (their new descendants are approved with them). */
  readonly approved = new Map<number, Claim>();
  readonly vetoes: Modification[] = [];
  /** Rule levels of approvals and claims, to compute the modification level. */
  readonly levels: RuleLevel[] = [];
  /** Widgets of new signature fields: the only annotations a page may gain. */
  readonly newSigWidgets = new Set<number>();
  /** Level of each such widget's signing (a document timestamp's widget keeps a page change at LTA_UPDATES). */
  readonly newSigWidgetLevel = new Map<number, RuleLevel>();
  /** New signature fields (by object number) and the level of their signing (LTA for a document timestamp). */
  readonly newSigFields = new Map<number, RuleLevel>();
  /** Widgets of fields signed after the signed revision (new or existing): they may join the structure tree. */
  readonly signingWidgets = new Set<number>();
  /** Levels of the signatures added after the signed revision (the form dictionary changes with them). */
  readonly signingLevels: RuleLevel[] = [];
  /** New object number → the signed revision's object it replaces (pairReplacement). */
  readonly replaced = new Map<number, number>();
  /** Fields whose value was set or changed after the signed revision (judged by the field locks). */
  readonly valueChangedFields = new Set<number>();

  constructor(
    readonly pdf: ParsedPdf,
    readonly signedRev: number,
    readonly last: number,
  ) {
    this.vs = new RevisionView(pdf, signedRev);
    this.vf = new RevisionView(pdf, last);
    this.rolesS = rolesAt(pdf, signedRev);
  }

  /** Roles in the final revision (computed on first use). */
  get rolesF(): Roles {
    return (this.rolesFinal ??= rolesAt(this.pdf, this.last));
  }

  before(num: number): PdfValue | undefined {
    const c = this.changed.get(num);
    if (c) return c.before;
    return this.pdf.getObject(num, this.signedRev)?.value;
  }

  after(num: number): PdfValue | undefined {
    return this.pdf.getObject(num, this.last)?.value;
  }

  beforeDict(num: number): PdfDict | undefined {
    return asDict(this.before(num));
  }

  afterDict(num: number): PdfDict | undefined {
    return asDict(this.after(num));
  }

  /** Keys that differ ('*' for a non-dictionary change; DATA_KEY when a stream's data differs). */
  keysChanged(num: number): string[] {
    const c = this.changed.get(num);
    if (!c) return [];
    const a = c.before;
    const b = c.after;
    if (a.kind === 'dict' && b.kind === 'dict') return changedKeys(a.entries, b.entries);
    if (a.kind === 'stream' && b.kind === 'stream') {
      const keys = changedKeys(without(a.dict.entries, 'Length'), without(b.dict.entries, 'Length'));
      if (!bytesEqual(a.raw, b.raw)) keys.push(DATA_KEY);
      return keys;
    }
    return sameValue(a, b) ? [] : [WHOLE];
  }

  claim(rule: string, num: number, keys: readonly string[] | typeof WHOLE, level: RuleLevel, en: string, vi: string): void {
    if (!this.changed.has(num)) return;
    let m = this.claims.get(num);
    if (!m) this.claims.set(num, (m = new Map()));
    const c = { rule, level, en, vi };
    for (const k of keys === WHOLE ? [WHOLE] : keys) m.set(k, c);
    this.levels.push(level);
  }

  /** Approves the new objects a value refers to (directly or as the value itself when it is a new object number). */
  approve(rule: string, v: PdfValue | number | undefined, level: RuleLevel, en: string, vi: string): void {
    const nums = typeof v === 'number' ? [v] : [...refsIn(v)];
    for (const n of nums) {
      if (!this.added.has(n) || this.approved.has(n)) continue;
      this.approved.set(n, { rule, level, en, vi });
      this.levels.push(level);
    }
  }

  veto(rule: string, object: string, en: string, vi: string): void {
    this.vetoes.push({ object, description: `${en} [${rule}]`, descriptionVi: vi, allowed: false });
  }

  /** The final object replaces the signed revision's `beforeNum` (e.g. a catalog written again as a new object). */
  pairReplacement(beforeNum: number, afterNum: number): boolean {
    const before = this.pdf.getObject(beforeNum, this.signedRev)?.value;
    const after = this.after(afterNum);
    if (!before || !after || !this.added.has(afterNum)) return false;
    this.added.delete(afterNum);
    this.replaced.set(afterNum, beforeNum);
    if (!sameValue(before, after)) this.changed.set(afterNum, { beforeNum, before, after });
    return true;
  }

  /**
   * Whether every object of the final revision that refers to `num` is in `allowed` (and the trailer does not).
   * An object shared with page content must not be rewritten under another role's claim.
   */
  onlyReferencedBy(num: number, allowed: ReadonlySet<number>): boolean {
    if (!this.referrers) {
      this.referrers = new Map();
      for (const [n, e] of this.pdf.objectTable(this.last)) {
        if (e.type === 'free') continue;
        for (const r of refsIn(this.after(n))) {
          let set = this.referrers.get(r);
          if (!set) this.referrers.set(r, (set = new Set()));
          set.add(n);
        }
      }
      for (const r of refsIn(this.vf.trailer())) this.referrers.set(r, new Set([...(this.referrers.get(r) ?? []), -1]));
    }
    return [...(this.referrers.get(num) ?? [])].every((n) => n === num || allowed.has(n));
  }

  private referrers?: Map<number, Set<number>>;

  label(num: number): string {
    const l = this.rolesS.label.get(num) ?? this.rolesF.label.get(num);
    return `object ${num}${l ? ` (${l})` : ''}`;
  }
}

function without(m: ReadonlyMap<string, PdfValue>, key: string): Map<string, PdfValue> {
  const out = new Map(m);
  out.delete(key);
  return out;
}
