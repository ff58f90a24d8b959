import { describe, expect, it } from 'vitest';
import { foldVietnamese, leadingNumber, matchesText } from '../../../core/book/search';

describe('Vietnamese search', () => {
  it('folds diacritics, đ and case', () => {
    expect(foldVietnamese('Nguyễn Văn A')).toBe('nguyen van a');
    expect(foldVietnamese('ĐẶNG  Thị   Đào')).toBe('dang thi dao');
    // NFD input (as some keyboards and PDFs produce) folds the same way.
    expect(foldVietnamese('Nguyễn'.normalize('NFD'))).toBe('nguyen');
  });

  it('matches every word of the query in any order', () => {
    expect(matchesText('Nguyễn Văn A', 'nguyen van a')).toBe(true);
    expect(matchesText('Nguyễn Văn A', 'VĂN nguyễn')).toBe(true);
    expect(matchesText('Nguyễn Văn A', 'nguyen van b')).toBe(false);
    expect(matchesText('Bằng tốt nghiệp đại học', 'bang dai hoc')).toBe(true);
  });

  it('reads the number of a certification number', () => {
    expect(leadingNumber('15/ĐT')).toBe(15);
    expect(leadingNumber('007')).toBe(7);
    expect(leadingNumber('ĐT')).toBeNaN();
  });
});
