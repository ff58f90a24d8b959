/**
 * The copy cache: certified copies (PDF + metadata) kept in the browser until the clerk deletes them. Copies
 * are never overwritten silently: a second put of another PDF under the same id is refused, and the only
 * change is markFinal (the authority's signature appended as an incremental update of the same bytes).
 */
import { SaoyError } from '../errors.js';
import { matchesQuery, type RowQuery } from '../book/search.js';
import type { CopyRecord, SaoyDatabase } from './db.js';
import { startsWith } from '../bytes/concat.js';
import { sha256Hex } from '../bytes/sha.js';
import { ownBytes } from './bytes.js';
import { mapStoreError } from './quota.js';
import { inWriteTx } from './tx.js';

export type CopyStatus = CopyRecord['status'];
/** A copy without its PDF bytes, for lists. */
export type CopySummary = Omit<CopyRecord, 'pdf'> & { size: number };
export type CopyInput = Omit<CopyRecord, 'sha256' | 'createdAt'> & { createdAt?: string };

export interface CopyQuery extends Omit<RowQuery, 'status'> {
  status?: CopyStatus;
  bookId?: string;
}

function copyError(code: 'COPY_NOT_FOUND' | 'COPY_EXISTS' | 'COPY_NOT_PENDING' | 'COPY_NOT_AN_UPDATE', en: string, vi: string): SaoyError {
  return new SaoyError(code, en, vi);
}

export function copyNotFound(id: string): SaoyError {
  return copyError('COPY_NOT_FOUND', `there is no stored copy ${id}`, `Không tìm thấy bản sao ${id}`);
}

/** Stores a copy; the same bytes again are a no-op, other bytes under the same id are refused (COPY_EXISTS). */
export async function putCopy(db: SaoyDatabase, input: CopyInput): Promise<CopyRecord> {
  const record: CopyRecord = { ...input, pdf: ownBytes(input.pdf), sha256: await sha256Hex(input.pdf), createdAt: input.createdAt ?? new Date().toISOString() };
  return inWriteTx(db, ['copies'], async (tx) => {
    const existing = await tx.objectStore('copies').get(record.id);
    if (existing) {
      if (existing.sha256 === record.sha256) return existing;
      throw copyError('COPY_EXISTS', `another copy is already stored as ${record.certNo} (${record.bookNo})`, `Đã lưu một bản sao khác với số ${record.certNo} (quyển ${record.bookNo})`);
    }
    await tx.objectStore('copies').add(record);
    return record;
  });
}

export async function getCopy(db: SaoyDatabase, id: string): Promise<CopyRecord | undefined> {
  try {
    return await db.get('copies', id);
  } catch (e) {
    throw mapStoreError(e);
  }
}

function summary(c: CopyRecord): CopySummary {
  const { pdf, ...rest } = c;
  return { ...rest, size: pdf.length };
}

/**
 * Copies matching a query (date range, number, requester, original's name — diacritics-insensitive), newest
 * first, without their bytes. Walks a cursor so only one PDF is in memory at a time.
 */
export async function listCopies(db: SaoyDatabase, query: CopyQuery = {}): Promise<CopySummary[]> {
  const out: CopySummary[] = [];
  const tx = db.transaction('copies', 'readonly');
  let cursor = query.status ? await tx.store.index('byStatus').openCursor(query.status) : await tx.store.openCursor();
  while (cursor) {
    const c = cursor.value;
    if ((!query.bookId || c.bookId === query.bookId) && matchesQuery(c, query)) out.push(summary(c));
    cursor = await cursor.continue();
  }
  await tx.done;
  return out.sort((a, b) => b.date.localeCompare(a.date) || b.number - a.number || a.bookNo.localeCompare(b.bookNo));
}

/**
 * The authority signed: `finalPdf` must be the stored copy plus an incremental update (the certified bytes
 * unchanged at its start). Returns the updated record.
 */
export async function markFinal(db: SaoyDatabase, id: string, finalPdf: Uint8Array, opts: { now?: Date } = {}): Promise<CopyRecord> {
  const sha256 = await sha256Hex(finalPdf);
  return inWriteTx(db, ['copies'], async (tx) => {
    const copy = await tx.objectStore('copies').get(id);
    if (!copy) throw copyNotFound(id);
    if (copy.status === 'final') {
      if (copy.sha256 === sha256) return copy;
      throw copyError('COPY_NOT_PENDING', `copy ${copy.certNo} is already final`, `Bản sao số ${copy.certNo} đã có chữ ký của cơ quan có thẩm quyền`);
    }
    if (finalPdf.length <= copy.pdf.length || !startsWith(finalPdf, copy.pdf)) {
      throw copyError(
        'COPY_NOT_AN_UPDATE',
        `the file is not copy ${copy.certNo} with a signature added (its signed bytes differ)`,
        `Tệp không phải bản sao số ${copy.certNo} được ký thêm (nội dung đã ký bị khác)`,
      );
    }
    const updated: CopyRecord = { ...copy, pdf: ownBytes(finalPdf), sha256, status: 'final', finalizedAt: (opts.now ?? new Date()).toISOString() };
    await tx.objectStore('copies').put(updated);
    return updated;
  });
}

/**
 * Long-term validation added to a final copy (a /DSS, a document timestamp): `extendedPdf` must be the stored
 * bytes plus an incremental update, so the copy as signed stays its first bytes and nothing is lost. A copy
 * changed meanwhile (another tab renewed it first) is refused rather than overwritten.
 */
export async function extendStoredCopy(db: SaoyDatabase, id: string, expectedSha256: string, extendedPdf: Uint8Array, opts: { now?: Date } = {}): Promise<CopyRecord> {
  const sha256 = await sha256Hex(extendedPdf);
  return inWriteTx(db, ['copies'], async (tx) => {
    const copy = await tx.objectStore('copies').get(id);
    if (!copy) throw copyNotFound(id);
    if (copy.sha256 === sha256) return copy;
    if (copy.sha256 !== expectedSha256 || extendedPdf.length <= copy.pdf.length || !startsWith(extendedPdf, copy.pdf)) {
      throw copyError(
        'COPY_NOT_AN_UPDATE',
        `the file is not copy ${copy.certNo} with validation data added (its signed bytes differ, or the copy changed meanwhile)`,
        `Tệp không phải bản sao số ${copy.certNo} được bổ sung dữ liệu kiểm tra (nội dung đã ký bị khác, hoặc bản sao vừa được thay đổi)`,
      );
    }
    const updated: CopyRecord = { ...copy, pdf: ownBytes(extendedPdf), sha256, extendedAt: (opts.now ?? new Date()).toISOString() };
    await tx.objectStore('copies').put(updated);
    return updated;
  });
}

/** Deletes one copy (only ever on an explicit request). True when it existed. */
export async function deleteCopy(db: SaoyDatabase, id: string): Promise<boolean> {
  return inWriteTx(db, ['copies'], async (tx) => {
    if ((await tx.objectStore('copies').getKey(id)) === undefined) return false;
    await tx.objectStore('copies').delete(id);
    return true;
  });
}
