/**
 * A certification book kept in a directory, for the command line: `book.jsonl`, append-only JSON Lines —
 * line 1 the book's header (its configuration and genesis hash), then one ledger record per line, hash-chained
 * exactly as the extension's IndexedDB book (core/book/hash.ts). Records are only ever appended.
 *
 * Several `saoy certify --book-dir` processes may run at once: every write holds `book.lock`, created with
 * O_CREAT|O_EXCL (exactly one process succeeds; the others retry), and re-reads and checks the book under it
 * before appending, so two processes never take the same number and none skips one.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { newBookState, type OpenBookInput } from '../core/book/config.js';
import { normalizeDraft } from '../core/book/draft.js';
import { bookError } from '../core/book/errors.js';
import { DEFAULT_FEE_RULES } from '../core/book/fee.js';
import { verifyBookIntegrity, type IntegrityReport } from '../core/book/integrity.js';
import { appendCancellation, appendClose, appendCompletion, appendEntry, type Appended } from '../core/book/ledger.js';
import { replayBook } from '../core/book/replay.js';
import { reservationOf } from '../core/book/reservation.js';
import { rowsOf } from '../core/book/rows.js';
import type { BookConfig, BookRow, BookState, EntryRecord, LedgerRecord } from '../core/book/types.js';
import type { BookPort } from '../core/workflow/ports.js';
import { CliError } from './fail.js';
import { sha256Hex } from '../core/bytes/sha.js';

export const BOOK_FILE = 'book.jsonl';
const LOCK_FILE = 'book.lock';
/** A lock older than this is left over from a killed process (a write takes milliseconds). */
const STALE_LOCK_MS = 30_000;
const LOCK_WAIT_MS = 60_000;

interface Header {
  kind: 'book';
  v: 1;
  config: BookConfig;
  genesisHash: string;
}

export interface BookFile {
  dir: string;
  header: Header;
  records: LedgerRecord[];
  /** records[i] is on line lineOf[i] (1-based; line 1 is the header). */
  lineOf: number[];
  /** Lines that are not JSON records at all (1-based), with why. */
  unreadable: { line: number; why: string }[];
}

/** What the CLI stores per certification: where the copy went and its SHA-256 (chained into the book). */
export interface StoredCopy {
  certNo: string;
  sha256: string;
}

const fileOf = (dir: string) => join(dir, BOOK_FILE);

export function readBookFile(dir: string): BookFile {
  const path = fileOf(dir);
  if (!existsSync(path)) throw new CliError(`${dir} holds no book (${BOOK_FILE}); start one with "saoy book open ${dir} --office TEXT --book-no TEXT"`);
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let header: Header | undefined;
  try {
    const h = JSON.parse(lines[0] ?? '') as Header;
    if (h.kind === 'book' && h.v === 1 && typeof h.genesisHash === 'string' && h.config) header = h;
  } catch {
    // reported below
  }
  if (!header) throw new CliError(`${path} line 1 is not a saoy book header`);
  const records: LedgerRecord[] = [];
  const lineOf: number[] = [];
  const unreadable: BookFile['unreadable'] = [];
  for (let i = 1; i < lines.length; i++) {
    try {
      const r = JSON.parse(lines[i]) as LedgerRecord;
      if (typeof r !== 'object' || r === null || typeof r.seq !== 'number' || typeof r.hash !== 'string') throw new Error('not a ledger record');
      records.push(r);
      lineOf.push(i + 1);
    } catch (e) {
      unreadable.push({ line: i + 1, why: e instanceof SyntaxError ? 'not valid JSON' : (e as Error).message });
    }
  }
  return { dir, header, records, lineOf, unreadable };
}

export function stateOf(f: BookFile): BookState {
  return replayBook(f.header.config, f.header.genesisHash, f.records);
}

export interface BookCheck {
  ok: boolean;
  /** One English line per problem, each naming the line of book.jsonl. */
  problems: string[];
  report: IntegrityReport;
}

/**
 * Verifies the chain. The head is replayed from the file itself, so what is caught is what the chain proves: an
 * edited, removed, reordered or inserted line. A rewrite of the whole file from the edit on is caught only
 * against an outside anchor: the head hash `saoy book check` prints (keep it on the monthly print).
 */
