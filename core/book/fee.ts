/**
 * Lệ phí chứng thực as versioned data kept in settings (fee rules change by circular). Baseline: Circular
 * 226/2016/TT-BTC, 2,000 VND per page for the first two pages, 1,000 VND per page from the third, at most
 * 200,000 VND per copy.
 */
import { parseIsoDate } from '../ecopy/statement.js';
import { bookError } from './errors.js';

export interface FeeTier {
  /** First page (1-based) this price applies to. */
  readonly fromPage: number;
  /** VND per page. */
  readonly perPage: number;
}

export interface FeeRule {
  readonly id: string;
  readonly legalBasis: string;
  /** ISO date from which the rule applies (inclusive). */
  readonly effectiveFrom: string;
  /** Ascending by fromPage; the first starts at page 1. */
  readonly tiers: readonly FeeTier[];
  /** Cap per copy in VND; absent = no cap. */
  readonly maxPerCopy?: number;
}

export const TT226_2016: FeeRule = {
  id: 'tt226-2016',
  legalBasis: 'Thông tư 226/2016/TT-BTC',
  effectiveFrom: '2017-01-01',
  tiers: [
    { fromPage: 1, perPage: 2000 },
    { fromPage: 3, perPage: 1000 },
  ],
  maxPerCopy: 200_000,
};

export const DEFAULT_FEE_RULES: readonly FeeRule[] = [TT226_2016];

export interface FeeResult {
  readonly perCopy: number;
  readonly total: number;
  readonly ruleId: string;
}

/** Fee for `copies` copies of an original of `pages` pages. */
export function computeFee(rule: FeeRule, pages: number, copies = 1): FeeResult {
  if (!Number.isSafeInteger(pages) || pages < 1) throw new RangeError(`pages must be a positive integer, got ${pages}`);
  if (!Number.isSafeInteger(copies) || copies < 1) throw new RangeError(`copies must be a positive integer, got ${copies}`);
  let perCopy = 0;
  rule.tiers.forEach((tier, i) => {
    const end = rule.tiers[i + 1]?.fromPage ?? Infinity; // exclusive
    const inTier = Math.max(0, Math.min(pages + 1, end) - tier.fromPage);
    perCopy += inTier * tier.perPage;
  });
  if (rule.maxPerCopy !== undefined) perCopy = Math.min(perCopy, rule.maxPerCopy);
  return { perCopy, total: perCopy * copies, ruleId: rule.id };
}

/** The rule in force on an ISO date; undefined when every rule starts later. */
export function selectFeeRule(rules: readonly FeeRule[], date: string): FeeRule | undefined {
  let chosen: FeeRule | undefined;
  for (const r of rules) if (r.effectiveFrom <= date && (!chosen || r.effectiveFrom >= chosen.effectiveFrom)) chosen = r;
  return chosen;
}

/** Validates fee rules read from settings (user-editable data): throws FEE_RULES_INVALID. */
export function parseFeeRules(value: unknown): FeeRule[] {
  const bad = (why: string) => bookError('FEE_RULES_INVALID', `the fee rules in settings are invalid: ${why}`, `Biểu lệ phí trong cài đặt không hợp lệ: ${why}`);
  if (!Array.isArray(value) || value.length === 0) throw bad('not a non-empty list');
  return value.map((r: unknown, i): FeeRule => {
    const o = r as Partial<FeeRule> | null;
    const money = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
    if (!o || typeof o.id !== 'string' || !o.id) throw bad(`rule ${i + 1} has no id`);
    if (typeof o.effectiveFrom !== 'string' || !parseIsoDate(o.effectiveFrom)) throw bad(`rule ${o.id}: effectiveFrom is not an ISO date`);
    if (!Array.isArray(o.tiers) || o.tiers.length === 0 || o.tiers[0]?.fromPage !== 1) throw bad(`rule ${o.id}: tiers must start at page 1`);
    o.tiers.forEach((t, j) => {
      if (!Number.isSafeInteger(t?.fromPage) || !money(t?.perPage)) throw bad(`rule ${o.id}: tier ${j + 1} is malformed`);
      if (j > 0 && t.fromPage <= o.tiers![j - 1].fromPage) throw bad(`rule ${o.id}: tiers are not ascending`);
    });
    if (o.maxPerCopy !== undefined && !money(o.maxPerCopy)) throw bad(`rule ${o.id}: maxPerCopy is malformed`);
    return {
      id: o.id,
      legalBasis: typeof o.legalBasis === 'string' ? o.legalBasis : '',
      effectiveFrom: o.effectiveFrom,
      tiers: o.tiers.map((t) => ({ fromPage: t.fromPage, perPage: t.perPage })),
      ...(o.maxPerCopy !== undefined ? { maxPerCopy: o.maxPerCopy } : {}),
    };
  });
}
