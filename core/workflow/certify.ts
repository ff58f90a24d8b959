/**
 * One certification against the book, in the order the book needs (docs/ARCHITECTURE.md, core/book/README.md):
 *
 *   prepare  — the copy as it will be signed, with the book's NEXT number (not yet taken), built by core
 *              (buildCopy is a pure function: same pages + fields → same bytes), and its SHA-256
 *   confirm  — the clerk sees pages, statement and SHA-256; only then is the key used
 *   sign     — unlock the key and check its certificate, reserve the number (one atomic step of the store); if
 *              another writer took the predicted number meanwhile, rebuild with the reserved one and ask the clerk
 *              to confirm again (the number stays reserved); else sign (certifier, DocMDP P=2) and record the
 *              copy — or cancel the number when signing fails: a taken number is never reused nor skipped.
 *
 * `certifyInBook` is the same path without the confirmation screen, for the command line.
 * Storage and keys are injected (ports.ts): IndexedDB in the extension, a book directory in the CLI.
 */
import { ecopyFieldsFor } from '../book/ecopy-fields.js';
import { bookError } from '../book/errors.js';
import { computeFee, selectFeeRule } from '../book/fee.js';
import { formatCertNo } from '../book/numbering.js';
import type { EntryDraft, Reservation } from '../book/types.js';
import { signAuthority, signCertifier, type Timestamper } from '../certify/certify-copy.js';
import { tolerantTimestamper } from '../certify/tolerant-timestamp.js';
import { buildCopy, renderStatement, type EcopyFields, type OriginalImage, type RenderedStatement } from '../ecopy/index.js';
import { SaoyError } from '../errors.js';
import { checkSigningCertificate, describeCertificate } from '../pki/certificate.js';
import type { Signer } from '../signers/signer.js';
import { sha256Hex } from '../bytes/sha.js';
import type { WorkflowDeps } from './ports.js';

export type { BookPort, KeyPort, NumberLocks, WorkflowDeps } from './ports.js';

