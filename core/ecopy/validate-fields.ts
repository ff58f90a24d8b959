/**
 * Check the e-copy fields before anything is rendered: what is signed must be complete, printable on one
 * statement page, and unambiguous (NFC, no control characters). Errors name the field in both languages.
 */
import { SaoyError } from '../errors';
import type { EcopyFields } from './fields';
import { checkOffice, officeDisplayName, parseOfficeName } from './office';
import { parseIsoDate } from './statement';

type TextField = Exclude<keyof EcopyFields, 'pageCount' | 'officeUnit'>;

const LABELS: Record<TextField | 'pageCount' | 'pages', { en: string; vi: string }> = {
  certNo: { en: 'certification number (certNo)', vi: 'Số chứng thực' },
  bookNo: { en: 'book number (bookNo)', vi: 'Quyển số' },
  date: { en: 'certification date (date)', vi: 'Ngày chứng thực' },
  office: { en: 'office (office)', vi: 'Tên cơ quan thực hiện chứng thực' },
  certifier: { en: 'certifier (certifier)', vi: 'Họ tên người thực hiện chứng thực' },
  certifierTitle: { en: "certifier's title (certifierTitle)", vi: 'Chức danh người thực hiện chứng thực' },
  authority: { en: 'competent authority (authority)', vi: 'Tên cơ quan có thẩm quyền' },
  docName: { en: "original's name (docName)", vi: 'Tên bản chính' },
  requester: { en: 'requester (requester)', vi: 'Họ tên người yêu cầu chứng thực' },
  pageCount: { en: 'page count (pageCount)', vi: 'Số trang' },
  pages: { en: 'original page images (pages)', vi: 'Ảnh các trang bản chính' },
};

/** Longest accepted values: everything must fit the fixed areas of the statement page. */
const MAX_CHARS: Record<TextField, number> = {
  certNo: 32, bookNo: 40, date: 10, office: 200, certifier: 100, certifierTitle: 80, authority: 200, docName: 300, requester: 100,
};
const REQUIRED: readonly TextField[] = ['certNo', 'bookNo', 'date', 'office', 'certifier', 'docName'];
const OPTIONAL: readonly TextField[] = ['authority', 'requester', 'certifierTitle'];
export const MAX_PAGES = 100;

export function fieldMissing(field: keyof typeof LABELS): SaoyError {
  const l = LABELS[field];
  return new SaoyError('FIELD_MISSING', `the ${l.en} is missing`, `Chưa nhập ${l.vi}`);
}

export function fieldInvalid(field: keyof typeof LABELS, why: { en: string; vi: string }): SaoyError {
  const l = LABELS[field];
  return new SaoyError('FIELD_INVALID', `the ${l.en} is invalid: ${why.en}`, `${l.vi} không hợp lệ: ${why.vi}`);
}

// C0/C1 controls, line/paragraph separators, bidi overrides: each line of the statement is one line of text.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/;

/** Validated, NFC-normalised, trimmed copy of the fields (pageCount filled from the images when absent). */
export function validateFields(fields: EcopyFields, pageImages: number): EcopyFields {
  if (pageImages < 1) throw fieldMissing('pages');
  if (pageImages > MAX_PAGES) {
    throw fieldInvalid('pages', { en: `${pageImages} pages, at most ${MAX_PAGES}`, vi: `${pageImages} trang, tối đa ${MAX_PAGES} trang` });
  }
  if (typeof fields !== 'object' || fields === null) throw fieldMissing('certNo');
  const out: Partial<EcopyFields> = {};
  // A structured office gives the full name; otherwise the full name given must be readable as one.
  const given = fields.officeUnit ? { ...fields, office: officeDisplayName(fields.officeUnit) } : fields;
  for (const k of [...REQUIRED, ...OPTIONAL]) {
    const raw: unknown = given[k];
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      if (REQUIRED.includes(k)) throw fieldMissing(k);
      continue;
    }
    if (typeof raw !== 'string') throw fieldInvalid(k, { en: 'not text', vi: 'không phải văn bản' });
    const v = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
    if (FORBIDDEN.test(v)) {
      throw fieldInvalid(k, { en: 'it contains control characters', vi: 'chứa ký tự điều khiển' });
    }
    if ([...v].length > MAX_CHARS[k]) {
      throw fieldInvalid(k, { en: `longer than ${MAX_CHARS[k]} characters`, vi: `dài quá ${MAX_CHARS[k]} ký tự` });
    }
    out[k] = v;
  }
  if (!parseIsoDate(out.date as string)) {
    throw fieldInvalid('date', { en: 'expected a calendar date YYYY-MM-DD', vi: 'cần một ngày có thật dạng YYYY-MM-DD' });
  }
  const unit = fields.officeUnit ?? parseOfficeName(out.office as string);
  if (!unit) {
    throw fieldInvalid('office', {
      en: 'expected the full name, e.g. "Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa"',
      vi: 'cần tên đầy đủ, ví dụ "Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa"',
    });
  }
  out.officeUnit = checkOffice(unit, out.date as string);
  out.office = officeDisplayName(out.officeUnit);
  const pc: unknown = fields.pageCount;
  if (pc === undefined || pc === null) out.pageCount = pageImages;
  else if (pc !== pageImages) {
    throw fieldInvalid('pageCount', {
      en: `${String(pc)} does not match the ${pageImages} page images`,
      vi: `${String(pc)} không khớp với ${pageImages} ảnh trang`,
    });
  } else out.pageCount = pageImages;
  return out as EcopyFields;
}

/** Every character must exist in the statement font, or the signed page would show empty boxes. */
export function checkPrintable(fields: EcopyFields, hasGlyph: (codePoint: number) => boolean): void {
  for (const k of [...REQUIRED, ...OPTIONAL]) {
    const v = fields[k];
    if (typeof v !== 'string') continue;
    const missing = [...new Set([...v].filter((ch) => ch !== ' ' && !hasGlyph(ch.codePointAt(0) ?? 0)))];
    if (missing.length) {
      const list = missing.slice(0, 5).join(' ');
      throw fieldInvalid(k, {
        en: `it contains characters that cannot be printed: ${list}`,
        vi: `chứa ký tự không in được: ${list}`,
      });
    }
  }
}
