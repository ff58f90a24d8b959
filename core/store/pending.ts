/**
 * The authority queue: copies signed by the certifier that await the competent authority's signature. When
 * the authority signs in another browser profile, a copy travels as one `.saoy-pending` file (container.ts:
 * a JSON manifest + the PDF) and comes back as the final PDF (copies.markFinal).
 */
import { SaoyError } from '../errors.js';
import { sha256Hex } from '../bytes/sha.js';
import { ownBytes } from './bytes.js';
import { readContainer, writeContainer } from './container.js';
import { copyNotFound, listCopies, putCopy, type CopySummary } from './copies.js';
import type { CopyRecord, SaoyDatabase } from './db.js';
import { checkPendingPdf, pendingInvalid } from './pending-check.js';
import { concatBytes } from '../bytes/concat.js';

export const PENDING_MAGIC = 'SAOYPND1';
export const PENDING_EXTENSION = '.saoy-pending';

export interface PendingManifest {
  format: 'saoy-pending';
  version: 1;
  copyId: string;
  bookId: string;
  bookNo: string;
  number: number;
  certNo: string;
  requester: string;
  docName: string;
  date: string;
  sha256: string;
  size: number;
  exportedAt: string;
}

/** Copies awaiting the authority, newest first. */
export async function listPending(db: SaoyDatabase): Promise<CopySummary[]> {
  return listCopies(db, { status: 'awaiting-authority' });
}

export async function exportPending(db: SaoyDatabase, copyId: string, opts: { now?: Date } = {}): Promise<Uint8Array> {
  const copy = await db.get('copies', copyId);
  if (!copy) throw copyNotFound(copyId);
  if (copy.status !== 'awaiting-authority') {
    throw new SaoyError('COPY_NOT_PENDING', `copy ${copy.certNo} is not awaiting the authority`, `Bản sao số ${copy.certNo} không ở trạng thái chờ cơ quan có thẩm quyền ký`);
  }
  const manifest: PendingManifest = {
    format: 'saoy-pending',
    version: 1,
    copyId: copy.id,
    bookId: copy.bookId,
    bookNo: copy.bookNo,
    number: copy.number,
    certNo: copy.certNo,
    requester: copy.requester,
    docName: copy.docName,
    date: copy.date,
    sha256: copy.sha256,
    size: copy.pdf.length,
    exportedAt: (opts.now ?? new Date()).toISOString(),
  };
  return concatBytes(await writeContainer(PENDING_MAGIC, manifest, [copy.pdf]));
}

/** "so-15-01-2026-SCT-BS.saoy-pending" (ASCII, no path separators). */
export function pendingFileName(copy: Pick<CopyRecord, 'certNo' | 'bookNo'>): string {
  const safe = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-|-$/g, '');
  return `so-${safe(copy.certNo)}-${safe(copy.bookNo)}${PENDING_EXTENSION}`;
}

const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length < 2000;

function parseManifest(m: unknown): PendingManifest {
  const o = (typeof m === 'object' && m !== null ? m : {}) as Record<string, unknown>;
  if (o.format !== 'saoy-pending') throw pendingInvalid('not a saoy pending copy', 'không phải tệp bản sao chờ ký của saoy');
  if (o.version !== 1) throw pendingInvalid(`unsupported version ${String(o.version)}`, `phiên bản ${String(o.version)} không được hỗ trợ`);
  const ok =
    ['copyId', 'bookId', 'bookNo', 'certNo', 'requester', 'docName', 'date', 'sha256', 'exportedAt'].every((k) => isStr(o[k])) &&
    Number.isSafeInteger(o.number) &&
    Number.isSafeInteger(o.size);
  if (!ok) throw pendingInvalid('its manifest is incomplete', 'thông tin kèm theo bị thiếu');
  return o as unknown as PendingManifest;
}

/** Reads and checks a `.saoy-pending` file without storing it (to show the authority what it would sign). */
export async function readPendingFile(bytes: Uint8Array): Promise<{ manifest: PendingManifest; pdf: Uint8Array }> {
  const { manifest: raw, blobs } = await readContainer(bytes, PENDING_MAGIC, (why) => pendingInvalid(why, why));
  const manifest = parseManifest(raw);
  if (blobs.length !== 1) throw pendingInvalid('it must hold exactly one PDF', 'tệp phải chứa đúng một tệp PDF');
  const pdf = blobs[0];
  if (pdf.length !== manifest.size || (await sha256Hex(pdf)) !== manifest.sha256) {
    throw pendingInvalid("the PDF does not match the manifest's SHA-256", 'tệp PDF không khớp mã SHA-256 trong thông tin kèm theo');
  }
  await checkPendingPdf(pdf, { certNo: manifest.certNo });
  return { manifest, pdf };
}

/** Imports a pending copy into this profile's queue (idempotent; another PDF under the same number is refused). */
export async function importPending(db: SaoyDatabase, bytes: Uint8Array, opts: { now?: Date } = {}): Promise<CopyRecord> {
  const { manifest, pdf } = await readPendingFile(bytes);
  return putCopy(db, {
    id: manifest.copyId,
    certNo: manifest.certNo,
    number: manifest.number,
    bookId: manifest.bookId,
    bookNo: manifest.bookNo,
    requester: manifest.requester,
    docName: manifest.docName,
    date: manifest.date,
    status: 'awaiting-authority',
    pdf: ownBytes(pdf),
    createdAt: (opts.now ?? new Date()).toISOString(),
  });
}
