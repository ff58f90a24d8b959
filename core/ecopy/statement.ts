/**
 * The certification statement (lời chứng) as versioned data. The wording is set by law and changes with it
 * (Decree 07/2025, Decree 280/2025 bring new templates), so each template carries its legal basis and the date
 * it takes effect, and a copy is always rendered with the template in force on the copy's own date.
 */
import type { EcopyFields } from './fields';

export interface StatementTemplate {
  id: string;
  /** Legal instruments the wording comes from, cited on the statement page. */
  legalBasis: readonly string[];
  /** ISO date from which this wording applies (inclusive). */
  effectiveFrom: string;
  /** Page title lines above the statement. */
  title: readonly string[];
  /** The statement proper. Placeholders: {certNo} {bookNo} {dd} {mm} {yyyy}. */
  statement: readonly string[];
  /** The certifier's signature block: title, note, {certifier}. */
  certifierBlock: readonly string[];
  /** The competent authority's signature block (e-copies carry its second signature): title, note, {authority}. */
  authorityBlock: readonly string[];
  /** How a bare book number ("01") or "01/2026" is completed: placeholders {book} {yyyy}. */
  bookNoPattern: string;
  /** The suffix a complete book number ends with; a number already ending with it is kept as the user wrote it. */
  bookNoSuffix: string;
}

/** Baseline: Decree 23/2015/ND-CP with the templates of Circular 01/2020/TT-BTP (in force from 20 April 2020). */
const TT01_2020: StatementTemplate = {
  id: 'tt01-2020',
  legalBasis: ['Nghị định 23/2015/NĐ-CP', 'Nghị định 45/2020/NĐ-CP', 'Thông tư 01/2020/TT-BTP'],
  effectiveFrom: '2020-04-20',
  title: ['LỜI CHỨNG', 'Chứng thực bản sao điện tử từ bản chính'],
  statement: [
    'Chứng thực bản sao đúng với bản chính.',
    'Số chứng thực: {certNo} Quyển số: {bookNo}',
    'Ngày {dd} tháng {mm} năm {yyyy}',
  ],
  certifierBlock: ['NGƯỜI THỰC HIỆN CHỨNG THỰC', '(Chữ ký số)', '{certifier}'],
  authorityBlock: ['CƠ QUAN CÓ THẨM QUYỀN', '(Chữ ký số)', '{authority}'],
  bookNoPattern: '{book}/{yyyy}-SCT/BS',
  bookNoSuffix: 'SCT/BS',
};

/** Oldest first. Add a template when a new one takes effect; never edit one already used for signed copies. */
export const STATEMENT_TEMPLATES: readonly StatementTemplate[] = [TT01_2020];

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
export function formatBookNo(bookNo: string, year: number, template: StatementTemplate = TT01_2020): string {
  const b = bookNo.normalize('NFC').trim();
  const fill = (book: string, yyyy: string): string =>
    template.bookNoPattern.replace('{book}', book).replace('{yyyy}', yyyy);
  if (/^\d{1,4}$/.test(b)) return fill(b.length === 1 ? pad2(Number(b)) : b, String(year));
  const withYear = /^(\d{1,4})\/(\d{4})$/.exec(b);
  if (withYear) return fill(withYear[1], withYear[2]);
  return b;
}

export type StatementInput = Pick<EcopyFields, 'certNo' | 'bookNo' | 'date' | 'office' | 'certifier' | 'authority'>;

export interface RenderedStatement {
  templateId: string;
  legalBasis: readonly string[];
  title: string[];
  /** The lời chứng in template order: statement lines then the certifier block (title, note, name). */
  lines: string[];
  statement: string[];
  certifierBlock: string[];
  authorityBlock: string[];
  /** The office's name and place, as the header of the statement. */
  officeLine: string;
  bookNo: string;
}

/** Fill the template in force on the copy's date. All text NFC (precomposed Vietnamese, one glyph per letter). */
export function renderStatement(f: StatementInput): RenderedStatement {
  const nfc = (s: string): string => s.normalize('NFC').trim();
  const date = parseIsoDate(f.date);
  if (!date) throw new RangeError(`invalid ISO date: ${f.date}`);
  const t = selectStatementTemplate(f.date);
  const bookNo = formatBookNo(f.bookNo, date.year, t);
  const office = nfc(f.office);
  const values: Record<string, string> = {
    certNo: nfc(f.certNo),
    bookNo,
    dd: pad2(date.day),
    mm: pad2(date.month),
    yyyy: String(date.year),
    certifier: nfc(f.certifier),
    authority: f.authority && nfc(f.authority) ? nfc(f.authority) : office,
  };
  // One pass over each template line, so a value containing "{...}" is never substituted again.
  const fill = (line: string): string =>
    line.replace(/\{([a-zA-Z]+)\}/g, (whole, key: string) => values[key] ?? whole).normalize('NFC');
  const statement = t.statement.map(fill);
  const certifierBlock = t.certifierBlock.map(fill);
  return {
    templateId: t.id,
    legalBasis: t.legalBasis,
    title: t.title.map(fill),
    lines: [...statement, ...certifierBlock],
    statement,
    certifierBlock,
    authorityBlock: t.authorityBlock.map(fill),
    officeLine: office,
    bookNo,
  };
}
