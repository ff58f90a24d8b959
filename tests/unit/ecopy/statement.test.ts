import { describe, expect, it } from 'vitest';
import {
  formatBookNo, parseIsoDate, renderStatement, selectStatementTemplate, STATEMENT_TEMPLATES,
} from '../../../core/ecopy/statement';
import { sampleFields } from '../../helpers/ecopy';

describe('book number', () => {
  it('completes a bare number with the year and SCT/BS', () => {
    expect(formatBookNo('01', 2026)).toBe('01/2026-SCT/BS');
    expect(formatBookNo('1', 2026)).toBe('01/2026-SCT/BS');
    expect(formatBookNo('12', 2025)).toBe('12/2025-SCT/BS');
    expect(formatBookNo('03/2026', 2026)).toBe('03/2026-SCT/BS');
  });

  it('keeps a complete or locally formatted number as written', () => {
    expect(formatBookNo('01/2026-SCT/BS', 2026)).toBe('01/2026-SCT/BS');
    expect(formatBookNo(' 02/2025-SCT/BS ', 2026)).toBe('02/2025-SCT/BS');
    expect(formatBookNo('01/2026 SCT/BS', 2026)).toBe('01/2026 SCT/BS');
    expect(formatBookNo('02/ĐT', 2026)).toBe('02/ĐT');
  });
});

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(parseIsoDate('2026-03-05')).toEqual({ year: 2026, month: 3, day: 5 });
    expect(parseIsoDate('2024-02-29')).toBeDefined();
    for (const bad of ['2026-02-29', '2026-13-01', '2026-3-5', '05/03/2026', '2026-03-05T00:00:00Z', '']) {
      expect(parseIsoDate(bad)).toBeUndefined();
    }
  });
});

describe('templates', () => {
  it('chooses the template in force on the copy date', () => {
    expect(STATEMENT_TEMPLATES[0].legalBasis).toContain('Thông tư 01/2020/TT-BTP');
    expect(selectStatementTemplate('2026-03-05').id).toBe('tt01-2020');
    expect(selectStatementTemplate('2019-01-01').id).toBe(STATEMENT_TEMPLATES[0].id);
    const dates = STATEMENT_TEMPLATES.map((t) => t.effectiveFrom);
    expect([...dates].sort()).toEqual(dates);
  });
});

describe('renderStatement', () => {
  it('renders the DOMAIN.md template without a doubled suffix', () => {
    const st = renderStatement(sampleFields());
    expect(st.lines).toEqual([
      'Chứng thực bản sao đúng với bản chính.',
      'Số chứng thực: 15 Quyển số: 01/2026-SCT/BS',
      'Ngày 05 tháng 03 năm 2026',
      'NGƯỜI THỰC HIỆN CHỨNG THỰC',
      '(Chữ ký số)',
      'Nguyễn Thị Hồng Nhung',
    ]);
    expect(st.officeLine).toBe('UBND phường Trường Thi, thành phố Thanh Hóa, tỉnh Thanh Hóa');
    expect(st.authorityBlock).toEqual(['CƠ QUAN CÓ THẨM QUYỀN', '(Chữ ký số)', 'Ủy ban nhân dân phường Trường Thi']);
    expect(renderStatement(sampleFields({ bookNo: '01/2026-SCT/BS' })).lines[1]).toBe('Số chứng thực: 15 Quyển số: 01/2026-SCT/BS');
  });

  it('falls back to the office as authority', () => {
    const st = renderStatement(sampleFields({ authority: undefined }));
    expect(st.authorityBlock[2]).toBe(st.officeLine);
  });

  it('normalises to NFC and never re-substitutes placeholders in values', () => {
    const decomposed = 'Nguyễn Thị Hồng Nhung'.normalize('NFD');
    const st = renderStatement(sampleFields({ certifier: decomposed, certNo: '{bookNo}' }));
    expect(st.lines[5]).toBe('Nguyễn Thị Hồng Nhung');
    expect(st.lines[5]).toBe(st.lines[5].normalize('NFC'));
    expect(st.lines[1]).toBe('Số chứng thực: {bookNo} Quyển số: 01/2026-SCT/BS');
    for (const l of [...st.lines, ...st.authorityBlock, ...st.title]) expect(l).toBe(l.normalize('NFC'));
  });
});
