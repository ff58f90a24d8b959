import { describe, expect, it } from 'vitest';
import { normalizeDraft } from '../../../core/book/draft';
import { TT226_2016, type FeeRule } from '../../../core/book/fee';
import type { EntryDraft } from '../../../core/book/types';
import { SaoyError } from '../../../core/errors';

const base: EntryDraft = {
  date: '2026-03-10', requester: 'Nguyễn Văn An', docName: 'Giấy khai sinh', signerName: 'Lê Thị Bình',
  signerTitle: 'Phó Chủ tịch', pages: 3,
};

function refusal(draft: Partial<EntryDraft> & Record<string, unknown>, rules: readonly FeeRule[] = [TT226_2016]): SaoyError {
  try {
    normalizeDraft({ ...base, ...draft } as EntryDraft, rules);
  } catch (e) {
    expect(e).toBeInstanceOf(SaoyError);
    return e as SaoyError;
  }
  throw new Error('accepted');
}

describe('normalizeDraft', () => {
  it('round trip: trims and NFC-normalises the texts, defaults copies to 1, computes the fee from the rule in force', () => {
    const d = normalizeDraft({ ...base, requester: '  Nguye\u0302\u0303n Văn An \n', note: ' gấp ' }, [TT226_2016]);
    expect(d).toEqual({
      date: '2026-03-10', requester: 'Nguyễn Văn An', docName: 'Giấy khai sinh', signerName: 'Lê Thị Bình',
      signerTitle: 'Phó Chủ tịch', copies: 1, pages: 3, fee: 5000, feeRuleId: 'tt226-2016', note: 'gấp',
    });
    expect(d.requester).toBe('Nguyễn Văn An'.normalize('NFC'));
  });

  it('multiplies by the copies and takes a manual fee as given (0 included)', () => {
    expect(normalizeDraft({ ...base, copies: 3 }, [TT226_2016])).toMatchObject({ copies: 3, fee: 15000, feeRuleId: 'tt226-2016' });
    expect(normalizeDraft({ ...base, fee: 0 }, [])).toMatchObject({ fee: 0, feeRuleId: 'manual' });
    expect(normalizeDraft({ ...base, fee: 7000 }, [TT226_2016])).toMatchObject({ fee: 7000, feeRuleId: 'manual' });
  });

  it('optional texts may be missing or empty; note and title become ""', () => {
    const d = normalizeDraft({ ...base, signerTitle: undefined as unknown as string, note: undefined }, [TT226_2016]);
    expect(d.signerTitle).toBe('');
    expect(d.note).toBe('');
  });

  it('refuses bad dates in both languages', () => {
    // An array whose text is a valid date (JSON can carry one) is not a date either.
    for (const date of ['2026-02-30', '10/03/2026', '', 20260310, ['2026-03-10']]) {
      const e = refusal({ date: date as string });
      expect(e.code).toBe('BOOK_DRAFT_INVALID');
      expect(e.message).toBe(`the date "${String(date)}" is not a valid YYYY-MM-DD date`);
      expect(e.vi).toBe(`Ngày chứng thực "${String(date)}" không hợp lệ`);
    }
  });

  it('refuses counts outside 1..100000 or not whole, and accepts the bounds', () => {
    for (const pages of [0, -1, 1.5, 100_001, Number.NaN, '3']) {
      const e = refusal({ pages: pages as number });
      expect(e.message).toBe('the number of pages must be a whole number from 1 to 100000');
      expect(e.vi).toBe('Số trang phải là số nguyên từ 1 đến 100000');
    }
    expect(refusal({ copies: 0 }).message).toBe('the number of copies must be a whole number from 1 to 100000');
    expect(refusal({ copies: 0 }).vi).toBe('Số bản sao phải là số nguyên từ 1 đến 100000');
    expect(normalizeDraft({ ...base, pages: 1, copies: 100_000, fee: 1 }, []).copies).toBe(100_000);
    expect(normalizeDraft({ ...base, pages: 100_000, fee: 1 }, []).pages).toBe(100_000);
  });

  it('refuses a negative or fractional manual fee', () => {
    for (const fee of [-1, 1.5, Number.POSITIVE_INFINITY]) {
      const e = refusal({ fee });
      expect(e.message).toBe('the fee must be a whole number of VND');
      expect(e.vi).toBe('Lệ phí phải là số đồng nguyên, không âm');
    }
  });

  it('refuses a date before every fee rule when no fee is given', () => {
    const e = refusal({ date: '2016-12-31' });
    expect(e.message).toBe('no fee rule is in force on 2016-12-31');
    expect(e.vi).toBe('Không có biểu lệ phí áp dụng cho ngày 2016-12-31');
  });

  it('refuses empty required texts and texts over 1000 characters, naming the field', () => {
    const cases: [keyof EntryDraft, string, string][] = [
      ['requester', "the requester's name", 'họ tên người yêu cầu chứng thực'],
      ['docName', "the original's name", 'tên của bản chính giấy tờ, văn bản'],
      ['signerName', "the signer's name", 'họ tên người ký chứng thực'],
    ];
    for (const [field, en, vi] of cases) {
      for (const empty of ['', '  \n', undefined, 42]) {
        const e = refusal({ [field]: empty });
        expect(e.message).toBe(`${en} is empty`);
        expect(e.vi).toBe(`Chưa nhập ${vi}`);
      }
      const long = refusal({ [field]: 'a'.repeat(1001) });
      expect(long.message).toBe(`${en} is longer than 1000 characters`);
      expect(long.vi).toBe(`${vi} dài quá 1000 ký tự`);
      expect(normalizeDraft({ ...base, [field]: ` ${'a'.repeat(1000)} ` }, [TT226_2016])[field]).toBe('a'.repeat(1000));
    }
    expect(refusal({ note: 'x'.repeat(1001) })).toMatchObject({ message: 'the note is longer than 1000 characters', vi: 'ghi chú dài quá 1000 ký tự' });
    expect(refusal({ signerTitle: 'x'.repeat(1001) })).toMatchObject({ message: "the signer's title is longer than 1000 characters", vi: 'chức danh người ký chứng thực dài quá 1000 ký tự' });
  });
});
