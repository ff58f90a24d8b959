/**
 * One certification in the clerk's panel, in the order DESIGN.md and core/book/README.md ask for:
 *
 *   prepare  — the copy as it will be signed, with the book's NEXT number (not yet taken), built by core
 *              (buildCopy is a pure function: same pages + fields → same bytes), and its SHA-256
 *   confirm  — the clerk sees pages, statement and SHA-256; only then is the key used
 *   sign     — unlock the key and check its certificate, reserve the number (one IndexedDB transaction); if
 *              another tab took the predicted number meanwhile, rebuild with the reserved one and ask the clerk
 *              to confirm again (the number stays reserved, held by this page); else sign (certifier, DocMDP
 *              P=2) and complete the reservation, storing the copy — or cancel the number when signing fails.
 *
 * Nothing here is reachable from a web page: it runs in the extension's own pages.
 */
import { ecopyFieldsFor } from '../../core/book/ecopy-fields.js';
import { bookError } from '../../core/book/errors.js';
import { computeFee, selectFeeRule } from '../../core/book/fee.js';
import { formatCertNo } from '../../core/book/numbering.js';
import type { EntryDraft, Reservation } from '../../core/book/types.js';
import { signCertifier, type CopyFonts } from '../../core/certify/certify-copy.js';
import { buildCopy, renderStatement, type EcopyFields, type OriginalImage, type RenderedStatement } from '../../core/ecopy/index.js';
import { SaoyError } from '../../core/errors.js';
import { checkSigningCertificate, describeCertificate } from '../../core/pki/certificate.js';
import { getBook } from '../../core/store/book.js';
import { cancelEntry, completeReservation, reserveNumber } from '../../core/store/book-ledger.js';
import { sha256Hex } from '../../core/store/bytes.js';
import type { CopyRecord, SaoyDatabase } from '../../core/store/db.js';
import { loadFeeRules } from '../../core/store/fee-rules.js';
import { getKey, signerForKey } from '../../core/store/keys.js';
import type { ReservationLocks } from './reservations.js';

export interface CertifyInput {
  bookId: string;
  /** The certifier's stored key. */
  keyId: string;
  requester: string;
  docName: string;
  /** Số bản sao (default 1). */
  copies: number;
  signerTitle: string;
  pages: OriginalImage[];
  /** ISO date of the certification (today). */
  date: string;
}

export interface Prepared {
  readonly input: CertifyInput;
  readonly fields: EcopyFields;
  readonly statement: RenderedStatement;
  readonly number: number;
  readonly fee: number;
  readonly unsigned: Uint8Array;
  readonly sha256: string;
  /** Present when the number is already reserved (it changed under the clerk: confirm again). */
  readonly reservation?: Reservation;
}

export type SignOutcome =
  | { kind: 'signed'; copy: CopyRecord }
  | { kind: 'renumbered'; prepared: Prepared; previousCertNo: string }
  /** Signing failed after the number was reserved: the number is cancelled in the book (never a gap). */
  | { kind: 'failed'; error: unknown; cancelledCertNo: string };

export interface CertifyDeps {
  db: SaoyDatabase;
  fonts(): Promise<CopyFonts>;
  locks: ReservationLocks;
  now?(): Date;
  /** Test hook: runs after the number is reserved, before the key signs (e.g. a delay). */
  beforeSign?(): Promise<void>;
}

/** What the clerk typed, as the book and the copy will show it: NFC, trimmed, single spaces. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

function clean(input: CertifyInput): CertifyInput {
  return { ...input, requester: cleanText(input.requester), docName: cleanText(input.docName), signerTitle: cleanText(input.signerTitle) };
}

export const CANCELLED_BEFORE_SIGNING = 'Không ký: người thực hiện chứng thực dừng lại sau khi số đã được cấp';

/** The certifier's name on the copy and in the book: the certificate's common name. */
export async function certifierName(db: SaoyDatabase, keyId: string, at: Date): Promise<string> {
  const key = await getKey(db, keyId);
  if (!key) throw new SaoyError('KEY_NOT_FOUND', `there is no stored key ${keyId}`, 'Không tìm thấy khóa ký số đã chọn');
  const d = checkSigningCertificate(key.certificates[0], at);
  return d.subject.commonName ?? describeCertificate(key.certificates[0]).subject.text;
}

