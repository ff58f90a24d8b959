import { describe, expect, it } from 'vitest';
import { recordHash } from '../../../core/book/hash';
import { verifyBookIntegrity } from '../../../core/book/integrity';
import type { EntryRecord, LedgerRecord } from '../../../core/book/types';
import { buildLedger } from './ledger-fixture';

const entryAt = (records: LedgerRecord[], number: number) => records.findIndex((r) => r.kind === 'entry' && r.number === number);
const messages = (r: ReturnType<typeof verifyBookIntegrity>) => r.problems.map((p) => p.en);

describe('verifyBookIntegrity', () => {
  it('accepts an untouched book (with and without its head)', () => {
    const { book, records } = buildLedger();
    expect(records).toHaveLength(22);
    expect(verifyBookIntegrity(records, book)).toMatchObject({ ok: true, entries: 20, records: 22, problems: [] });
    expect(verifyBookIntegrity(records).ok).toBe(true);
  });

  it('names an edited entry', () => {
    const { book, records } = buildLedger();
    const i = entryAt(records, 12);
    records[i] = { ...(records[i] as EntryRecord), requester: 'Kẻ gian' };
    const report = verifyBookIntegrity(records, book);
    expect(report.ok).toBe(false);
    expect(messages(report)).toEqual(['Entry 12 was modified']);
    expect(report.problems[0]).toMatchObject({ kind: 'modified', number: 12 });
    expect(report.problems[0].vi).toBe('Mục số 12 đã bị sửa đổi');
  });

  it('names an entry rewritten with a recomputed hash (the next link breaks)', () => {
    const { book, records } = buildLedger();
    const i = entryAt(records, 12);
    const forged = { ...(records[i] as EntryRecord), fee: 0 };
    records[i] = { ...forged, hash: recordHash(forged) };
    expect(messages(verifyBookIntegrity(records, book))).toEqual(['Entry 12 was modified or replaced (entry 13 no longer follows it)']);
  });

  it('names a deleted entry', () => {
    const { book, records } = buildLedger();
    records.splice(entryAt(records, 13), 1);
    const report = verifyBookIntegrity(records, book);
    expect(messages(report)).toEqual(['Entry 13 is missing']);
    expect(report.problems[0]).toMatchObject({ kind: 'missing', number: 13 });
  });

  it('names deleted entries at the end (against the head)', () => {
    const { book, records } = buildLedger();
    expect(messages(verifyBookIntegrity(records.slice(0, -2), book))).toEqual(['Entry 19 is missing', 'Entry 20 is missing']);
  });

  it('names a deleted cancellation', () => {
    const { book, records } = buildLedger();
    records.splice(records.findIndex((r) => r.kind === 'cancel'), 1);
    expect(messages(verifyBookIntegrity(records, book))).toEqual(['1 completion or cancellation record(s) before entry 8 are missing']);
  });

  it('names reordered entries', () => {
    const { book, records } = buildLedger();
    const i = entryAt(records, 12);
    [records[i], records[i + 1]] = [records[i + 1], records[i]];
    const report = verifyBookIntegrity(records, book);
    expect(messages(report)).toEqual(['Entry 12 is out of order (stored after entry 13)']);
    expect(report.problems[0].kind).toBe('out-of-order');
  });

  it('names an inserted entry', () => {
    const { book, records } = buildLedger();
    const i = entryAt(records, 13);
    const prev = records[i - 1];
    const fake = { ...(records[i] as EntryRecord), requester: 'Chèn thêm', prevHash: prev.hash };
    records.splice(i, 0, { ...fake, hash: recordHash(fake) });
    const report = verifyBookIntegrity(records, book);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ kind: 'inserted', number: 13 });
    expect(report.problems[0].en).toMatch(/^Entry 13 was inserted/);
  });

  it('names an entry added at the end outside saoy', () => {
    const { book, records } = buildLedger();
    const last = records[records.length - 1] as EntryRecord;
    const extra = { ...last, seq: last.seq + 1, number: 21, certNo: '21', prevHash: last.hash };
    records.push({ ...extra, hash: recordHash(extra) });
    expect(messages(verifyBookIntegrity(records, book))).toEqual(['Entry 21 was added outside saoy (the book ends at record 22)']);
  });

  it("detects a changed book header (e.g. its first number)", () => {
    const { book, records } = buildLedger(3);
    const report = verifyBookIntegrity(records, { ...book, config: { ...book.config, firstNumber: 2 } });
    expect(report.problems.map((p) => p.kind)).toContain('header');
  });

  it('detects a completion of an entry that was never reserved', () => {
    const { book, records } = buildLedger(3);
    const last = records[records.length - 1];
    const bogus = { v: 1 as const, kind: 'complete' as const, bookId: book.config.id, seq: last.seq + 1, at: 'x', number: 2, copyId: 'c', sha256: '00', size: 1, prevHash: last.hash };
    const report = verifyBookIntegrity([...records, { ...bogus, hash: recordHash(bogus) }]);
    expect(messages(report)).toEqual(['Record 4 (completion of entry 2): entry 2 was already completed']);
  });
});
