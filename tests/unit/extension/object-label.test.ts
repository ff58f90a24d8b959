/**
 * Issue 12: the Vietnamese report showed core's English object names in a signature's change list ("object 13
 * (signature field …)"). Every name core/verify/diff/roles.ts and context.ts write, and the names in real core
 * output for the demo portal's copies (valid, and one whose page content was replaced after signing), read in
 * Vietnamese; English stays as core wrote it (the CLI's language).
 */
import { describe, expect, it } from 'vitest';
import { loadCopyFonts } from '../../../cli/fonts';
import { verifyPdf } from '../../../core/verify/index';
import { pemBlocks } from '../../../core/pki/pem';
import { makePortalFixtures } from '../../../demo-portal/fixtures';
import { objectLabel, signatureFieldLabel } from '../../../extension/ui/report/object-label';
import { makeJpeg } from '../../helpers/images';

/** English words core uses in object names; PDF names (/AcroForm, /Catalog) are left out before looking. */
const ENGLISH = /\b(object|field|page|signature|widget|content|annotation|document|dictionary|information|metadata|unnamed|list|of|tree|node|form|no)\b/i;
const english = (s: string) => ENGLISH.test(s.replace(/\/[A-Za-z]+/g, '').replace(/"[^"]*"/g, ''));

describe('object names in the Vietnamese report', () => {
  it('reads every name core writes in Vietnamese, keeping numbers and field names', () => {
    const cases: [string, string][] = [
      ['object 7', 'đối tượng 7'],
      ['object 1 (document catalog)', 'đối tượng 1 (danh mục gốc của tài liệu (/Catalog))'],
      ['object 9 (form dictionary (/AcroForm))', 'đối tượng 9 (từ điển biểu mẫu (/AcroForm))'],
      ['object 3 (document information dictionary)', 'đối tượng 3 (từ điển thông tin tài liệu (/Info))'],
      ['object 4 (XMP metadata)', 'đối tượng 4 (siêu dữ liệu XMP)'],
      ['object 2 (page tree node)', 'đối tượng 2 (nút của cây trang)'],
      ['object 5 (page 1)', 'đối tượng 5 (trang 1)'],
      ['object 6 (annotation list of page 2)', 'đối tượng 6 (danh sách chú thích của trang 2)'],
      ['object 8 (content of page 1)', 'đối tượng 8 (nội dung trang 1)'],
      ['object 13 (signature field "saoy_authority")', 'đối tượng 13 (ô chữ ký "saoy_authority")'],
      ['object 14 (form field "Họ tên")', 'đối tượng 14 (ô biểu mẫu "Họ tên")'],
      ['object 15 (widget of signature field "Sig (2)")', 'đối tượng 15 (hình hiển thị của ô chữ ký "Sig (2)")'],
      ['object 16 (widget of field (unnamed))', 'đối tượng 16 (hình hiển thị của ô (không tên))'],
    ];
    for (const [en, vi] of cases) {
      expect(objectLabel(en, 'vi')).toBe(vi);
      expect(objectLabel(en, 'en')).toBe(en);
      expect(english(vi)).toBe(false);
    }
    expect(signatureFieldLabel('(signature object 12, no field)', 'vi')).toBe('(đối tượng chữ ký 12, không gắn với ô chữ ký nào)');
    expect(signatureFieldLabel('(signature object 12, no field)', 'en')).toBe('(signature object 12, no field)');
    expect(signatureFieldLabel('saoy_certifier', 'vi')).toBe('saoy_certifier');
    // Something core does not write is kept, never dropped or half-translated.
    expect(objectLabel('xref stream', 'vi')).toBe('xref stream');
  });

  it('real core output for the demo copies has no English left once localised', async () => {
    const fx = await makePortalFixtures({ original: makeJpeg(400, 560, { dpi: 100, quality: 80 }), fonts: await loadCopyFonts(), closedPort: 1 });
    const root = pemBlocks(fx.rootPem, 'CERTIFICATE')[0];
    const labels: string[] = [];
    for (const name of ['ban-sao-can-cuoc-18.pdf', 'ban-sao-bang-tot-nghiep-15.pdf']) {
      const file = [...fx.files.entries()].find(([path]) => path.endsWith(name))?.[1];
      expect(file, name).toBeDefined();
      const report = await verifyPdf(file?.body as Uint8Array, { trustAnchors: [root] } as unknown as Parameters<typeof verifyPdf>[1]);
      for (const s of report.signatures) labels.push(...s.modifications.map((m) => m.object));
    }
    // Both shapes occur: a bare object (the replaced content) and one named by its role (the authority's field).
    expect(labels).toContain('object 5');
    expect(labels.some((l) => /^object \d+ \(signature field "saoy_authority"\)$/.test(l))).toBe(true);
    for (const l of labels) {
      expect(english(objectLabel(l, 'vi')), `${l} → ${objectLabel(l, 'vi')}`).toBe(false);
      expect(objectLabel(l, 'vi')).toMatch(/^đối tượng \d+/);
    }
  }, 120_000);
});
