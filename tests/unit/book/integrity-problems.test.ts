/**
 * verifyBookIntegrity, problem by problem: each test tampers with a ledger the way a forger would (often
 * re-sealing the rest of the chain and the book's head, so only the tampering itself is left to find) and asserts
 * the complete list of problems — kind, position, number and both the English and the Vietnamese sentence the
 * book page shows. A check that stops firing, fires for the wrong record or names it wrongly fails here.
 */
import { describe, expect, it } from 'vitest';
import { recordHash } from '../../../core/book/hash';
import { type IntegrityProblem, verifyBookIntegrity } from '../../../core/book/integrity';
import { newBookState } from '../../../core/book/config';
import { normalizeDraft } from '../../../core/book/draft';
import { DEFAULT_FEE_RULES } from '../../../core/book/fee';
import { appendCancellation, appendClose, appendCompletion, appendEntry } from '../../../core/book/ledger';
import type { BookState, LedgerRecord } from '../../../core/book/types';
import { baseDraft, buildLedger } from './ledger-fixture';

type Rec = LedgerRecord;

/** Rehashes `records[from..]` so each links to the one before (what someone editing the stored ledger would do). */
function reseal(records: Rec[], from: number): Rec[] {
  const out = records.slice(0, from);
  for (let i = from; i < records.length; i++) {
    const body = { ...records[i], prevHash: i === 0 ? records[0].prevHash : out[i - 1].hash } as Rec;
    out.push({ ...body, hash: recordHash(body) } as Rec);
  }
  return out;
}

/** The book's head moved to the end of `records`, as if the forger also rewrote the book's state. */
const withHead = (book: BookState, records: Rec[], over: Partial<BookState['head']> = {}): BookState => ({
  ...book,
  head: { ...book.head, seq: records[records.length - 1].seq, hash: records[records.length - 1].hash, ...over },
});

const at = (records: Rec[], seq: number) => records.findIndex((r) => r.seq === seq);

function problems(records: Rec[], book?: BookState): IntegrityProblem[] {
  const report = verifyBookIntegrity(records, book);
  expect(report.ok).toBe(report.problems.length === 0);
  return report.problems;
}

/** buildLedger(7) then closed: entries 1–5, completion of 5 (seq 6), entries 6–7, cancellation of 7 (seq 9), close (seq 10). */
function closedLedger() {
  const { book, records } = buildLedger(7);
  const closed = appendClose(book, 'Hết năm', '2026-12-31T10:00:00.000Z');
  return { book: closed.state, records: [...records, closed.record] };
}

describe('verifyBookIntegrity names each record kind in English and Vietnamese', () => {
  it('an edited completion record', () => {
    const { book, records } = buildLedger(7);
    const i = at(records, 6);
    records[i] = { ...records[i], size: 1 } as Rec;
    expect(problems(records, book)).toStrictEqual([
      { kind: 'modified', seq: 6, number: 5, en: 'Record 6 (completion of entry 5) was modified', vi: 'Bản ghi 6 (hoàn tất mục số 5) đã bị sửa đổi' },
    ]);
  });

  it('an edited cancellation record', () => {
    const { book, records } = buildLedger(7);
    const i = at(records, 9);
    records[i] = { ...records[i], reason: 'Khác' } as Rec;
    expect(problems(records, book)).toStrictEqual([
      { kind: 'modified', seq: 9, number: 7, en: 'Record 9 (cancellation of entry 7) was modified', vi: 'Bản ghi 9 (hủy mục số 7) đã bị sửa đổi' },
    ]);
  });

  it('an edited closing record (no certification number attached)', () => {
    const { book, records } = closedLedger();
    records[9] = { ...records[9], reason: 'Khác' } as Rec;
    expect(problems(records, book)).toStrictEqual([
      { kind: 'modified', seq: 10, en: 'Record 10 (closing the book) was modified', vi: 'Bản ghi 10 (khóa sổ) đã bị sửa đổi' },
    ]);
  });

  it('an edited entry, in Vietnamese too', () => {
    const { book, records } = buildLedger(7);
    records[1] = { ...records[1], fee: 0 } as Rec;
    expect(problems(records, book)).toStrictEqual([{ kind: 'modified', seq: 2, number: 2, en: 'Entry 2 was modified', vi: 'Mục số 2 đã bị sửa đổi' }]);
  });

  it('a record rewritten with a fresh hash: the one before it is named, by kind', () => {
    const { book, records } = buildLedger(7);
    const i = at(records, 7); // entry 6, right after the completion of 5
    const forged = { ...records[i], prevHash: 'f'.repeat(64) } as Rec;
    records[i] = { ...forged, hash: recordHash(forged) } as Rec;
    expect(problems(reseal(records, i + 1), book).slice(0, 1)).toStrictEqual([
      {
        kind: 'modified',
        seq: 6,
        number: 5,
        en: 'Record 6 (completion of entry 5) was modified or replaced (entry 6 no longer follows it)',
        vi: 'Bản ghi 6 (hoàn tất mục số 5) đã bị sửa đổi hoặc thay thế (mục số 6 không còn nối tiếp)',
      },
    ]);
  });
});

