/**
 * The copy as a user sees it, through poppler: the statement text extracted from the statement page equals the
 * template lines, long names wrap without loss, EXIF orientation is honoured. Renders of the statement page are
 * kept in test-output/ for a human to look at.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCopy, renderStatement, type Rect, STATEMENT_LAYOUT } from '../../../core/ecopy';
import { copyFonts, sampleFields, testOutput } from '../../helpers/ecopy';
import { makeJpeg, makePng } from '../../helpers/images';
import { assertTools, run, skipWithout } from '../../helpers/tools';

const dir = join(testOutput, 'ecopy');
const PAGE_HEIGHT = STATEMENT_LAYOUT.pageSize[1];

function save(name: string, pdf: Uint8Array): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return file;
}

/** Text lines of one page, optionally cropped to a rectangle in PDF coordinates (origin bottom-left). */
function pdftotext(file: string, page: number, crop?: Rect): string[] {
  const args = ['-f', String(page), '-l', String(page)];
  if (crop) {
    const top = PAGE_HEIGHT - (crop.y + crop.height);
    args.push('-x', String(Math.floor(crop.x)), '-y', String(Math.floor(top)), '-W', String(Math.ceil(crop.width)), '-H', String(Math.ceil(crop.height)));
  }
  const r = run('pdftotext', [...args, file, '-']);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l !== '');
}

const joined = (lines: string[]): string => lines.join(' ');

/** Decode a binary PPM (P6) as pdftoppm writes it. */
function readPpm(file: string): { width: number; height: number; rgb(x: number, y: number): [number, number, number] } {
  const b = readFileSync(file);
  const header = b.subarray(0, 32).toString('latin1').split(/\s+/);
  const [width, height] = [Number(header[1]), Number(header[2])];
  const start = b.length - width * height * 3;
  return { width, height, rgb: (x, y) => { const i = start + (y * width + x) * 3; return [b[i], b[i + 1], b[i + 2]]; } };
}

/** Which corners of a rendered page are red and blue (see cornerMarks in tests/helpers/images.ts). */
function corners(file: string): { red: string; blue: string } {
  const img = readPpm(file);
  const at = { 'top-left': [0.1, 0.1], 'top-right': [0.9, 0.1], 'bottom-left': [0.1, 0.9], 'bottom-right': [0.9, 0.9] } as const;
  const out = { red: '', blue: '' };
  for (const [name, [fx, fy]] of Object.entries(at)) {
    const [r, g, b] = img.rgb(Math.floor(fx * img.width), Math.floor(fy * img.height));
    if (r > 150 && g < 90 && b < 90) out.red = name;
    if (b > 150 && r < 90 && g < 90) out.blue = name;
  }
  return out;
}