export async function prepareCopy(deps: CertifyDeps, raw: CertifyInput, reservation?: Reservation): Promise<Prepared> {
  const now = deps.now?.() ?? new Date();
  const input = clean(raw);
  const book = await getBook(deps.db, input.bookId);
  if (!book) throw bookError('BOOK_NOT_FOUND', `there is no book ${input.bookId}`, 'Không tìm thấy quyển sổ chứng thực');
  if (book.head.closed) throw bookError('BOOK_CLOSED', `book ${book.config.bookNo} is closed`, `Quyển sổ ${book.config.bookNo} đã khóa`);
  const year = Number(input.date.slice(0, 4));
  if (year !== book.config.year) {
    throw bookError('BOOK_YEAR_MISMATCH', `book ${book.config.bookNo} is for ${book.config.year}`, `Quyển sổ ${book.config.bookNo} là sổ năm ${book.config.year}: hãy mở sổ cho năm ${year}`);
  }
  const signerName = await certifierName(deps.db, input.keyId, now);
  let fee = reservation?.fee;
  if (fee === undefined) {
    const rule = selectFeeRule(await loadFeeRules(deps.db), input.date);
    if (!rule) throw bookError('BOOK_DRAFT_INVALID', `no fee rule is in force on ${input.date}`, `Không có biểu lệ phí áp dụng cho ngày ${input.date}`);
    fee = computeFee(rule, Math.max(1, input.pages.length), Math.max(1, input.copies)).total;
  }
  const number = reservation?.number ?? book.head.lastNumber + 1;
  const fields: EcopyFields = reservation
    ? withTitle(ecopyFieldsFor(reservation, { pageCount: input.pages.length }), input)
    : {
        certNo: formatCertNo(number, book.config),
        bookNo: book.config.bookNo,
        date: input.date,
        office: book.config.office,
        certifier: signerName,
        ...(input.signerTitle ? { certifierTitle: input.signerTitle } : {}),
        docName: input.docName,
        requester: input.requester,
        pageCount: input.pages.length,
      };
  const unsigned = await buildCopy(input.pages, fields, await deps.fonts());
  return { input, fields, statement: renderStatement(fields), number, fee, unsigned, sha256: await sha256Hex(unsigned), ...(reservation ? { reservation } : {}) };
}

/** The statement's title line is the signer's title the clerk chose (the book keeps it in the entry). */
function withTitle(f: EcopyFields, input: CertifyInput): EcopyFields {
  return input.signerTitle ? { ...f, certifierTitle: input.signerTitle } : f;
}

function draftOf(p: Prepared): EntryDraft {
  return {
    date: p.input.date,
    requester: p.input.requester,
    docName: p.input.docName,
    signerName: p.fields.certifier,
    signerTitle: p.input.signerTitle,
    pages: p.input.pages.length,
    copies: p.input.copies,
    // No fee: the book computes it from the rule in force (and records the rule's id), as the preview did.
  };
}

const sameFields = (a: EcopyFields, b: EcopyFields) =>
  (Object.keys({ ...a, ...b }) as (keyof EcopyFields)[]).every((k) => (a[k] ?? '') === (b[k] ?? ''));

const whyText = (e: unknown) => (e instanceof SaoyError ? e.vi : e instanceof Error ? e.message : String(e));

/**
 * Signs what the clerk confirmed (`confirmedSha256` must be the SHA-256 shown on the confirmation screen).
 * The key is unlocked and its certificate checked before a number is taken, so a refusal burns no number
 * (those errors are thrown); a failure after the number was taken is returned as `failed`, its number cancelled.
 */
export async function signPrepared(deps: CertifyDeps, p: Prepared, confirmedSha256: string): Promise<SignOutcome> {
  const now = deps.now?.() ?? new Date();
  if (confirmedSha256 !== p.sha256 || (await sha256Hex(p.unsigned)) !== confirmedSha256) {
    throw new SaoyError('CONFIRM_MISMATCH', 'the copy differs from the one confirmed', 'Bản sao khác với bản đã xác nhận: hãy xem lại và xác nhận lại');
  }
  const signer = await signerForKey(deps.db, p.input.keyId);
  checkSigningCertificate(signer.certificates[0], now);

  let reservation = p.reservation;
  if (!reservation) {
    reservation = await reserveNumber(deps.db, p.input.bookId, draftOf(p), { now });
    await deps.locks.hold(reservation.bookId, reservation.number);
    if (!sameFields(withTitle(ecopyFieldsFor(reservation, { pageCount: p.input.pages.length }), p.input), p.fields)) {
      try {
        return { kind: 'renumbered', prepared: await prepareCopy(deps, p.input, reservation), previousCertNo: p.fields.certNo };
      } catch (e) {
        await abandonPrepared(deps, { ...p, reservation }, `Ký không thành công: ${whyText(e)}`).catch(() => undefined);
        return { kind: 'failed', error: e, cancelledCertNo: reservation.certNo };
      }
    }
  }
  const release = await deps.locks.hold(reservation.bookId, reservation.number);
  try {
    await deps.beforeSign?.();
    const look = { fonts: await deps.fonts(), image: (await getKey(deps.db, p.input.keyId))?.signatureImage };
    const signed = await signCertifier(p.unsigned, signer, p.fields, now, undefined, look);
    return { kind: 'signed', copy: await completeReservation(deps.db, reservation, signed, { now }) };
  } catch (e) {
    await cancelEntry(deps.db, reservation.bookId, reservation.number, `Ký không thành công: ${whyText(e)}`, { now, abandoned: true, onlyIfReserved: true }).catch(() => undefined);
    return { kind: 'failed', error: e, cancelledCertNo: reservation.certNo };
  } finally {
    release();
  }
}

/** The clerk stops after a number was reserved for this copy (only after a renumbering): the number is cancelled. */
export async function abandonPrepared(deps: CertifyDeps, p: Prepared, reason = CANCELLED_BEFORE_SIGNING): Promise<void> {
  const r = p.reservation;
  if (!r) return;
  try {
    await cancelEntry(deps.db, r.bookId, r.number, reason, { now: deps.now?.(), abandoned: true, onlyIfReserved: true });
  } finally {
    (await deps.locks.hold(r.bookId, r.number))();
  }
}