describe('verifyBookIntegrity: header and chain start', () => {
  it('a changed book header, and nothing else', () => {
    const { book, records } = buildLedger(3);
    expect(problems(records, { ...book, config: { ...book.config, office: 'UBND xã Khác' } })).toStrictEqual([
      { kind: 'header', en: "the book's header (number, year, first number) was modified", vi: 'Thông tin quyển sổ (quyển số, năm, số bắt đầu) đã bị sửa đổi' },
    ]);
  });

  it('a chain that does not start at the book’s genesis hash (first record replaced, rest re-sealed)', () => {
    const { book, records } = buildLedger(3);
    const forged = reseal([{ ...records[0], prevHash: '0'.repeat(64) } as Rec, ...records.slice(1)], 0);
    expect(problems(forged, withHead(book, forged))).toStrictEqual([
      {
        kind: 'header',
        seq: 1,
        number: 1,
        en: "Entry 1 does not start this book's chain: the book's header or its first record was replaced",
        vi: 'Mục số 1 không nối với đầu quyển sổ: thông tin quyển sổ hoặc bản ghi đầu tiên đã bị thay thế',
      },
    ]);
    // Without the book (its genesis hash), a wholesale rewrite is consistent: only an outside anchor catches it.
    expect(problems(forged)).toStrictEqual([]);
  });

  it('a record of another book, re-sealed into this chain', () => {
    const { book, records } = buildLedger(4);
    records[2] = { ...records[2], bookId: 'book-2' } as Rec;
    const forged = reseal(records, 2);
    expect(problems(forged, withHead(book, forged))).toStrictEqual([
      { kind: 'inserted', seq: 3, number: 3, en: 'Entry 3 belongs to another book', vi: 'Mục số 3 thuộc quyển sổ khác' },
    ]);
    expect(problems(forged)).toStrictEqual([]);
  });
});

