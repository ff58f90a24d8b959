/** The backup file's manifest (version 1) and its validation: a backup is untrusted input until checked. */
import { SaoyError } from '../errors.js';
import { verifyBookIntegrity } from '../book/integrity.js';
import type { BookState, LedgerRecord } from '../book/types.js';
import type { CopyRecord } from './db.js';

export const BACKUP_MAGIC = 'SAOYBAK1';
export const BACKUP_FORMAT = 'saoy-backup';
export const BACKUP_VERSION = 1;

export interface BackupBook {
  book: BookState;
  records: LedgerRecord[];
}

export type BackupCopy = Omit<CopyRecord, 'pdf'> & { blob: number };

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  books: BackupBook[];
  copies: BackupCopy[];
}

export function backupInvalid(why: string): SaoyError {
  return new SaoyError('BACKUP_INVALID', `the backup file is not valid: ${why}`, `Tệp sao lưu không hợp lệ: ${why}`);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
const KINDS = new Set(['entry', 'complete', 'cancel', 'close']);

function checkBook(b: unknown, i: number): BackupBook {
  if (!isObj(b) || !isObj(b.book) || !Array.isArray(b.records)) throw backupInvalid(`book ${i + 1} is malformed`);
  const { config, head } = b.book as Partial<BookState>;
  if (!isObj(config) || !isStr(config.id) || !isStr(config.bookNo) || !isInt(config.year) || !isInt(config.firstNumber) || !isStr(b.book.genesisHash)) {
    throw backupInvalid(`book ${i + 1} has a malformed configuration`);
  }
  if (!isObj(head) || !isInt(head.seq) || !isStr(head.hash) || !isInt(head.lastNumber) || !Array.isArray(head.openReservations) || typeof head.closed !== 'boolean') {
    throw backupInvalid(`book ${config.bookNo} has a malformed head`);
  }
  for (const r of b.records as unknown[]) {
    if (!isObj(r) || !KINDS.has(r.kind as string) || !isInt(r.seq) || !isStr(r.hash) || !isStr(r.prevHash) || r.bookId !== config.id) {
      throw backupInvalid(`book ${config.bookNo} has a malformed record`);
    }
  }
  const book = b as unknown as BackupBook;
  let report;
  try {
    report = verifyBookIntegrity(book.records, book.book);
  } catch {
    throw backupInvalid(`book ${config.bookNo} has a record that cannot be checked`);
  }
  if (!report.ok) throw backupInvalid(`book ${config.bookNo}: ${report.problems[0].en}`);
  return book;
}

function checkCopy(c: unknown, blobs: number): BackupCopy {
  const ok =
    isObj(c) &&
    isStr(c.id) &&
    isStr(c.certNo) &&
    isInt(c.number) &&
    isStr(c.bookId) &&
    isStr(c.bookNo) &&
    isStr(c.requester) &&
    isStr(c.docName) &&
    isStr(c.date) &&
    (c.status === 'awaiting-authority' || c.status === 'final') &&
    isStr(c.sha256) &&
    isStr(c.createdAt) &&
    isInt(c.blob) &&
    c.blob >= 0 &&
    c.blob < blobs;
  if (!ok) throw backupInvalid('a copy entry is malformed');
  return c as unknown as BackupCopy;
}

export function parseBackupManifest(value: unknown, blobCount: number): BackupManifest {
  if (!isObj(value) || value.format !== BACKUP_FORMAT) throw backupInvalid('not a saoy backup');
  if (!isInt(value.version) || value.version > BACKUP_VERSION) {
    throw new SaoyError('BACKUP_VERSION', 'the backup was made by a newer saoy: update saoy first', 'Tệp sao lưu được tạo bởi phiên bản saoy mới hơn: hãy cập nhật saoy');
  }
  if (!Array.isArray(value.books) || !Array.isArray(value.copies)) throw backupInvalid('books or copies are missing');
  return {
    format: BACKUP_FORMAT,
    version: value.version,
    createdAt: isStr(value.createdAt) ? value.createdAt : '',
    books: value.books.map(checkBook),
    copies: value.copies.map((c) => checkCopy(c, blobCount)),
  };
}
