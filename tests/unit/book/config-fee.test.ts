import { describe, expect, it } from 'vitest';
import { newBookState, normalizeBookInput, type OpenBookInput } from '../../../core/book/config';
import { computeFee, parseFeeRules, selectFeeRule, type FeeRule } from '../../../core/book/fee';
import { genesisHash } from '../../../core/book/hash';
import { DEFAULT_SERIES } from '../../../core/book/numbering';
import { SaoyError } from '../../../core/errors';

const input: OpenBookInput = { office: ' UBND phường Hạc Thành ', year: 2026, bookNo: ' 01/2026-SCT/BS ', openedOn: '2026-01-02' };

function refused(over: Partial<OpenBookInput> & Record<string, unknown>): SaoyError {
  try {
    normalizeBookInput({ ...input, ...over } as OpenBookInput);
  } catch (e) {
    expect(e).toBeInstanceOf(SaoyError);
    expect((e as SaoyError).code).toBe('BOOK_INVALID');
    return e as SaoyError;
  }
  throw new Error('accepted');
}

describe('book config', () => {
  it('trims, NFC-normalises and fills the defaults', () => {
    expect(normalizeBookInput({ ...input, office: 'Ho\u0302\u0300 Chí Minh' })).toEqual({
      office: 'Hồ Chí Minh', year: 2026, bookNo: '01/2026-SCT/BS', series: DEFAULT_SERIES, numberSuffix: '', numberDigits: 2, openedOn: '2026-01-02',
    });
    expect(normalizeBookInput({ ...input, series: ' SCT/BS-ĐT ', numberSuffix: ' /ĐT ', numberDigits: 3 })).toMatchObject({ series: 'SCT/BS-ĐT', numberSuffix: '/ĐT', numberDigits: 3 });
    expect(normalizeBookInput({ ...input, series: '  ' }).series).toBe(DEFAULT_SERIES);
  });

  it('refuses each bad field with its own message in both languages', () => {
    expect(refused({ office: '  ' })).toMatchObject({ message: "the office's name is empty", vi: 'Chưa nhập tên cơ quan' });
    expect(refused({ office: 5 as unknown as string })).toMatchObject({ message: "the office's name is empty" });
    expect(refused({ bookNo: '' })).toMatchObject({ message: 'the book number is empty', vi: 'Chưa nhập quyển số' });
    for (const year of [1999, 10000, 2026.5]) expect(refused({ year })).toMatchObject({ message: `the year ${year} is not valid`, vi: `Năm ${year} không hợp lệ` });
    expect(normalizeBookInput({ ...input, year: 2000 }).year).toBe(2000);
    expect(normalizeBookInput({ ...input, year: 9999 }).year).toBe(9999);
    expect(refused({ openedOn: '2026-02-30' })).toMatchObject({ message: 'the opening date 2026-02-30 is not valid', vi: 'Ngày mở sổ 2026-02-30 không hợp lệ' });
    for (const numberDigits of [0, 10, 1.5]) expect(refused({ numberDigits })).toMatchObject({ message: 'numberDigits must be 1 to 9', vi: 'Số chữ số của số chứng thực phải từ 1 đến 9' });
    expect(normalizeBookInput({ ...input, numberDigits: 1 }).numberDigits).toBe(1);
    expect(normalizeBookInput({ ...input, numberDigits: 9 }).numberDigits).toBe(9);
  });

  it('a new book: config from the input and plan, genesis hash over the config, empty head', () => {
    const s = newBookState('id-1', input, { firstNumber: 1 });
    expect(s.config).toEqual({
      id: 'id-1', office: 'UBND phường Hạc Thành', year: 2026, bookNo: '01/2026-SCT/BS', series: DEFAULT_SERIES, numberSuffix: '',
      numberDigits: 2, firstNumber: 1, columnsTemplateId: s.config.columnsTemplateId, openedOn: '2026-01-02',
    });
    expect(s.config.columnsTemplateId).not.toBe('');
    expect(s.genesisHash).toBe(genesisHash(s.config));
    expect(s.head).toEqual({ seq: 0, hash: s.genesisHash, lastNumber: 0, openReservations: [], closed: false });
    expect('previous' in s.config).toBe(false);
  });

  it('a continuing book links the previous one as it was closed', () => {
    const prev = newBookState('id-1', input, { firstNumber: 1 });
    const closedPrev = { ...prev, head: { ...prev.head, lastNumber: 37, hash: 'ff'.repeat(32) } };
    const s = newBookState('id-2', { ...input, bookNo: '02/2026-SCT/BS' }, { firstNumber: 38, continues: closedPrev });
    expect(s.config.previous).toEqual({ bookId: 'id-1', bookNo: '01/2026-SCT/BS', lastNumber: 37, headHash: 'ff'.repeat(32) });
    expect(s.config.firstNumber).toBe(38);
    expect(s.head.lastNumber).toBe(37);
    expect(s.genesisHash).not.toBe(genesisHash({ ...s.config, previous: undefined }));
  });
});