export function checkBook(f: BookFile): BookCheck {
  const report = verifyBookIntegrity(f.records, { config: f.header.config, genesisHash: f.header.genesisHash, head: stateOf(f).head });
  const lineOfSeq = (seq: number) => f.lineOf[f.records.findIndex((r) => r.seq === seq)];
  const problems = [
    ...f.unreadable.map((u) => `${BOOK_FILE} line ${u.line}: ${u.why} (edited by hand?)`),
    ...report.problems.map((p) => {
      const line = p.kind === 'header' && p.seq === undefined ? 1 : p.seq !== undefined ? lineOfSeq(p.seq) : undefined;
      return line ? `${BOOK_FILE} line ${line}: ${p.en}` : `${BOOK_FILE}: ${p.en}`;
    }),
  ];
  return { ok: problems.length === 0, problems, report };
}

/** Creates the book: line 1, written once (O_EXCL: an existing book is never overwritten). */
export function openBookDir(dir: string, input: OpenBookInput): BookState {
  mkdirSync(dir, { recursive: true });
  const state = newBookState(globalThis.crypto.randomUUID(), input, { firstNumber: 1 });
  const header: Header = { kind: 'book', v: 1, config: state.config, genesisHash: state.genesisHash };
  let fd: number;
  try {
    fd = openSync(fileOf(dir), 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new CliError(`${dir} already holds a book (${BOOK_FILE})`);
    throw e;
  }
  try {
    writeSync(fd, `${JSON.stringify(header)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return state;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` holding the book's lock file (O_EXCL create; retried with jitter; a stale one is removed). */
export async function withBookLock<T>(dir: string, fn: () => T): Promise<T> {
  const lock = join(dir, LOCK_FILE);
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(lock, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, `${process.pid}\n`);
        closeSync(fd);
        return fn();
      } finally {
        rmSync(lock, { force: true });
      }
    }
    try {
      if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { force: true });
    } catch {
      // gone meanwhile: retry at once
    }
    if (Date.now() > deadline) throw new CliError(`the book in ${dir} stayed locked for ${LOCK_WAIT_MS / 1000} s (${lock}); remove that file if no saoy process is running`);
    await sleep(5 + Math.random() * 20);
  }
}

/** Under the lock: read, refuse a book whose chain is broken, let `step` compute the record, append it. */
export async function appendToBook(dir: string, step: (state: BookState, rows: BookRow[]) => Appended): Promise<Appended> {
  return withBookLock(dir, () => {
    const f = readBookFile(dir);
    const check = checkBook(f);
    if (!check.ok) {
      throw bookError('BOOK_CORRUPT', `the book in ${dir} fails its check (${check.problems[0]}): run "saoy book check ${dir}"`, 'Sổ chứng thực không toàn vẹn');
    }
    const appended = step(stateOf(f), rowsOf(f.records));
    const fd = openSync(fileOf(dir), 'a');
    try {
      writeSync(fd, `${JSON.stringify(appended.record)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return appended;
  });
}

/** The book directory as the certify workflow's storage (core/workflow/ports.ts). */
export function bookDirPort(dir: string): BookPort<StoredCopy> {
  return {
    getBook: async () => stateOf(readBookFile(dir)),
    feeRules: async () => DEFAULT_FEE_RULES,
    reserve: async (_bookId, draft, now) => {
      const normalized = normalizeDraft(draft, DEFAULT_FEE_RULES);
      const a = await appendToBook(dir, (state) => appendEntry(state, normalized, now.toISOString(), 'reserved'));
      return reservationOf(a.state, a.record as EntryRecord);
    },
    complete: async (reservation, pdf, now) => {
      const sha256 = await sha256Hex(pdf);
      await appendToBook(dir, (state) => appendCompletion(state, reservation.number, { copyId: reservation.certNo, sha256, size: pdf.length }, now.toISOString()));
      return { certNo: reservation.certNo, sha256 };
    },
    abandon: async (_bookId, number, reason, now) => {
      await appendToBook(dir, (state, rows) => {
        const row = rows.find((r) => r.number === number);
        if (row?.status !== 'reserved') throw bookError('BOOK_ENTRY_NOT_RESERVED', `number ${number} is not reserved`, `Số ${number} không ở trạng thái chờ`);
        return appendCancellation(state, number, row.status, reason, true, now.toISOString());
      });
    },
  };
}

/** The year-end closing record (marked yearEnd, with the totals in its reason); nothing can be appended after it. */
export async function closeBookDir(dir: string, reason: (state: BookState, rows: BookRow[]) => string, now: Date): Promise<Appended> {
  return appendToBook(dir, (state, rows) => appendClose(state, reason(state, rows), now.toISOString(), true));
}
