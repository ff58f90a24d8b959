/** Folds the ledger into the rows of the book: one per number, in number order, cancellations shown in Ghi chú. */
import type { BookRow, LedgerRecord } from './types.js';

export function rowsOf(records: readonly LedgerRecord[]): BookRow[] {
  const rows = new Map<number, BookRow>();
  for (const r of records) {
    if (r.kind === 'entry') {
      rows.set(r.number, {
        bookId: r.bookId,
        seq: r.seq,
        number: r.number,
        certNo: r.certNo,
        date: r.date,
        requester: r.requester,
        docName: r.docName,
        signerName: r.signerName,
        signerTitle: r.signerTitle,
        copies: r.copies,
        pages: r.pages,
        fee: r.fee,
        note: r.note,
        status: r.state,
      });
      continue;
    }
    const row = r.kind === 'close' ? undefined : rows.get(r.number);
    if (!row || row.status === 'cancelled') continue;
    if (r.kind === 'complete') rows.set(r.number, { ...row, status: 'recorded', copyId: r.copyId, sha256: r.sha256 });
    else if (r.kind === 'cancel') rows.set(r.number, { ...row, status: 'cancelled', cancelReason: r.reason });
  }
  return [...rows.values()].sort((a, b) => a.number - b.number);
}

/** The Ghi chú column: the clerk's note, then "Đã hủy: lý do" for a cancelled entry. */
export function noteText(row: BookRow): string {
  const parts = [row.note];
  if (row.status === 'cancelled') parts.push(`Đã hủy: ${row.cancelReason ?? ''}`.trim());
  if (row.status === 'reserved') parts.push('Đang chứng thực (chưa hoàn tất)');
  return parts.filter(Boolean).join('; ');
}

/** "Họ tên, chức danh người ký chứng thực" in one cell. */
export function signerText(row: Pick<BookRow, 'signerName' | 'signerTitle'>): string {
  return row.signerTitle ? `${row.signerName}, ${row.signerTitle}` : row.signerName;
}
