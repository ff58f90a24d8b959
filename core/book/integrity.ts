/**
 * verifyBookIntegrity: recomputes every hash and link of a book's ledger and names what is wrong in the
 * book's own terms ("entry 12 was modified", "entry 13 is missing"). Catches an edited record (hash), a record
 * rewritten with a fresh hash (the next link breaks), a deleted record (seq/number gap), records out of order,
 * a record inserted twice under one seq, and — given the book's head — records cut off or added at the end.
 * A wholesale rewrite of chain and head is only caught against an outside anchor (a printed/exported head
 * hash, or the SHA-256 of signed copies in completion records).
 */
import { genesisHash, recordHash } from './hash.js';
import type { BookState, EntryRecord, LedgerRecord } from './types.js';

export type IntegrityProblemKind = 'modified' | 'missing' | 'inserted' | 'out-of-order' | 'numbering' | 'reference' | 'header';

export interface IntegrityProblem {
  readonly kind: IntegrityProblemKind;
  /** Ledger position concerned, when known. */
  readonly seq?: number;
  /** Certification number concerned, when known. */
  readonly number?: number;
  readonly en: string;
  readonly vi: string;
}

export interface IntegrityReport {
  readonly ok: boolean;
  readonly records: number;
  readonly entries: number;
  readonly problems: IntegrityProblem[];
}

const WHAT_EN = { complete: 'completion', cancel: 'cancellation' } as const;
const WHAT_VI = { complete: 'hoàn tất', cancel: 'hủy' } as const;

function label(r: LedgerRecord): { en: string; vi: string } {
  if (r.kind === 'entry') return { en: `entry ${r.number}`, vi: `mục số ${r.number}` };
  if (r.kind === 'close') return { en: `record ${r.seq} (closing the book)`, vi: `bản ghi ${r.seq} (khóa sổ)` };
  return { en: `record ${r.seq} (${WHAT_EN[r.kind]} of entry ${r.number})`, vi: `bản ghi ${r.seq} (${WHAT_VI[r.kind]} mục số ${r.number})` };
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const numberOf = (r: LedgerRecord): number | undefined => (r.kind === 'close' ? undefined : r.number);

export function verifyBookIntegrity(records: readonly LedgerRecord[], book?: Pick<BookState, 'config' | 'genesisHash' | 'head'>): IntegrityReport {
  const problems: IntegrityProblem[] = [];
  const add = (kind: IntegrityProblemKind, en: string, vi: string, r?: LedgerRecord | { seq?: number; number?: number }) =>
    problems.push({ kind, en, vi, ...(r?.seq !== undefined ? { seq: r.seq } : {}), ...(r && numberOf(r as LedgerRecord) !== undefined ? { number: numberOf(r as LedgerRecord) } : {}) });

  if (book && genesisHash(book.config) !== book.genesisHash) {
    add('header', "the book's header (number, year, first number) was modified", 'Thông tin quyển sổ (quyển số, năm, số bắt đầu) đã bị sửa đổi');
  }
  const sorted = checkOrder(records, add);
  const chain = dropInserted(sorted, book?.head, add);

  let expectedSeq = 1;
  let prevHash = book?.genesisHash ?? chain[0]?.prevHash;
  let expectedNumber = book?.config.firstNumber ?? chain.find((r): r is EntryRecord => r.kind === 'entry')?.number ?? 1;
  let missingRecords = 0; // seq gap not yet explained by missing entries
  let closedAt: number | undefined;
  const entries = new Map<number, { entry: EntryRecord; completed: boolean; cancelled: boolean }>();
  let previous: LedgerRecord | undefined;

  for (const r of chain) {
    const l = label(r);
    if (recordHash(r) !== r.hash) add('modified', `${cap(l.en)} was modified`, `${cap(l.vi)} đã bị sửa đổi`, r);
    if (book && r.bookId !== book.config.id) add('inserted', `${cap(l.en)} belongs to another book`, `${cap(l.vi)} thuộc quyển sổ khác`, r);
    if (r.seq > expectedSeq) missingRecords += r.seq - expectedSeq;
    else if (r.prevHash !== prevHash) {
      if (previous) {
        const p = label(previous);
        add('modified', `${cap(p.en)} was modified or replaced (${l.en} no longer follows it)`, `${cap(p.vi)} đã bị sửa đổi hoặc thay thế (${l.vi} không còn nối tiếp)`, previous);
      } else add('header', `${cap(l.en)} does not start this book's chain: the book's header or its first record was replaced`, `${cap(l.vi)} không nối với đầu quyển sổ: thông tin quyển sổ hoặc bản ghi đầu tiên đã bị thay thế`, r);
    }
    if (closedAt !== undefined) add('reference', `${cap(l.en)} was written after the book was closed`, `${cap(l.vi)} được ghi sau khi đã khóa sổ`, r);

    if (r.kind === 'entry') {
      if (r.number > expectedNumber) {
        for (let n = expectedNumber; n < r.number; n++) add('missing', `Entry ${n} is missing`, `Thiếu mục số ${n}`, { number: n });
        const explained = r.number - expectedNumber;
        if (explained > missingRecords) add('numbering', `Numbers skip from ${expectedNumber - 1} to ${r.number}`, `Số chứng thực nhảy từ ${expectedNumber - 1} sang ${r.number}`, r);
        missingRecords = Math.max(0, missingRecords - explained);
      } else if (r.number < expectedNumber) {
        add('numbering', `Number ${r.number} is used again by record ${r.seq}`, `Số ${r.number} bị dùng lại ở bản ghi ${r.seq}`, r);
      }
      reportMissingOthers(missingRecords, r, add);
      missingRecords = 0;
      expectedNumber = Math.max(expectedNumber, r.number + 1);
      if (!entries.has(r.number)) entries.set(r.number, { entry: r, completed: r.state === 'recorded', cancelled: false });
    } else if (r.kind === 'close') {
      closedAt = r.seq;
    } else {
      const target = entries.get(r.number);
      if (!target) add('reference', `${cap(l.en)} refers to an entry that is not before it`, `${cap(l.vi)} tham chiếu mục không có trước nó`, r);
      else if (target.cancelled) add('reference', `${cap(l.en)}: entry ${r.number} was already cancelled`, `${cap(l.vi)}: mục số ${r.number} đã bị hủy trước đó`, r);
      else if (r.kind === 'complete' && target.completed) add('reference', `${cap(l.en)}: entry ${r.number} was already completed`, `${cap(l.vi)}: mục số ${r.number} đã hoàn tất trước đó`, r);
      if (target && r.kind === 'complete') target.completed = true;
      if (target && r.kind === 'cancel') target.cancelled = true;
    }
    prevHash = r.hash;
    expectedSeq = r.seq + 1;
    previous = r;
  }
  reportMissingOthers(missingRecords, undefined, add);
  if (book) checkHead(book, chain, expectedNumber, add);
  return { ok: problems.length === 0, records: records.length, entries: entries.size, problems };
}

type Add = (kind: IntegrityProblemKind, en: string, vi: string, r?: LedgerRecord | { seq?: number; number?: number }) => void;

function reportMissingOthers(count: number, before: LedgerRecord | undefined, add: Add): void {
  if (count <= 0) return;
  const where = before ? label(before) : { en: 'the end of the book', vi: 'cuối sổ' };
  add('missing', `${count} completion or cancellation record(s) before ${where.en} are missing`, `Thiếu ${count} bản ghi hoàn tất hoặc hủy trước ${where.vi}`, before ? { seq: before.seq - 1 } : undefined);
}

/** Records whose seq goes backwards are reported, then everything is checked in seq order. */
function checkOrder(records: readonly LedgerRecord[], add: Add): LedgerRecord[] {
  let maxSeq = 0;
  let maxRecord: LedgerRecord | undefined;
  const seen = new Set<number>();
  for (const r of records) {
    if (r.seq < maxSeq && !seen.has(r.seq) && maxRecord) {
      const l = label(r);
      const m = label(maxRecord);
      add('out-of-order', `${cap(l.en)} is out of order (stored after ${m.en})`, `${cap(l.vi)} bị đảo thứ tự (nằm sau ${m.vi})`, r);
    }
    seen.add(r.seq);
    if (r.seq > maxSeq) {
      maxSeq = r.seq;
      maxRecord = r;
    }
  }
  return [...records].sort((a, b) => a.seq - b.seq);
}

/** Several records under one seq: keep the one the chain goes through, report the others as inserted. */
function dropInserted(sorted: readonly LedgerRecord[], head: BookState['head'] | undefined, add: Add): LedgerRecord[] {
  const out: LedgerRecord[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j].seq === sorted[i].seq) j++;
    const group = sorted.slice(i, j);
    if (group.length === 1) out.push(group[0]);
    else {
      const next = sorted[j];
      const linked = next ? group.find((r) => next.prevHash === r.hash) : group.find((r) => r.hash === head?.hash);
      const keep = linked ?? group.find((r) => recordHash(r) === r.hash && r.prevHash === out[out.length - 1]?.hash) ?? group[0];
      out.push(keep);
      for (const r of group) {
        if (r === keep) continue;
        const l = label(r);
        add('inserted', `${cap(l.en)} was inserted (a second record at position ${r.seq})`, `${cap(l.vi)} được chèn thêm (bản ghi thứ hai ở vị trí ${r.seq})`, r);
      }
    }
    i = j;
  }
  return out;
}

