/**
 * The certification statement (lời chứng) as versioned data. The wording is set by law and changes with it
 * (Decree 07/2025, Decree 280/2025 bring new templates), so each template carries its legal basis and the date
 * it takes effect, and a copy is always rendered with the template in force on the copy's own date.
 */
import type { EcopyFields } from './fields';
import { type Office, officeDisplayName, officeHeader, officePlace, parseOfficeName } from './office';

export interface StatementTemplate {
  id: string;
  /** Legal instruments the wording comes from, named in the page's footer. */
  legalBasis: readonly string[];
  /** ISO date from which this wording applies (inclusive). */
  effectiveFrom: string;
  /** The statement proper. Placeholders: {certNo} {bookNo} {place} {dd} {mm} {yyyy}. */
  statement: readonly string[];
  /** The certifier's block: heading, {title} (dropped when the signer has none), note, {certifier}. */
  certifierBlock: readonly string[];
  /** Footer line citing where the template comes from. */
  footer: string;
  /** How a bare book number ("01") or "01/2026" is completed: placeholders {book} {yyyy}. */
  bookNoPattern: string;
  /** The suffix a complete book number ends with; a number already ending with it is kept as the user wrote it. */
  bookNoSuffix: string;
}

/**
 * The lời chứng of a copy certified from the original, as annexed to Decree 23/2015/ND-CP (Art. 12(2)); Circular
 * 01/2020 only adds other templates. Electronically the last line "(Ký, ghi rõ họ tên và đóng dấu)" becomes
 * "(Chữ ký số)": the certifier's and the office's digital signatures, drawn in their own widgets.
 */
const ND23_2015: StatementTemplate = {
  id: 'nd23-2015',
  legalBasis: ['Nghị định 23/2015/NĐ-CP', 'Nghị định 45/2020/NĐ-CP'],
  effectiveFrom: '2015-04-10',
  statement: [
    'Chứng thực bản sao đúng với bản chính.',
    'Số chứng thực: {certNo} Quyển số: {bookNo}',
    '{place}, ngày {dd} tháng {mm} năm {yyyy}',
  ],
  certifierBlock: ['NGƯỜI THỰC HIỆN CHỨNG THỰC', '{title}', '(Chữ ký số)', '{certifier}'],
  footer: 'Lời chứng theo mẫu ban hành kèm theo Nghị định 23/2015/NĐ-CP; bản sao điện tử theo Nghị định 45/2020/NĐ-CP.',
  bookNoPattern: '{book}/{yyyy}-SCT/BS',
  bookNoSuffix: 'SCT/BS',
};

/** Oldest first. Add a template when a new one takes effect; never edit one already used for signed copies. */
export const STATEMENT_TEMPLATES: readonly StatementTemplate[] = [ND23_2015];

export interface IsoDate {
  year: number;
  month: number;
  day: number;
}

/** Strict `YYYY-MM-DD` with a real calendar day; undefined otherwise. */
export function parseIsoDate(s: string): IsoDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days ? { year, month, day } : undefined;
}

/** The template in force on `date` (ISO); dates before the oldest template get the oldest. */
export function selectStatementTemplate(date: string): StatementTemplate {
  let chosen = STATEMENT_TEMPLATES[0];
  for (const t of STATEMENT_TEMPLATES) if (t.effectiveFrom <= date) chosen = t;
  return chosen;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * "01" → "01/2026-SCT/BS", "01/2026" → "01/2026-SCT/BS"; anything already ending with the suffix, or a
 * locally configured form such as "02/ĐT", is kept as written (books are numbered by each office).
 */
export function formatBookNo(bookNo: string, year: number, template: StatementTemplate = ND23_2015): string {
  const b = bookNo.normalize('NFC').trim();
  const fill = (book: string, yyyy: string): string =>
    template.bookNoPattern.replace('{book}', book).replace('{yyyy}', yyyy);
  if (/^\d{1,4}$/.test(b)) return fill(b.length === 1 ? pad2(Number(b)) : b, String(year));
  const withYear = /^(\d{1,4})\/(\d{4})$/.exec(b);
  if (withYear) return fill(withYear[1], withYear[2]);
  return b;
}

export type StatementInput = Pick<EcopyFields, 'certNo' | 'bookNo' | 'date' | 'office' | 'certifier' | 'certifierTitle' | 'officeUnit'>;

export interface RenderedStatement {
  templateId: string;
  legalBasis: readonly string[];
  /** "ỦY BAN NHÂN DÂN" over "PHƯỜNG HẠC THÀNH". */
  header: readonly [string, string];
  /** The lời chứng in template order: statement lines then the certifier block. */
  lines: string[];
  /** Statement lines, the last one being the place and date. */
  statement: string[];
  /** Heading, title (when the signer has one), note, name. */
  certifierBlock: string[];
  /** The office's full name, e.g. "Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa". */
  officeLine: string;
  footer: string;
  bookNo: string;
}

/** The office of the fields: the structured one, else read back from its display name. */
export function officeOf(f: Pick<EcopyFields, 'office' | 'officeUnit'>): Office | undefined {
  return f.officeUnit ?? parseOfficeName(f.office);
}

/** Fill the template in force on the copy's date. All text NFC (precomposed Vietnamese, one glyph per letter). */
export function renderStatement(f: StatementInput): RenderedStatement {
  const nfc = (s: string): string => s.normalize('NFC').trim();
  const date = parseIsoDate(f.date);
  if (!date) throw new RangeError(`invalid ISO date: ${f.date}`);
  const office = officeOf(f);
  if (!office) throw new RangeError(`office not structured: ${f.office}`);
  const t = selectStatementTemplate(f.date);
  const bookNo = formatBookNo(f.bookNo, date.year, t);
  const values: Record<string, string> = {
    certNo: nfc(f.certNo),
    bookNo,
    place: officePlace(office),
    dd: pad2(date.day),
    mm: pad2(date.month),
    yyyy: String(date.year),
    certifier: nfc(f.certifier),
    title: f.certifierTitle ? nfc(f.certifierTitle).toLocaleUpperCase('vi') : '',
  };
  // One pass over each template line, so a value containing "{...}" is never substituted again.
  const fill = (line: string): string =>
    line.replace(/\{([a-zA-Z]+)\}/g, (whole, key: string) => values[key] ?? whole).normalize('NFC');
  const statement = t.statement.map(fill);
  const certifierBlock = t.certifierBlock.map(fill).filter((line) => line !== '');
  return {
    templateId: t.id,
    legalBasis: t.legalBasis,
    header: officeHeader(office),
    lines: [...statement, ...certifierBlock],
    statement,
    certifierBlock,
    officeLine: officeDisplayName(office),
    footer: t.footer,
    bookNo,
  };
}