describe.skipIf(skipWithout('pdftotext', 'pdftoppm'))('statement page through poppler', () => {
  beforeAll(() => assertTools('pdftotext', 'pdftoppm'));

  it('extracts exactly the template lines from the statement and certifier areas', async () => {
    const fields = sampleFields();
    const file = save('statement.pdf', await buildCopy([{ bytes: makeJpeg(850, 1100, { dpi: 100 }), name: 'a.jpg' }], fields, copyFonts()));
    const statement = pdftotext(file, 2, STATEMENT_LAYOUT.statement);
    const certifier = pdftotext(file, 2, STATEMENT_LAYOUT.certifierBlock);
    // Statement lines, then the certifier's block whose first line is the place and date.
    const st = renderStatement(fields);
    expect(statement).toEqual(st.statement.slice(0, 2));
    expect(certifier).toEqual([st.statement[2], ...st.certifierBlock]);
    expect(st.lines).toEqual([...st.statement, ...st.certifierBlock]);
    expect(certifier).toEqual(['Hạc Thành, ngày 05 tháng 03 năm 2026', 'NGƯỜI THỰC HIỆN CHỨNG THỰC', 'KT. CHỦ TỊCH, PHÓ CHỦ TỊCH', '(Chữ ký số)', 'Nguyễn Thị Hồng Nhung']);
    expect(pdftotext(file, 2, STATEMENT_LAYOUT.authoritySignature)).toEqual([]); // the seal's place: no label

    const page = pdftotext(file, 2);
    expect(page.slice(0, 2)).toEqual(['ỦY BAN NHÂN DÂN', 'PHƯỜNG HẠC THÀNH']); // the header, Decree 30/2020 style
    // Nothing but the template: no invented labels, no requester, the legal basis in the footer.
    expect(joined(page)).not.toMatch(/Tên bản chính|Người yêu cầu|LỜI CHỨNG|CƠ QUAN CÓ THẨM QUYỀN|Lê Văn Đức/);
    expect(joined(page)).toContain('Lời chứng theo mẫu ban hành kèm theo Nghị định 23/2015/NĐ-CP');

    const r = run('pdftoppm', ['-png', '-r', '80', '-f', '2', '-l', '2', file, join(dir, 'statement')]);
    expect(r.status, r.stderr).toBe(0);
  });

  it('wraps the longest accepted names inside their areas without losing a word', async () => {
    const fields = sampleFields({
      officeUnit: { kind: 'đặc khu', name: 'Côn Đảo Hòn Bà Hòn Cau Hòn Tre Lớn Hòn Trác Hòn Vung', province: 'Hồ Chí Minh' },
      certifierTitle: 'KT. CHỦ TỊCH, PHÓ CHỦ TỊCH THƯỜNG TRỰC ỦY BAN NHÂN DÂN ĐẶC KHU',
      certifier: 'Tôn Nữ Thị Phương Thảo Nguyễn Hoàng Bảo Ngọc Trần Lê Minh Khuê Phạm Đặng Quỳnh Như Hà Giang',
      docName: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất số CS 0123456 do Sở Tài nguyên và Môi trường tỉnh Thanh Hóa cấp ngày 12 tháng 8 năm 2019, kèm theo trang bổ sung số 1 và sơ đồ thửa đất, được đăng ký biến động ngày 3 tháng 4 năm 2024 tại Văn phòng đăng ký đất đai',
      requester: 'Công ty trách nhiệm hữu hạn một thành viên Thương mại và Dịch vụ Xuất nhập khẩu Hồng Phát Đạt',
      certNo: '12345/ĐT',
    });
    // Built twice: the parsed fonts are shared between copies, and the second copy's text must extract as well.
    await buildCopy([{ bytes: makePng(300, 400) }], fields, copyFonts());
    const file = save('statement-long.pdf', await buildCopy([{ bytes: makePng(300, 400) }], fields, copyFonts()));
    const page = joined(pdftotext(file, 2));
    expect(page).not.toContain('…');
    expect(page).toContain('ĐẶC KHU CÔN ĐẢO HÒN BÀ HÒN CAU HÒN TRE LỚN HÒN TRÁC HÒN VUNG');
    expect(joined(pdftotext(file, 2, STATEMENT_LAYOUT.certifierBlock))).toBe(
      `Côn Đảo Hòn Bà Hòn Cau Hòn Tre Lớn Hòn Trác Hòn Vung, ngày 05 tháng 03 năm 2026 NGƯỜI THỰC HIỆN CHỨNG THỰC ${fields.certifierTitle} (Chữ ký số) ${fields.certifier}`,
    );
    expect(pdftotext(file, 2, STATEMENT_LAYOUT.statement)[1]).toBe('Số chứng thực: 12345/ĐT Quyển số: 01/2026-SCT/BS');
    const r = run('pdftoppm', ['-png', '-r', '80', '-f', '2', '-l', '2', file, join(dir, 'statement-long')]);
    expect(r.status, r.stderr).toBe(0);
  });

  it('draws every EXIF orientation upright', async () => {
    const cases = [
      { o: 1, red: 'top-left', blue: 'bottom-right' },
      { o: 3, red: 'bottom-right', blue: 'top-left' },
      { o: 6, red: 'top-right', blue: 'bottom-left' },
      { o: 8, red: 'bottom-left', blue: 'top-right' },
    ];
    const pages = cases.map((c) => ({ bytes: makeJpeg(160, 120, { dpi: 40, orientation: c.o }) }));
    pages.push({ bytes: makePng(160, 120, { dpi: 40, orientation: 6 }) });
    const file = save('orientation.pdf', await buildCopy(pages, sampleFields({ pageCount: pages.length }), copyFonts()));
    const r = run('pdftoppm', ['-r', '20', '-f', '1', '-l', String(pages.length), file, join(dir, 'orientation')]);
    expect(r.status, r.stderr).toBe(0);
    [...cases, { o: 6, red: 'top-right', blue: 'bottom-left' }].forEach((c, i) => {
      expect({ page: i + 1, ...corners(join(dir, `orientation-${i + 1}.ppm`)) }).toEqual({ page: i + 1, red: c.red, blue: c.blue });
    });
  });
});