/** The end of the chain must be where the book's head says: catches records cut off or appended outside saoy. */
function checkHead(book: Pick<BookState, 'head' | 'config'>, chain: readonly LedgerRecord[], nextNumber: number, add: Add): void {
  const last = chain[chain.length - 1];
  const lastSeq = last?.seq ?? 0;
  const { head } = book;
  if (lastSeq < head.seq) {
    for (let n = nextNumber; n <= head.lastNumber; n++) add('missing', `Entry ${n} is missing`, `Thiếu mục số ${n}`, { number: n });
    const others = head.seq - lastSeq - Math.max(0, head.lastNumber - nextNumber + 1);
    reportMissingOthers(others, undefined, add);
  } else if (lastSeq > head.seq) {
    for (const r of chain) {
      if (r.seq <= head.seq) continue;
      const l = label(r);
      add('inserted', `${cap(l.en)} was added outside saoy (the book ends at record ${head.seq})`, `${cap(l.vi)} được thêm vào ngoài saoy (sổ kết thúc ở bản ghi ${head.seq})`, r);
    }
  } else if (last && last.hash !== head.hash) {
    const l = label(last);
    add('modified', `${cap(l.en)} was modified or replaced (it is not the book's recorded last record)`, `${cap(l.vi)} đã bị sửa đổi hoặc thay thế (không khớp bản ghi cuối của sổ)`, last);
  }
  if (head.closed !== chain.some((r) => r.kind === 'close') && lastSeq === head.seq) {
    add('header', head.closed ? 'The book is marked closed but has no closing record' : 'The book has a closing record but is not marked closed', head.closed ? 'Sổ được đánh dấu đã khóa nhưng không có bản ghi khóa sổ' : 'Sổ có bản ghi khóa sổ nhưng không được đánh dấu đã khóa');
  }
}
