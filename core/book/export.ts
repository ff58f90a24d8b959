/** The book as a table: CSV export (what archives and spreadsheets take) and a print view model for the UI. */
import { columnsTemplateById, type BookColumnKey, type BookColumnsTemplate } from './columns.js';
import { toCsv } from './csv.js';
import { formatDateVn } from './dates.js';
import type { IntegrityReport } from './integrity.js';
import { formatVnd } from './money.js';
import { noteText, signerText } from './rows.js';
import type { BookRow, BookState } from './types.js';

/**
 * The text of one cell as exported (dates dd/mm/yyyy, fee in whole VND without separators, which spreadsheets
 * read as a number); the print view writes the fee for people instead (printCells).
 */
export function cellText(row: BookRow, key: BookColumnKey): string {
  switch (key) {
    case 'number':
      return row.certNo;
    case 'date':
      return formatDateVn(row.date);
    case 'requester':
      return row.requester;
    case 'docName':
      return row.docName;
    case 'signer':
      return signerText(row);
    case 'copies':
      return String(row.copies);
    case 'fee':
      return String(row.fee);
    case 'note':
      return noteText(row);
  }
}

export function rowCells(row: BookRow, template: BookColumnsTemplate): string[] {
  return template.columns.map((c) => cellText(row, c.key));
}

/** The cells as printed: as exported, but the fee as a person reads it on paper ("4.000 đồng", not "4000"). */
export function printCells(row: BookRow, template: BookColumnsTemplate): string[] {
  return template.columns.map((c) => (c.key === 'fee' ? formatVnd(row.fee) : cellText(row, c.key)));
}

/** CSV of the book: UTF-8 BOM, CRLF, RFC 4180, the Vietnamese headers of the book's column template. */
export function bookCsv(book: BookState, rows: readonly BookRow[]): string {
  const template = columnsTemplateById(book.config.columnsTemplateId);
  return toCsv([template.columns.map((c) => c.vi), ...rows.map((r) => rowCells(r, template))]);
}

/** CSV text as bytes (UTF-8), for a download. */
export function bookCsvBytes(book: BookState, rows: readonly BookRow[]): Uint8Array {
  return new TextEncoder().encode(bookCsv(book, rows));
}

export interface PrintRow {
  readonly number: number;
  readonly cells: readonly string[];
  readonly status: BookRow['status'];
}

export interface BookPrintView {
  /** "SỔ CHỨNG THỰC BẢN SAO TỪ BẢN CHÍNH" */
  readonly title: string;
  readonly office: string;
  /** "Quyển số: 01/2026-SCT/BS" */
  readonly bookLine: string;
  readonly year: number;
  readonly legalBasis: readonly string[];
  readonly headers: readonly string[];
  readonly headersEn: readonly string[];
  readonly rows: readonly PrintRow[];
  /** "Sổ có 20 số, từ số 01 đến số 20" (or "Sổ chưa có số nào"). */
  readonly summary: string;
  readonly closed: boolean;
  /** Hash of the chain's last record: print it so the paper copy anchors the electronic book. */
  readonly headHash: string;
  readonly integrity?: { readonly ok: boolean; readonly problems: readonly string[] };
}

export function bookPrintView(book: BookState, rows: readonly BookRow[], integrity?: IntegrityReport): BookPrintView {
  const template = columnsTemplateById(book.config.columnsTemplateId);
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    title: template.title,
    office: book.config.office,
    bookLine: `Quyển số: ${book.config.bookNo}`,
    year: book.config.year,
    legalBasis: template.legalBasis,
    headers: template.columns.map((c) => c.vi),
    headersEn: template.columns.map((c) => c.en),
    rows: rows.map((r) => ({ number: r.number, cells: printCells(r, template), status: r.status })),
    summary: first && last ? `Sổ có ${rows.length} số, từ số ${first.certNo} đến số ${last.certNo}` : 'Sổ chưa có số nào',
    closed: book.head.closed,
    headHash: book.head.hash,
    ...(integrity ? { integrity: { ok: integrity.ok, problems: integrity.problems.map((p) => p.vi) } } : {}),
  };
}
