import { describe, expect, it } from 'vitest';
import { computeFee, DEFAULT_FEE_RULES, parseFeeRules, selectFeeRule, TT226_2016, type FeeRule } from '../../../core/book/fee';

describe('fee (Circular 226/2016/TT-BTC)', () => {
  it.each([
    [1, 1, 2_000],
    [2, 1, 4_000],
    [3, 1, 5_000],
    [10, 1, 12_000],
    [196, 1, 198_000],
    [198, 1, 200_000],
    [500, 1, 200_000],
    [1, 3, 6_000],
    [3, 2, 10_000],
    [10, 5, 60_000],
    [500, 4, 800_000],
  ])('%i page(s) × %i copies = %i VND', (pages, copies, total) => {
    const fee = computeFee(TT226_2016, pages, copies);
    expect(fee.total).toBe(total);
    expect(fee.perCopy * copies).toBe(total);
    expect(fee.ruleId).toBe('tt226-2016');
  });

  it('rejects nonsense counts', () => {
    expect(() => computeFee(TT226_2016, 0)).toThrow(RangeError);
    expect(() => computeFee(TT226_2016, 2, 0)).toThrow(RangeError);
    expect(() => computeFee(TT226_2016, 1.5)).toThrow(RangeError);
  });

  it('chooses the rule in force on the date', () => {
    const later: FeeRule = { id: 'new-2027', legalBasis: 'Thông tư mới', effectiveFrom: '2027-01-01', tiers: [{ fromPage: 1, perPage: 3000 }], maxPerCopy: 300_000 };
    const rules = [...DEFAULT_FEE_RULES, later];
    expect(selectFeeRule(rules, '2026-12-31')?.id).toBe('tt226-2016');
    expect(selectFeeRule(rules, '2027-01-01')?.id).toBe('new-2027');
    expect(selectFeeRule(rules, '2010-01-01')).toBeUndefined();
    expect(computeFee(later, 3).total).toBe(9_000);
  });

  it('validates rules read from settings', () => {
    expect(parseFeeRules(JSON.parse(JSON.stringify(DEFAULT_FEE_RULES)))).toEqual(DEFAULT_FEE_RULES);
    expect(() => parseFeeRules([])).toThrow(/fee rules/);
    expect(() => parseFeeRules([{ id: 'x', effectiveFrom: '2026-01-01', tiers: [{ fromPage: 2, perPage: 1 }] }])).toThrow(/page 1/);
    expect(() => parseFeeRules([{ id: 'x', effectiveFrom: 'soon', tiers: [{ fromPage: 1, perPage: 1 }] }])).toThrow(/ISO/);
    expect(() => parseFeeRules([{ id: 'x', effectiveFrom: '2026-01-01', tiers: [{ fromPage: 1, perPage: -1 }] }])).toThrow(/malformed/);
  });
});