describe('verifyBookIntegrity: references between records', () => {
  it('a record written after the book was closed', () => {
    const { book, records } = closedLedger();
    const late = { ...records[0], seq: 11, number: 8, certNo: '08' } as Rec;
    const forged = reseal([...records, late], 10);
    expect(problems(forged, withHead(book, forged, { lastNumber: 8 }))).toStrictEqual([
      { kind: 'reference', seq: 11, number: 8, en: 'Entry 8 was written after the book was closed', vi: 'Mục số 8 được ghi sau khi đã khóa sổ' },
    ]);
  });

  it('a completion of an entry that does not exist before it', () => {
    const { book, records } = buildLedger(3);
    const bogus = { ...records[0], kind: 'complete', seq: 4, number: 9, copyId: 'c', sha256: '00', size: 1 } as Rec;
    const { certNo: _c, state: _s, requester: _r, ...rest } = bogus as Rec & { certNo: string; state: string; requester: string };
    const forged = reseal([...records, rest as Rec], 3);
    expect(problems(forged, withHead(book, forged)).slice(0, 1)).toStrictEqual([
      {
        kind: 'reference',
        seq: 4,
        number: 9,
        en: 'Record 4 (completion of entry 9) refers to an entry that is not before it',
        vi: 'Bản ghi 4 (hoàn tất mục số 9) tham chiếu mục không có trước nó',
      },
    ]);
  });

  it('a second cancellation, and a completion of a cancelled entry', () => {
    const { book, records } = buildLedger(7); // entry 7 cancelled at seq 9
    const again = appendCancellation(book, 7, 'recorded', 'Lại', false, '2026-03-06T00:00:00.000Z');
    expect(problems([...records, again.record], again.state)).toStrictEqual([
      {
        kind: 'reference',
        seq: 10,
        number: 7,
        en: 'Record 10 (cancellation of entry 7): entry 7 was already cancelled',
        vi: 'Bản ghi 10 (hủy mục số 7): mục số 7 đã bị hủy trước đó',
      },
    ]);
    const late = { ...records[at(records, 6)], seq: 10, number: 7 } as Rec;
    const forged = reseal([...records, late], 9);
    expect(problems(forged, withHead(book, forged))).toStrictEqual([
      {
        kind: 'reference',
        seq: 10,
        number: 7,
        en: 'Record 10 (completion of entry 7): entry 7 was already cancelled',
        vi: 'Bản ghi 10 (hoàn tất mục số 7): mục số 7 đã bị hủy trước đó',
      },
    ]);
  });

  it('a second completion of a reserved entry; cancelling a completed entry is allowed', () => {
    const { book, records } = buildLedger(5); // entry 5 reserved, completed at seq 6
    const second = { ...records[5], seq: 7 } as Rec;
    const forged = reseal([...records, second], 6);
    expect(problems(forged, withHead(book, forged))).toStrictEqual([
      {
        kind: 'reference',
        seq: 7,
        number: 5,
        en: 'Record 7 (completion of entry 5): entry 5 was already completed',
        vi: 'Bản ghi 7 (hoàn tất mục số 5): mục số 5 đã hoàn tất trước đó',
      },
    ]);
    const cancel = appendCancellation(book, 5, 'recorded', 'Sai tên', false, '2026-03-06T00:00:00.000Z');
    expect(problems([...records, cancel.record], cancel.state)).toStrictEqual([]);
    const completeRecorded = { ...records[5], seq: 7, number: 4 } as Rec;
    const twice = reseal([...records, completeRecorded], 6);
    expect(problems(twice, withHead(book, twice)).map((p) => p.en)).toEqual(['Record 7 (completion of entry 4): entry 4 was already completed']);
  });

  it('a reserved entry is completed once without complaint', () => {
    const { book, records } = buildLedger(5);
    expect(problems(records, book)).toStrictEqual([]);
    const reserved = records.slice(0, 5); // the completion cut off: the head still catches it
    const reservedBook = withHead(book, reserved, { openReservations: [5] });
    expect(problems(reserved, reservedBook)).toStrictEqual([]);
    const done = appendCompletion(reservedBook, 5, { copyId: 'x', sha256: 'cd'.repeat(32), size: 9 }, '2026-03-06T00:00:00.000Z');
    expect(problems([...reserved, done.record], done.state)).toStrictEqual([]);
  });
});