export interface CertifyInput {
  bookId: string;
  /** The certifier's key. */
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

export type SignOutcome<Stored> =
  /** `timestampProblem`: the TSA failed, so the copy was signed without a signature timestamp (B-B) and kept. */
  | { kind: 'signed'; copy: Stored; timestampProblem?: SaoyError }
  | { kind: 'renumbered'; prepared: Prepared; previousCertNo: string }
  /** Signing failed after the number was reserved: the number is cancelled in the book (never a gap). */
  | { kind: 'failed'; error: unknown; cancelledCertNo: string };

/** What the clerk typed, as the book and the copy will show it: NFC, trimmed, single spaces. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

function clean(input: CertifyInput): CertifyInput {
  return { ...input, requester: cleanText(input.requester), docName: cleanText(input.docName), signerTitle: cleanText(input.signerTitle) };
}

export const CANCELLED_BEFORE_SIGNING = 'Không ký: người thực hiện chứng thực dừng lại sau khi số đã được cấp';

const whyText = (e: unknown) => (e instanceof SaoyError ? e.vi : e instanceof Error ? e.message : String(e));
export const signingFailedReason = (e: unknown) => `Ký không thành công: ${whyText(e)}`;

/** The certifier's name on the copy and in the book: the certificate's common name. */
export async function certifierName<S>(deps: WorkflowDeps<S>, keyId: string, at: Date): Promise<string> {
  const certs = await deps.keys.certificates(keyId);
  if (!certs?.length) throw new SaoyError('KEY_NOT_FOUND', `there is no stored key ${keyId}`, 'Không tìm thấy khóa ký số đã chọn');
  const d = checkSigningCertificate(certs[0], at);
  return d.subject.commonName ?? describeCertificate(certs[0]).subject.text;
}

export async function prepareCopy<S>(deps: WorkflowDeps<S>, raw: CertifyInput, reservation?: Reservation): Promise<Prepared> {
  const now = deps.now?.() ?? new Date();
  const input = clean(raw);
  const book = await deps.book.getBook(input.bookId);
  if (!book) throw bookError('BOOK_NOT_FOUND', `there is no book ${input.bookId}`, 'Không tìm thấy quyển sổ chứng thực');
  if (book.head.closed) throw bookError('BOOK_CLOSED', `book ${book.config.bookNo} is closed`, `Quyển sổ ${book.config.bookNo} đã khóa`);
  const year = Number(input.date.slice(0, 4));
  if (year !== book.config.year) {
    throw bookError('BOOK_YEAR_MISMATCH', `book ${book.config.bookNo} is for ${book.config.year}`, `Quyển sổ ${book.config.bookNo} là sổ năm ${book.config.year}: hãy mở sổ cho năm ${year}`);
  }
  const signerName = await certifierName(deps, input.keyId, now);
  let fee = reservation?.fee;
  if (fee === undefined) {
    const rule = selectFeeRule(await deps.book.feeRules(), input.date);
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
function withTitle(f: EcopyFields, input: Pick<CertifyInput, 'signerTitle'>): EcopyFields {
  return input.signerTitle ? { ...f, certifierTitle: input.signerTitle } : f;
}

function draftOf(p: Pick<Prepared, 'input' | 'fields'>): EntryDraft {
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

const noLock = async () => () => undefined;

/**
 * Signs what the clerk confirmed (`confirmedSha256` must be the SHA-256 shown on the confirmation screen).
 * The key is unlocked and its certificate checked before a number is taken, so a refusal burns no number
 * (those errors are thrown); a failure after the number was taken is returned as `failed`, its number cancelled.
 */
export async function signPrepared<S>(deps: WorkflowDeps<S>, p: Prepared, confirmedSha256: string): Promise<SignOutcome<S>> {
  const now = deps.now?.() ?? new Date();
  const hold = deps.locks ? deps.locks.hold.bind(deps.locks) : noLock;
  if (confirmedSha256 !== p.sha256 || (await sha256Hex(p.unsigned)) !== confirmedSha256) {
    throw new SaoyError('CONFIRM_MISMATCH', 'the copy differs from the one confirmed', 'Bản sao khác với bản đã xác nhận: hãy xem lại và xác nhận lại');
  }
  const signer = await deps.keys.signer(p.input.keyId);
  checkSigningCertificate(signer.certificates[0], now);

  let reservation = p.reservation;
  if (!reservation) {
    reservation = await deps.book.reserve(p.input.bookId, draftOf(p), now);
    await hold(reservation.bookId, reservation.number);
    if (!sameFields(withTitle(ecopyFieldsFor(reservation, { pageCount: p.input.pages.length }), p.input), p.fields)) {
      try {
        return { kind: 'renumbered', prepared: await prepareCopy(deps, p.input, reservation), previousCertNo: p.fields.certNo };
      } catch (e) {
        await abandonPrepared(deps, { ...p, reservation }, signingFailedReason(e)).catch(() => undefined);
        return { kind: 'failed', error: e, cancelledCertNo: reservation.certNo };
      }
    }
  }
  const release = await hold(reservation.bookId, reservation.number);
  try {
    await deps.beforeSign?.();
    const look = { fonts: await deps.fonts(), image: await deps.keys.signatureImage?.(p.input.keyId) };
    // A TSA failure signs without the token (core/certify/tolerant-timestamp.ts): the number and the copy are kept.
    const tolerant = deps.timestamp ? tolerantTimestamper(deps.timestamp) : undefined;
    const signed = await signCertifier(p.unsigned, signer, p.fields, now, tolerant?.timestamp, look);
    const timestampProblem = tolerant?.problem();
    return { kind: 'signed', copy: await deps.book.complete(reservation, signed, now), ...(timestampProblem ? { timestampProblem } : {}) };
  } catch (e) {
    await deps.book.abandon(reservation.bookId, reservation.number, signingFailedReason(e), now).catch(() => undefined);
    return { kind: 'failed', error: e, cancelledCertNo: reservation.certNo };
  } finally {
    release();
  }
}

/** The clerk stops after a number was reserved for this copy (only after a renumbering): the number is cancelled. */
export async function abandonPrepared<S>(deps: WorkflowDeps<S>, p: Prepared, reason = CANCELLED_BEFORE_SIGNING): Promise<void> {
  const r = p.reservation;
  if (!r) return;
  try {
    await deps.book.abandon(r.bookId, r.number, reason, deps.now?.() ?? new Date());
  } finally {
    if (deps.locks) (await deps.locks.hold(r.bookId, r.number))();
  }
}

export interface CertifyInBookInput {
  bookId: string;
  requester: string;
  docName: string;
  copies?: number;
  signerTitle: string;
  pages: OriginalImage[];
  date: string;
  certifier: Signer;
  /** When given, the authority signs too (the copy is final). */
  authority?: Signer;
  timestamp?: Timestamper;
  /** Optional images in the visible signatures: the certifier's signature, the office's seal. */
  certifierImage?: Uint8Array;
  sealImage?: Uint8Array;
}

export interface CertifiedInBook<S> {
  reservation: Reservation;
  fields: EcopyFields;
  pdf: Uint8Array;
  stored: S;
}

/**
 * The non-interactive path (the CLI): check the keys, take the next number, build the copy with it, sign
 * (certifier, then the authority when given), record it. A failure after the number was taken cancels that
 * number in the book, with the reason, and rethrows.
 */
export async function certifyInBook<S>(deps: Omit<WorkflowDeps<S>, 'keys'>, input: CertifyInBookInput): Promise<CertifiedInBook<S>> {
  const now = deps.now?.() ?? new Date();
  const certifierCert = checkSigningCertificate(input.certifier.certificates[0], now);
  if (input.authority) checkSigningCertificate(input.authority.certificates[0], now);
  const signerName = certifierCert.subject.commonName ?? describeCertificate(input.certifier.certificates[0]).subject.text;
  const cleaned = { requester: cleanText(input.requester), docName: cleanText(input.docName), signerTitle: cleanText(input.signerTitle) };
  const reservation = await deps.book.reserve(
    input.bookId,
    { date: input.date, ...cleaned, signerName, pages: input.pages.length, copies: input.copies ?? 1 },
    now,
  );
  const release = deps.locks ? await deps.locks.hold(reservation.bookId, reservation.number) : () => undefined;
  try {
    const authority = input.authority ? describeCertificate(input.authority.certificates[0]).subject.commonName ?? 'unknown' : undefined;
    const fields = withTitle(ecopyFieldsFor(reservation, { pageCount: input.pages.length, authority }), cleaned);
    await deps.beforeSign?.();
    const fonts = await deps.fonts();
    const unsigned = await buildCopy(input.pages, fields, fonts);
    const certified = await signCertifier(unsigned, input.certifier, fields, now, input.timestamp, { fonts, image: input.certifierImage });
    const pdf = input.authority ? await signAuthority(certified, input.authority, fields, now, input.timestamp, { fonts, image: input.sealImage }) : certified;
    return { reservation, fields, pdf, stored: await deps.book.complete(reservation, pdf, now) };
  } catch (e) {
    await deps.book.abandon(reservation.bookId, reservation.number, signingFailedReason(e), now).catch(() => undefined);
    throw e;
  } finally {
    release();
  }
}
