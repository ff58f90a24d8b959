/**
 * Known-answer vectors for the book's hash chain. The expected hex values were computed outside saoy (Python's
 * hashlib over the hand-written canonical strings below) and are recomputed here with node:crypto, so a change to
 * the domain strings, the canonical encoding or the set of hashed fields (prevHash left out, a field dropped)
 * fails even when the book stays self-consistent.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newBookState } from '../../../core/book/config';
import { normalizeDraft } from '../../../core/book/draft';
import { DEFAULT_FEE_RULES } from '../../../core/book/fee';
import { genesisHash, recordHash, sealRecord } from '../../../core/book/hash';
import { verifyBookIntegrity } from '../../../core/book/integrity';
import { appendCompletion, appendEntry } from '../../../core/book/ledger';
import type { EntryRecord, LedgerRecord } from '../../../core/book/types';
import { baseDraft, buildLedger } from './ledger-fixture';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const GENESIS_TEXT =
  'saoy-book-genesis-v1\n{"bookNo":"01/2026-SCT/BS","columnsTemplateId":"tt01-2020","firstNumber":1,"id":"book-1","numberDigits":2,"numberSuffix":"","office":"UBND phường Trường Thi","openedOn":"2026-01-02","series":"SCT/BS","year":2026}';
const GENESIS_HEX = 'b2532a8a7fd36599469bfd5932a0fdb1284fc8da420374505b11795c3547172d';

const ENTRY_TEXT = `saoy-book-record-v1\n{"at":"2026-03-05T01:00:00.000Z","bookId":"book-1","certNo":"01","copies":1,"date":"2026-03-05","docName":"Bằng tốt nghiệp đại học","fee":4000,"feeRuleId":"tt226-2016","kind":"entry","note":"","number":1,"pages":2,"prevHash":"${GENESIS_HEX}","requester":"Lê Văn Đức","seq":1,"signerName":"Nguyễn Thị Hồng Nhung","signerTitle":"Công chức Tư pháp - Hộ tịch","state":"reserved","v":1}`;
const ENTRY_HEX = 'deaace8b48862340ece7f6fc360c17e4dddd2c92241783b2d643d5c90f0f62d2';

const COMPLETION_TEXT = `saoy-book-record-v1\n{"at":"2026-03-05T01:05:00.000Z","bookId":"book-1","copyId":"book-1#1","kind":"complete","number":1,"prevHash":"${ENTRY_HEX}","seq":2,"sha256":"${'ab'.repeat(32)}","size":1234,"v":1}`;
const COMPLETION_HEX = 'cf66012d65cbbab29f019e302f9a650909886b92a136c1a9a51138aa5cc8818e';

function openBook() {
  return newBookState('book-1', { office: ' UBND phường Trường Thi ', year: 2026, bookNo: '01/2026-SCT/BS', openedOn: '2026-01-02' }, { firstNumber: 1 });
}

describe('book hash known-answer vectors', () => {
  it('the vectors themselves are what SHA-256 says (independent of saoy)', () => {
    expect(sha256(GENESIS_TEXT)).toBe(GENESIS_HEX);
    expect(sha256(ENTRY_TEXT)).toBe(ENTRY_HEX);
    expect(sha256(COMPLETION_TEXT)).toBe(COMPLETION_HEX);
  });

  it('genesis hash of a fixed book configuration', () => {
    const book = openBook();
    expect(book.genesisHash).toBe(GENESIS_HEX);
    expect(genesisHash(book.config)).toBe(GENESIS_HEX);
    expect(book.head).toEqual({ seq: 0, hash: GENESIS_HEX, lastNumber: 0, openReservations: [], closed: false });
  });

  it('hash of a fixed entry and of the completion chained after it', () => {
    const book = openBook();
    const draft = normalizeDraft(baseDraft, DEFAULT_FEE_RULES);
    const entry = appendEntry(book, draft, '2026-03-05T01:00:00.000Z', 'reserved');
    expect(entry.record.prevHash).toBe(GENESIS_HEX);
    expect(entry.record.hash).toBe(ENTRY_HEX);
    expect(recordHash(entry.record)).toBe(ENTRY_HEX);
    const done = appendCompletion(entry.state, 1, { copyId: 'book-1#1', sha256: 'ab'.repeat(32), size: 1234 }, '2026-03-05T01:05:00.000Z');
    expect(done.record).toEqual({ v: 1, kind: 'complete', bookId: 'book-1', seq: 2, at: '2026-03-05T01:05:00.000Z', number: 1, copyId: 'book-1#1', sha256: 'ab'.repeat(32), size: 1234, prevHash: ENTRY_HEX, hash: COMPLETION_HEX });
    expect(done.state.head).toMatchObject({ seq: 2, hash: COMPLETION_HEX, lastNumber: 1, openReservations: [] });
  });

  it('sealRecord fills v, bookId, seq and prevHash before hashing', () => {
    const { hash: _h, prevHash: _p, seq: _s, bookId: _b, v: _v, ...body } = appendEntry(openBook(), normalizeDraft(baseDraft, DEFAULT_FEE_RULES), '2026-03-05T01:00:00.000Z', 'reserved').record;
    expect(sealRecord(body, 'book-1', 1, GENESIS_HEX).hash).toBe(ENTRY_HEX);
  });

  it('every field of a record is in its hash, prevHash included; the stored hash is not', () => {
    const rec = appendEntry(openBook(), normalizeDraft(baseDraft, DEFAULT_FEE_RULES), '2026-03-05T01:00:00.000Z', 'reserved').record as EntryRecord;
    const fields = Object.keys(rec).filter((k) => k !== 'hash');
    expect(fields).toHaveLength(19);
    for (const k of fields) {
      const v = (rec as unknown as Record<string, unknown>)[k];
      const changed = { ...rec, [k]: typeof v === 'number' ? v + 1 : typeof v === 'string' ? `${v}x` : v } as EntryRecord;
      expect(recordHash(changed), k).not.toBe(ENTRY_HEX);
    }
    expect(recordHash({ ...rec, hash: '00' })).toBe(ENTRY_HEX);
  });

  it('every field of the configuration is in the genesis hash', () => {
    const { config } = openBook();
    for (const [k, v] of Object.entries(config)) {
      const changed = { ...config, [k]: typeof v === 'number' ? v + 1 : `${String(v)}x` };
      expect(genesisHash(changed), k).not.toBe(GENESIS_HEX);
    }
  });
});

describe('the chain link is protected', () => {
  it('editing entry 12, rehashing it and patching entry 13’s link is still caught', () => {
    const { book, records } = buildLedger();
    const i = records.findIndex((r) => r.kind === 'entry' && r.number === 12);
    const forged = { ...(records[i] as EntryRecord), fee: 0 };
    const forgedHash = recordHash(forged);
    records[i] = { ...forged, hash: forgedHash };
    records[i + 1] = { ...records[i + 1], prevHash: forgedHash } as LedgerRecord;
    const report = verifyBookIntegrity(records, book);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.en)).toEqual(['Entry 13 was modified']);
  });
});