describe('verifyBookIntegrity: numbering and missing records', () => {
  it('a renumbered entry: the skipped number is missing and the next number is used twice', () => {
    const { book, records } = buildLedger(7);
    const i = at(records, 4); // entry 4
    records[i] = { ...records[i], number: 5, certNo: '05' } as Rec;
    const forged = reseal(records, i);
    expect(problems(forged, withHead(book, forged))).toStrictEqual([
      { kind: 'missing', number: 4, en: 'Entry 4 is missing', vi: 'Thiếu mục số 4' },
      { kind: 'numbering', seq: 4, number: 5, en: 'Numbers skip from 3 to 5', vi: 'Số chứng thực nhảy từ 3 sang 5' },
      { kind: 'numbering', seq: 5, number: 5, en: 'Number 5 is used again by record 5', vi: 'Số 5 bị dùng lại ở bản ghi 5' },
      // The forged "entry 5" was recorded at once, so the real completion of 5 now completes it a second time.
      { kind: 'reference', seq: 6, number: 5, en: 'Record 6 (completion of entry 5): entry 5 was already completed', vi: 'Bản ghi 6 (hoàn tất mục số 5): mục số 5 đã hoàn tất trước đó' },
    ]);
  });

  it('a deleted entry together with the cancellation before it', () => {
    const { book, records } = buildLedger(9); // cancel of 7 at seq 9, entry 8 at seq 10, entry 9 at seq 11
    const cut = records.filter((r) => r.seq !== 9 && r.seq !== 10);
    expect(problems(cut, book)).toStrictEqual([
      { kind: 'missing', number: 8, en: 'Entry 8 is missing', vi: 'Thiếu mục số 8' },
      {
        kind: 'missing',
        seq: 10,
        en: '1 completion or cancellation record(s) before entry 9 are missing',
        vi: 'Thiếu 1 bản ghi hoàn tất hoặc hủy trước mục số 9',
      },
    ]);
  });

  it('two deleted records before an entry, none of them an entry', () => {
    const { book, records } = buildLedger(9);
    const extra = appendCancellation(book, 9, 'recorded', 'Nhầm', false, '2026-03-06T00:00:00.000Z');
    const all = [...records, extra.record];
    const cut = all.filter((r) => r.seq !== 6 && r.seq !== 9); // both side records, entries intact
    expect(problems(cut, extra.state)).toStrictEqual([
      { kind: 'missing', seq: 6, en: '1 completion or cancellation record(s) before entry 6 are missing', vi: 'Thiếu 1 bản ghi hoàn tất hoặc hủy trước mục số 6' },
      { kind: 'missing', seq: 9, en: '1 completion or cancellation record(s) before entry 8 are missing', vi: 'Thiếu 1 bản ghi hoàn tất hoặc hủy trước mục số 8' },
    ]);
  });

  it('a deleted record with only side records after it: reported before the end of the book', () => {
    const { book, records } = closedLedger();
    const cut = records.filter((r) => r.seq !== 9); // the cancellation before the close
    expect(problems(cut, book)).toStrictEqual([
      { kind: 'missing', en: '1 completion or cancellation record(s) before the end of the book are missing', vi: 'Thiếu 1 bản ghi hoàn tất hoặc hủy trước cuối sổ' },
    ]);
    expect(problems(cut)).toEqual(problems(cut, book));
  });

  it('records cut off at the end: entries by number, the others counted (against the head)', () => {
    const { book, records } = buildLedger(7); // seq 9 = cancellation of 7
    expect(problems(records.slice(0, 6), book)).toStrictEqual([
      { kind: 'missing', number: 6, en: 'Entry 6 is missing', vi: 'Thiếu mục số 6' },
      { kind: 'missing', number: 7, en: 'Entry 7 is missing', vi: 'Thiếu mục số 7' },
      { kind: 'missing', en: '1 completion or cancellation record(s) before the end of the book are missing', vi: 'Thiếu 1 bản ghi hoàn tất hoặc hủy trước cuối sổ' },
    ]);
    expect(problems(records.slice(0, 8), book)).toStrictEqual([
      { kind: 'missing', en: '1 completion or cancellation record(s) before the end of the book are missing', vi: 'Thiếu 1 bản ghi hoàn tất hoặc hủy trước cuối sổ' },
    ]);
    expect(problems(records.slice(0, 6))).toStrictEqual([]); // without the head, a cut at the end cannot be seen
    expect(problems([], book)).toHaveLength(8);
    expect(problems([])).toStrictEqual([]);
  });

  it('records added at the end are each named, in Vietnamese too', () => {
    const { book, records } = buildLedger(3);
    const extra = reseal([...records, { ...records[2], seq: 4, number: 4, certNo: '04' } as Rec, { ...records[2], seq: 5, number: 5, certNo: '05' } as Rec], 3);
    expect(problems(extra, book)).toStrictEqual([
      { kind: 'inserted', seq: 4, number: 4, en: 'Entry 4 was added outside saoy (the book ends at record 3)', vi: 'Mục số 4 được thêm vào ngoài saoy (sổ kết thúc ở bản ghi 3)' },
      { kind: 'inserted', seq: 5, number: 5, en: 'Entry 5 was added outside saoy (the book ends at record 3)', vi: 'Mục số 5 được thêm vào ngoài saoy (sổ kết thúc ở bản ghi 3)' },
    ]);
  });

  it('a replaced last record does not match the head', () => {
    const { book, records } = buildLedger(3);
    const forged = { ...records[2], requester: 'Khác' } as Rec;
    records[2] = { ...forged, hash: recordHash(forged) } as Rec;
    expect(problems(records, book)).toStrictEqual([
      {
        kind: 'modified',
        seq: 3,
        number: 3,
        en: "Entry 3 was modified or replaced (it is not the book's recorded last record)",
        vi: 'Mục số 3 đã bị sửa đổi hoặc thay thế (không khớp bản ghi cuối của sổ)',
      },
    ]);
    expect(problems(records)).toStrictEqual([]);
  });

  it('the closed flag must agree with a closing record', () => {
    const open = buildLedger(3);
    expect(problems(open.records, { ...open.book, head: { ...open.book.head, closed: true } })).toStrictEqual([
      { kind: 'header', en: 'The book is marked closed but has no closing record', vi: 'Sổ được đánh dấu đã khóa nhưng không có bản ghi khóa sổ' },
    ]);
    const closed = closedLedger();
    expect(problems(closed.records, closed.book)).toStrictEqual([]);
    expect(problems(closed.records, { ...closed.book, head: { ...closed.book.head, closed: false } })).toStrictEqual([
      { kind: 'header', en: 'The book has a closing record but is not marked closed', vi: 'Sổ có bản ghi khóa sổ nhưng không được đánh dấu đã khóa' },
    ]);
    // A cut-off book is reported as cut off, not as a closed-flag mismatch on top.
    expect(problems(closed.records.slice(0, 9), closed.book).map((p) => p.kind)).toEqual(['missing']);
  });

  it('a book that starts at another first number', () => {
    const { records, book } = buildLedger(2);
    expect(problems(records.map((r) => r))).toStrictEqual([]);
    expect(verifyBookIntegrity(records, book)).toEqual({ ok: true, records: 2, entries: 2, problems: [] });
  });
});