describe('fee details', () => {
  const rule: FeeRule = { id: 'r', legalBasis: 'L', effectiveFrom: '2026-01-01', tiers: [{ fromPage: 1, perPage: 5 }, { fromPage: 4, perPage: 3 }] };

  it('tier boundaries: the last page of a tier and the first of the next; no cap when none is set', () => {
    expect(computeFee(rule, 3).perCopy).toBe(15);
    expect(computeFee(rule, 4).perCopy).toBe(18);
    expect(computeFee(rule, 100_000, 2)).toEqual({ perCopy: 15 + 99_997 * 3, total: 2 * (15 + 99_997 * 3), ruleId: 'r' });
    expect(computeFee(rule, 1)).toEqual({ perCopy: 5, total: 5, ruleId: 'r' });
    expect(computeFee({ ...rule, maxPerCopy: 16 }, 3).perCopy).toBe(15);
    expect(computeFee({ ...rule, maxPerCopy: 16 }, 4).perCopy).toBe(16);
    expect(computeFee({ ...rule, maxPerCopy: 0 }, 4).perCopy).toBe(0);
  });

  it('refuses counts with a message naming the value', () => {
    expect(() => computeFee(rule, -2)).toThrow('pages must be a positive integer, got -2');
    expect(() => computeFee(rule, 2, 1.5)).toThrow('copies must be a positive integer, got 1.5');
    expect(() => computeFee(rule, 2, -1)).toThrow(RangeError);
    expect(() => computeFee(rule, Number.NaN)).toThrow(RangeError);
  });

  it('selects the latest rule already in force, whatever the order of the list; the start date is inclusive', () => {
    const a = { ...rule, id: 'a', effectiveFrom: '2020-01-01' };
    const b = { ...rule, id: 'b', effectiveFrom: '2024-01-01' };
    const c = { ...rule, id: 'c', effectiveFrom: '2028-01-01' };
    expect(selectFeeRule([b, a, c], '2025-06-01')?.id).toBe('b');
    expect(selectFeeRule([a, b, c], '2025-06-01')?.id).toBe('b');
    expect(selectFeeRule([c, b, a], '2024-01-01')?.id).toBe('b');
    expect(selectFeeRule([c, b, a], '2023-12-31')?.id).toBe('a');
    expect(selectFeeRule([a, { ...a, id: 'a2' }], '2021-01-01')?.id).toBe('a2');
    expect(selectFeeRule([], '2021-01-01')).toBeUndefined();
  });

  it('parses rules: copies only the known fields, keeps the cap, empties a missing legal basis', () => {
    const parsed = parseFeeRules([{ id: 'x', effectiveFrom: '2026-01-01', tiers: [{ fromPage: 1, perPage: 0, extra: 1 }, { fromPage: 3, perPage: 7 }], maxPerCopy: 0, junk: true }]);
    expect(parsed).toEqual([{ id: 'x', legalBasis: '', effectiveFrom: '2026-01-01', tiers: [{ fromPage: 1, perPage: 0 }, { fromPage: 3, perPage: 7 }], maxPerCopy: 0 }]);
    const noCap = parseFeeRules([{ id: 'y', legalBasis: 'TT', effectiveFrom: '2026-01-01', tiers: [{ fromPage: 1, perPage: 1 }] }]);
    expect(noCap).toEqual([{ id: 'y', legalBasis: 'TT', effectiveFrom: '2026-01-01', tiers: [{ fromPage: 1, perPage: 1 }] }]);
    expect('maxPerCopy' in noCap[0]).toBe(false);
  });

  it('refuses each malformed rule with its reason', () => {
    const t = [{ fromPage: 1, perPage: 1 }];
    const msg = (v: unknown) => {
      try {
        parseFeeRules(v);
      } catch (e) {
        expect((e as SaoyError).code).toBe('FEE_RULES_INVALID');
        expect((e as SaoyError).vi).toMatch(/^Biểu lệ phí trong cài đặt không hợp lệ: /);
        return (e as Error).message.replace('the fee rules in settings are invalid: ', '');
      }
      return 'accepted';
    };
    expect(msg('x')).toBe('not a non-empty list');
    expect(msg([])).toBe('not a non-empty list');
    expect(msg([null])).toBe('rule 1 has no id');
    expect(msg([{ id: 'a', effectiveFrom: '2026-01-01', tiers: t }, { id: '', effectiveFrom: '2026-01-01', tiers: t }])).toBe('rule 2 has no id');
    expect(msg([{ id: 7, effectiveFrom: '2026-01-01', tiers: t }])).toBe('rule 1 has no id');
    expect(msg([{ id: 'a', effectiveFrom: 20260101, tiers: t }])).toBe('rule a: effectiveFrom is not an ISO date');
    expect(msg([{ id: 'a', effectiveFrom: '2026-01-01', tiers: [] }])).toBe('rule a: tiers must start at page 1');
    expect(msg([{ id: 'a', effectiveFrom: '2026-01-01', tiers: [null] }])).toBe('rule a: tiers must start at page 1');
    // Settings are user-editable JSON: an array whose text is a date, or an object shaped like an array, is refused.
    expect(msg([{ id: 'a', effectiveFrom: ['2026-01-01'], tiers: t }])).toBe('rule a: effectiveFrom is not an ISO date');
    expect(msg([{ id: 'a', effectiveFrom: '2026-01-01', tiers: { 0: { fromPage: 1, perPage: 1 }, length: 1 } }])).toBe('rule a: tiers must start at page 1');
    expect(msg([{ id: 'a', effectiveFrom: '2026-01-01', tiers: 'x' }])).toBe('rule a: tiers must start at page 1');
    expect(msg([{ id: 'a', effectiveFrom: '2026-01-01', tiers: [{ fromPage: 1, perPage: 1.5 }] }])).toBe('rule a: tier 1 is malformed');
    expect(msg([{ id: 'a', effectiveFrom: '2026-01-01', tiers: [{ fromPage: 1, perPage: '1' }] }])).toBe('rule a: tier 1 is malformed');
    expect(msg([{ id: 'a', effectiveFrom: '2026-01-01', tiers: [...t, { fromPage: 2.5, perPage: 1 }] }])).toBe('rule a: tier 2 is malformed');
    expect(msg([{ id: 'a', effectiveFrom: '2026-01-01', tiers: [...t, null] }])).toBe('rule a: tier 2 is malformed');
    expect(msg([{ id: 'a', effectiveFrom: '2026-01-01', tiers: [...t, { fromPage: 1, perPage: 1 }] }])).toBe('rule a: tiers are not ascending');
    expect(msg([{ id: 'a', effectiveFrom: '2026-01-01', tiers: [...t, { fromPage: 3, perPage: 1 }, { fromPage: 2, perPage: 1 }] }])).toBe('rule a: tiers are not ascending');
    expect(msg([{ id: 'a', effectiveFrom: '2026-01-01', tiers: t, maxPerCopy: -1 }])).toBe('rule a: maxPerCopy is malformed');
    expect(msg([{ id: 'a', effectiveFrom: '2026-01-01', tiers: t, maxPerCopy: 2 }])).toBe('accepted');
  });
});
