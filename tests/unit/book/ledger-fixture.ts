/** An in-memory book built with the pure ledger transitions (what the store does inside its transactions). */
import { newBookState } from '../../../core/book/config';
import { normalizeDraft } from '../../../core/book/draft';
import { DEFAULT_FEE_RULES } from '../../../core/book/fee';
import { appendCancellation, appendCompletion, appendEntry } from '../../../core/book/ledger';
import type { BookState, EntryDraft, LedgerRecord } from '../../../core/book/types';

export const baseDraft: EntryDraft = {
  date: '2026-03-05',
  requester: 'Lê Văn Đức',
  docName: 'Bằng tốt nghiệp đại học',
  signerName: 'Nguyễn Thị Hồng Nhung',
  signerTitle: 'Công chức Tư pháp - Hộ tịch',
  pages: 2,
};

/** Entries 1..n, all recorded; entry 5 reserved then completed; entry 7 cancelled (when n allows). */
export function buildLedger(n = 20): { book: BookState; records: LedgerRecord[] } {
  let book = newBookState('book-1', { office: 'UBND phường Hạc Thành, tỉnh Thanh Hóa', year: 2026, bookNo: '01/2026-SCT/BS', openedOn: '2026-01-02' }, { firstNumber: 1 });
  const records: LedgerRecord[] = [];
  const push = (a: { record: LedgerRecord; state: BookState }) => {
    records.push(a.record);
    book = a.state;
  };
  for (let i = 1; i <= n; i++) {
    const d = normalizeDraft({ ...baseDraft, requester: `Người yêu cầu ${i}` }, DEFAULT_FEE_RULES);
    push(appendEntry(book, d, `2026-03-05T0${i % 10}:00:00.000Z`, i === 5 ? 'reserved' : 'recorded'));
    if (i === 5) push(appendCompletion(book, 5, { copyId: 'book-1#5', sha256: 'ab'.repeat(32), size: 1234 }, '2026-03-05T05:01:00.000Z'));
    if (i === 7) push(appendCancellation(book, 7, 'recorded', 'Nhập nhầm', false, '2026-03-05T07:01:00.000Z'));
  }
  return { book, records };
}