describe('verifyBookIntegrity: order and duplicates', () => {
  it('an out-of-order record is named with the record it was stored after, in Vietnamese too', () => {
    const { book, records } = buildLedger(7);
    const i = at(records, 6);
    [records[i], records[i + 1]] = [records[i + 1], records[i]]; // completion of 5 after entry 6
    expect(problems(records, book)).toStrictEqual([
      {
        kind: 'out-of-order',
        seq: 6,
        number: 5,
        en: 'Record 6 (completion of entry 5) is out of order (stored after entry 6)',
        vi: 'Bản ghi 6 (hoàn tất mục số 5) bị đảo thứ tự (nằm sau mục số 6)',
      },
    ]);
  });

  it('a record moved from the middle to the end is out of order once, and the highest record is named', () => {
    const { book, records } = buildLedger(5);
    const moved = [...records.slice(0, 1), ...records.slice(2), records[1]];
    expect(problems(moved, book).map((p) => p.en)).toEqual(['Entry 2 is out of order (stored after record 6 (completion of entry 5))']);
  });

  it('an inserted copy stored after the end: reported as inserted, not also as out of order', () => {
    const { book, records } = buildLedger(5);
    const fake = { ...records[2], requester: 'Chèn thêm' } as Rec;
    const all = [...records, { ...fake, hash: recordHash(fake) } as Rec];
    expect(problems(all, book)).toStrictEqual([
      {
        kind: 'inserted',
        seq: 3,
        number: 3,
        en: 'Entry 3 was inserted (a second record at position 3)',
        vi: 'Mục số 3 được chèn thêm (bản ghi thứ hai ở vị trí 3)',
      },
    ]);
  });

  it('a second record at the last position: the head decides which one is real', () => {
    const { book, records } = buildLedger(3);
    const fake = { ...records[2], requester: 'Chèn thêm' } as Rec;
    const sealed = { ...fake, hash: recordHash(fake) } as Rec;
    const fakeFirst = [...records.slice(0, 2), sealed, records[2]];
    expect(problems(fakeFirst, book)).toStrictEqual([
      { kind: 'inserted', seq: 3, number: 3, en: 'Entry 3 was inserted (a second record at position 3)', vi: 'Mục số 3 được chèn thêm (bản ghi thứ hai ở vị trí 3)' },
    ]);
    expect(verifyBookIntegrity(fakeFirst, book).entries).toBe(3);
  });

  it('without a head, the copy whose own hash holds and that links is kept', () => {
    const { records } = buildLedger(3);
    const broken = { ...records[2], requester: 'Sửa tay' } as Rec; // hash not recomputed
    expect(problems([...records.slice(0, 2), broken, records[2]])).toStrictEqual([
      { kind: 'inserted', seq: 3, number: 3, en: 'Entry 3 was inserted (a second record at position 3)', vi: 'Mục số 3 được chèn thêm (bản ghi thứ hai ở vị trí 3)' },
    ]);
    const unlinked = { ...records[2], prevHash: 'e'.repeat(64) } as Rec;
    const sealedUnlinked = { ...unlinked, hash: recordHash(unlinked) } as Rec;
    expect(problems([...records.slice(0, 2), sealedUnlinked, records[2]]).map((p) => p.kind)).toEqual(['inserted']);
  });

  it('three records under one seq in the middle: the linked one is kept, two are inserted', () => {
    const { book, records } = buildLedger(4);
    const a = { ...records[1], requester: 'A' } as Rec;
    const b = { ...records[1], requester: 'B' } as Rec;
    const all = [records[0], { ...a, hash: recordHash(a) } as Rec, { ...b, hash: recordHash(b) } as Rec, ...records.slice(1)];
    const report = verifyBookIntegrity(all, book);
    expect(report.problems.map((p) => [p.kind, p.seq])).toStrictEqual([
      ['inserted', 2],
      ['inserted', 2],
    ]);
    expect(report).toMatchObject({ records: 6, entries: 4 });
  });
});

