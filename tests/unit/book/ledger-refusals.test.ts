/**
 * The book's pure state transitions refuse what would corrupt the ledger: a closed book, an entry of another year
 * or dated before the last one, completing a number that is not awaiting its copy, cancelling twice or without a
 * reason, closing with numbers still reserved. Each refusal is asserted with its code and both texts (the UI shows
 * the Vietnamese one), and a refused transition leaves the state untouched.
 */
import { describe, expect, it } from 'vitest';
import { newBookState } from '../../../core/book/config';
import { normalizeDraft } from '../../../core/book/draft';
import { DEFAULT_FEE_RULES } from '../../../core/book/fee';
import { appendCancellation, appendClose, appendCompletion, appendEntry } from '../../../core/book/ledger';
import type { BookState } from '../../../core/book/types';
import { SaoyError } from '../../../core/errors';
import { baseDraft } from './ledger-fixture';

const draft = (date = '2026-03-05') => normalizeDraft({ ...baseDraft, date }, DEFAULT_FEE_RULES);
const open = () => newBookState('book-1', { office: 'UBND phường Hạc Thành', year: 2026, bookNo: '01/2026-SCT/BS', openedOn: '2026-01-02' }, { firstNumber: 1 });

function refusal(f: () => unknown): { code: string; en: string; vi: string } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SaoyError);
    const s = e as SaoyError;
    return { code: s.code, en: s.message, vi: s.vi };
  }
  throw new Error('not refused');
}

describe('ledger transitions refuse what would corrupt the book', () => {
  it('an entry of another year, naming both years', () => {
    expect(refusal(() => appendEntry(open(), draft('2027-01-02'), 'x', 'recorded'))).toEqual({
      code: 'BOOK_YEAR_MISMATCH',
      en: 'the date 2027-01-02 is not in 2026, the year of book 01/2026-SCT/BS: open the book for 2027',
      vi: 'Ngày 2027-01-02 không thuộc năm 2026 của quyển sổ 01/2026-SCT/BS: hãy mở sổ cho năm 2027',
    });
  });

  it('an entry dated before the last one; the same day is fine', () => {
    const first = appendEntry(open(), draft('2026-03-05'), 'x', 'recorded');
    expect(first.state.head).toMatchObject({ lastNumber: 1, lastDate: '2026-03-05', openReservations: [] });
    expect(refusal(() => appendEntry(first.state, draft('2026-03-04'), 'x', 'recorded'))).toEqual({
      code: 'BOOK_DATE_BEFORE_LAST',
      en: "the date 2026-03-04 is before the book's last entry (2026-03-05)",
      vi: 'Ngày 2026-03-04 trước ngày của số gần nhất trong sổ (2026-03-05)',
    });
    expect(appendEntry(first.state, draft('2026-03-05'), 'x', 'recorded').record).toMatchObject({ number: 2, certNo: '02' });
  });

  it('completing a number that is not awaiting its copy (recorded at once, or already completed)', () => {
    const a = appendEntry(open(), draft(), 'x', 'recorded');
    const copy = { copyId: 'c', sha256: 'ab'.repeat(32), size: 1 };
    expect(refusal(() => appendCompletion(a.state, 1, copy, 'y'))).toEqual({
      code: 'BOOK_ENTRY_NOT_RESERVED',
      en: 'number 1 of book 01/2026-SCT/BS is not awaiting its copy',
      vi: 'Số 1 của quyển 01/2026-SCT/BS không ở trạng thái chờ bản sao',
    });
    const r = appendEntry(a.state, draft(), 'x', 'reserved');
    expect(r.state.head.openReservations).toEqual([2]);
    const done = appendCompletion(r.state, 2, copy, 'y');
    expect(done.state.head.openReservations).toEqual([]);
    expect(refusal(() => appendCompletion(done.state, 2, copy, 'z')).code).toBe('BOOK_ENTRY_NOT_RESERVED');
  });

  it('cancelling twice, or without a reason; the reason is kept in NFC and trimmed', () => {
    const a = appendEntry(open(), draft(), 'x', 'reserved');
    expect(refusal(() => appendCancellation(a.state, 1, 'cancelled', 'Lại', false, 'y'))).toEqual({ code: 'BOOK_ENTRY_CANCELLED', en: 'number 1 is already cancelled', vi: 'Số 1 đã bị hủy trước đó' });
    expect(refusal(() => appendCancellation(a.state, 1, 'reserved', '  \n ', false, 'y'))).toEqual({ code: 'BOOK_DRAFT_INVALID', en: 'a cancellation needs a reason', vi: 'Cần ghi lý do hủy' });
    const decomposed = ' Nhâ\u0323p nhầm '.normalize('NFD');
    const c = appendCancellation(a.state, 1, 'reserved', decomposed, true, 'y');
    expect(c.record).toMatchObject({ kind: 'cancel', number: 1, reason: 'Nhập nhầm'.normalize('NFC'), abandoned: true });
    expect(c.state.head.openReservations).toEqual([]);
  });

  it('closing with numbers still reserved, listing them; a closed book takes nothing more', () => {
    let s: BookState = open();
    for (const st of ['reserved', 'recorded', 'reserved'] as const) s = appendEntry(s, draft(), 'x', st).state;
    expect(refusal(() => appendClose(s, 'Hết năm', 'y'))).toEqual({
      code: 'BOOK_HAS_RESERVATIONS',
      en: 'book 01/2026-SCT/BS still has numbers awaiting their copy: 1, 3',
      vi: 'Quyển sổ 01/2026-SCT/BS còn số đang chờ hoàn tất: 1, 3',
    });
    s = appendCancellation(s, 1, 'reserved', 'Bỏ', true, 'y').state;
    s = appendCancellation(s, 3, 'reserved', 'Bỏ', true, 'y').state;
    const closed = appendClose(s, ' Hết năm\u0020', 'z');
    expect(closed.record).toMatchObject({ kind: 'close', reason: 'Hết năm', seq: 6 });
    expect(closed.state.head).toMatchObject({ closed: true, seq: 6, lastNumber: 3 });
    const closedRefusal = { code: 'BOOK_CLOSED', en: 'book 01/2026-SCT/BS is closed', vi: 'Quyển sổ 01/2026-SCT/BS đã khóa' };
    expect(refusal(() => appendEntry(closed.state, draft(), 'x', 'recorded'))).toEqual(closedRefusal);
    expect(refusal(() => appendCancellation(closed.state, 2, 'recorded', 'x', false, 'y'))).toEqual(closedRefusal);
    expect(closed.state.head.seq).toBe(6);
  });
});
