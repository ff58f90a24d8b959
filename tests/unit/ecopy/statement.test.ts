import { describe, expect, it } from 'vitest';
import {
  formatBookNo, parseIsoDate, renderStatement, selectStatementTemplate, STATEMENT_TEMPLATES,
} from '../../../core/ecopy/statement';
import { checkOffice, parseOfficeName } from '../../../core/ecopy/office';
import { validateFields } from '../../../core/ecopy/validate-fields';
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
    expect(STATEMENT_TEMPLATES[0].legalBasis).toContain('Nghị định 23/2015/NĐ-CP');
    expect(selectStatementTemplate('2026-03-05').id).toBe('nd23-2015');
    expect(selectStatementTemplate('2019-01-01').id).toBe(STATEMENT_TEMPLATES[0].id);
    const dates = STATEMENT_TEMPLATES.map((t) => t.effectiveFrom);
    expect([...dates].sort()).toEqual(dates);
  });
});

describe('renderStatement', () => {
  it('renders exactly the Decree 23/2015 annex lines (DOMAIN.md), the title line from the data', () => {
    const st = renderStatement(sampleFields({ certifierTitle: 'Công chức Tư pháp - Hộ tịch' }));
    expect(st.lines).toEqual([
      'Chứng thực bản sao đúng với bản chính.',
      'Số chứng thực: 15 Quyển số: 01/2026-SCT/BS',
      'Hạc Thành, ngày 05 tháng 03 năm 2026',
      'NGƯỜI THỰC HIỆN CHỨNG THỰC',
      'CÔNG CHỨC TƯ PHÁP - HỘ TỊCH',
      '(Chữ ký số)',
      'Nguyễn Thị Hồng Nhung',
    ]);
    expect(st.header).toEqual(['ỦY BAN NHÂN DÂN', 'PHƯỜNG HẠC THÀNH']);
    expect(st.officeLine).toBe('Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa');
    expect(st.footer).toContain('Nghị định 23/2015/NĐ-CP');
    expect(renderStatement(sampleFields({ bookNo: '01/2026-SCT/BS' })).lines[1]).toBe('Số chứng thực: 15 Quyển số: 01/2026-SCT/BS');
  });

  it('has no title line when the signer has no title, and no label of its own anywhere', () => {
    const st = renderStatement(sampleFields({ certifierTitle: undefined }));
    expect(st.certifierBlock).toEqual(['NGƯỜI THỰC HIỆN CHỨNG THỰC', '(Chữ ký số)', 'Nguyễn Thị Hồng Nhung']);
    for (const l of st.lines) expect(l).not.toMatch(/Tên bản chính|Người yêu cầu|LỜI CHỨNG|CƠ QUAN CÓ THẨM QUYỀN/);
  });

  it('takes the office as structured data: header, place line and full name from one record', () => {
    const st = renderStatement(sampleFields({ office: '', officeUnit: { kind: 'xã', name: 'Nga Sơn', province: 'Thanh Hóa' }, date: '2026-07-02' }));
    expect(st.header).toEqual(['ỦY BAN NHÂN DÂN', 'XÃ NGA SƠN']);
    expect(st.statement[2]).toBe('Nga Sơn, ngày 02 tháng 07 năm 2026');
    expect(st.officeLine).toBe('Ủy ban nhân dân xã Nga Sơn, tỉnh Thanh Hóa');
    const city = renderStatement(sampleFields({ officeUnit: { kind: 'phường', name: 'Ba Đình', province: 'Hà Nội' } }));
    expect(city.officeLine).toBe('Ủy ban nhân dân phường Ba Đình, thành phố Hà Nội');
    const zone = renderStatement(sampleFields({ officeUnit: { kind: 'đặc khu', name: 'Phú Quốc', province: 'An Giang' } }));
    expect(zone.header[1]).toBe('ĐẶC KHU PHÚ QUỐC');
  });

  it('normalises to NFC and never re-substitutes placeholders in values', () => {
    const decomposed = 'Nguyễn Thị Hồng Nhung'.normalize('NFD');
    const st = renderStatement(sampleFields({ certifier: decomposed, certNo: '{bookNo}' }));
    expect(st.lines[st.lines.length - 1]).toBe('Nguyễn Thị Hồng Nhung');
    expect(st.lines[1]).toBe('Số chứng thực: {bookNo} Quyển số: 01/2026-SCT/BS');
    for (const l of [...st.lines, ...st.header, st.footer]) expect(l).toBe(l.normalize('NFC'));
  });
});

describe('offices (two-level local government since 2025-07-01)', () => {
  it('reads full names back, with "UBND" or "Ủy ban nhân dân"', () => {
    expect(parseOfficeName('UBND phường Hạc Thành, tỉnh Thanh Hóa')).toEqual({ kind: 'phường', name: 'Hạc Thành', province: 'Thanh Hóa' });
    expect(parseOfficeName('Ủy ban nhân dân phường Trường Thi, thành phố Thanh Hóa, tỉnh Thanh Hóa')).toEqual({
      kind: 'phường', name: 'Trường Thi', province: 'Thanh Hóa', district: { kind: 'thành phố', name: 'Thanh Hóa' },
    });
    expect(parseOfficeName('Phòng Tư pháp')).toBeUndefined();
  });

  it('accepts a district level only for copies dated before 2025-07-01', () => {
    const old = { kind: 'phường', name: 'Trường Thi', province: 'Thanh Hóa', district: { kind: 'thành phố', name: 'Thanh Hóa' } } as const;
    expect(checkOffice(old, '2025-06-30').district).toEqual({ kind: 'thành phố', name: 'Thanh Hóa' });
    expect(() => checkOffice(old, '2025-07-01')).toThrow(/districts were abolished/);
    expect(() => checkOffice({ kind: 'huyện', name: 'Nga Sơn', province: 'Thanh Hóa' }, '2026-01-02')).toThrow(/no longer exist/);
    expect(checkOffice({ kind: 'huyện', name: 'Nga Sơn', province: 'Thanh Hóa' }, '2024-05-06').kind).toBe('huyện');
    expect(() => checkOffice({ kind: 'tổ' as never, name: 'X', province: 'Y' }, '2026-01-02')).toThrow(/not xã, phường or đặc khu/);
  });

  it('refuses a copy that names an office that no longer exists', () => {
    const fields = sampleFields({ office: 'UBND phường Trường Thi, thành phố Thanh Hóa, tỉnh Thanh Hóa' });
    expect(() => validateFields(fields, 1)).toThrow(/districts were abolished/);
    expect(validateFields({ ...fields, date: '2025-03-05' }, 1).office).toBe('Ủy ban nhân dân phường Trường Thi, thành phố Thanh Hóa, tỉnh Thanh Hóa');
    expect(() => validateFields(sampleFields({ office: 'Phường Hạc Thành' }), 1)).toThrow(/full name/);
  });
});