describe('verifyBookIntegrity without the book: where numbering starts', () => {
  it('a book whose numbering starts at 41 is intact with and without its header', () => {
    let book = newBookState('book-9', { office: 'UBND xã Đông Sơn', year: 2026, bookNo: '02/2026-SCT/BS', openedOn: '2026-07-01' }, { firstNumber: 41 });
    const records: Rec[] = [];
    for (let i = 0; i < 3; i++) {
      const a = appendEntry(book, normalizeDraft(baseDraft, DEFAULT_FEE_RULES), '2026-07-01T01:00:00.000Z', 'recorded');
      records.push(a.record);
      book = a.state;
    }
    expect(records.map((r) => (r.kind === 'entry' ? r.number : 0))).toEqual([41, 42, 43]);
    expect(problems(records, book)).toStrictEqual([]);
    expect(problems(records)).toStrictEqual([]);
  });

  it('a ledger whose beginning is lost, checked without the book: numbers start at the first entry, not the first record', () => {
    const { records } = buildLedger(7); // seq 6 = completion of entry 5, seq 7 = entry 6
    expect(problems(records.slice(5))).toStrictEqual([
      {
        kind: 'reference',
        seq: 6,
        number: 5,
        en: 'Record 6 (completion of entry 5) refers to an entry that is not before it',
        vi: 'Bản ghi 6 (hoàn tất mục số 5) tham chiếu mục không có trước nó',
      },
      { kind: 'missing', seq: 6, en: '5 completion or cancellation record(s) before entry 6 are missing', vi: 'Thiếu 5 bản ghi hoàn tất hoặc hủy trước mục số 6' },
    ]);
  });

  it('two records moved forward are both out of order, each after the highest record stored before it', () => {
    const { book, records } = buildLedger(6); // seq 1..7
    const moved = [records[0], records[1], records[4], records[2], records[3], records[5], records[6]]; // 1 2 5 3 4 6 7
    expect(problems(moved, book).map((p) => p.en)).toEqual(['Entry 3 is out of order (stored after entry 5)', 'Entry 4 is out of order (stored after entry 5)']);
  });

  it('a second first record in a book of one entry, without a head: one is kept, the other is inserted', () => {
    const { records } = buildLedger(1);
    const fake = { ...records[0], requester: 'Chèn thêm' } as Rec;
    const report = verifyBookIntegrity([{ ...fake, hash: recordHash(fake) } as Rec, records[0]]);
    expect(report.problems.map((p) => [p.kind, p.seq, p.number])).toEqual([['inserted', 1, 1]]);
    expect(report.entries).toBe(1);
  });
});
