/**
 * Search in the book and the copy cache. Vietnamese text is compared folded: NFD without combining marks,
 * đ → d, lower case, spaces collapsed, so "nguyen van a" finds "Nguyễn Văn A".
 */
import type { BookRow } from './types.js';

export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every word of the query occurs in the text (folded), in any order. */
export function matchesText(text: string, query: string): boolean {
  const hay = foldVietnamese(text);
  return foldVietnamese(query)
    .split(' ')
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

export interface RowQuery {
  /** ISO dates, inclusive. */
  from?: string;
  to?: string;
  /** Certification number: 15 matches "15", "015" and "15/ĐT". */
  number?: number | string;
  requester?: string;
  docName?: string;
  /** Anywhere: requester, original's name, signer, note, number. */
  text?: string;
  status?: BookRow['status'];
}

/** The leading number of a certification number as written ("15/ĐT" → 15); NaN when there is none. */
export function leadingNumber(certNo: string | number): number {
  if (typeof certNo === 'number') return certNo;
  const m = /^\s*0*(\d+)/.exec(certNo);
  return m ? Number(m[1]) : Number.NaN;
}

export interface Searchable {
  date: string;
  certNo: string;
  requester: string;
  docName: string;
}

/** The part of a query every searchable record (book row or cached copy) understands. */
export function matchesQuery(item: Searchable, q: Omit<RowQuery, 'status'>, extraText = ''): boolean {
  if (q.from && item.date < q.from) return false;
  if (q.to && item.date > q.to) return false;
  if (q.number !== undefined && q.number !== '') {
    const n = leadingNumber(q.number);
    if (Number.isNaN(n) ? foldVietnamese(item.certNo) !== foldVietnamese(String(q.number)) : leadingNumber(item.certNo) !== n) return false;
  }
  if (q.requester && !matchesText(item.requester, q.requester)) return false;
  if (q.docName && !matchesText(item.docName, q.docName)) return false;
  if (q.text && !matchesText([item.certNo, item.requester, item.docName, extraText].join(' '), q.text)) return false;
  return true;
}

export function filterRows(rows: readonly BookRow[], q: RowQuery): BookRow[] {
  return rows.filter((r) => (!q.status || r.status === q.status) && matchesQuery(r, q, `${r.signerName} ${r.signerTitle} ${r.note} ${r.cancelReason ?? ''}`));
}
