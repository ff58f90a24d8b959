/**
 * The clerk panel's certification: core's workflow (core/workflow/certify.ts: prepare → confirm → sign, with
 * the number reserved in one IndexedDB transaction) bound to the extension's storage, keys and Web Locks.
 * Nothing here is reachable from a web page: it runs in the extension's own pages.
 */
import type { CopyFonts, Timestamper } from '../../core/certify/certify-copy.js';
import { cancelEntry, completeReservation, reserveNumber } from '../../core/store/book-ledger.js';
import { getBook } from '../../core/store/book.js';
import type { CopyRecord, SaoyDatabase } from '../../core/store/db.js';
import { loadFeeRules } from '../../core/store/fee-rules.js';
import { getKey, signerForKey } from '../../core/store/keys.js';
import * as workflow from '../../core/workflow/certify.js';
import type { BookPort, KeyPort, WorkflowDeps } from '../../core/workflow/ports.js';
import type { ReservationLocks } from './reservations.js';
import { withTokenKeys } from './token-keys.js';

export { CANCELLED_BEFORE_SIGNING, cleanText, type CertifyInput, type Prepared } from '../../core/workflow/certify.js';
export type SignOutcome = workflow.SignOutcome<CopyRecord>;

export interface CertifyDeps {
  db: SaoyDatabase;
  fonts(): Promise<CopyFonts>;
  locks: ReservationLocks;
  now?(): Date;
  /** Test hook: runs after the number is reserved, before the key signs (e.g. a delay). */
  beforeSign?(): Promise<void>;
  /** B-T and up (extension/services/ltv.ts signingTimestamper). */
  timestamp?: Timestamper;
}

/** The book in IndexedDB (core/store): each step one transaction. */
export function idbBookPort(db: SaoyDatabase): BookPort<CopyRecord> {
  return {
    getBook: (bookId) => getBook(db, bookId),
    feeRules: () => loadFeeRules(db),
    reserve: (bookId, draft, now) => reserveNumber(db, bookId, draft, { now }),
    complete: (reservation, pdf, now) => completeReservation(db, reservation, pdf, { now }),
    abandon: async (bookId, number, reason, now) => {
      await cancelEntry(db, bookId, number, reason, { now, abandoned: true, onlyIfReserved: true });
    },
  };
}

/** Keys stored non-extractable in IndexedDB. */
export function idbKeyPort(db: SaoyDatabase): KeyPort {
  return {
    certificates: async (keyId) => (await getKey(db, keyId))?.certificates,
    signer: (keyId) => signerForKey(db, keyId),
    signatureImage: async (keyId) => (await getKey(db, keyId))?.signatureImage,
  };
}

function core(deps: CertifyDeps): WorkflowDeps<CopyRecord> {
  return { book: idbBookPort(deps.db), keys: withTokenKeys(idbKeyPort(deps.db)), fonts: deps.fonts, locks: deps.locks, now: deps.now, beforeSign: deps.beforeSign, timestamp: deps.timestamp };
}

export const certifierName = (deps: CertifyDeps, keyId: string, at: Date) => workflow.certifierName(core(deps), keyId, at);
export const prepareCopy = (deps: CertifyDeps, raw: workflow.CertifyInput, reservation?: workflow.Prepared['reservation']) =>
  workflow.prepareCopy(core(deps), raw, reservation);
export const signPrepared = (deps: CertifyDeps, p: workflow.Prepared, confirmedSha256: string): Promise<SignOutcome> =>
  workflow.signPrepared(core(deps), p, confirmedSha256);
export const abandonPrepared = (deps: CertifyDeps, p: workflow.Prepared, reason?: string) => workflow.abandonPrepared(core(deps), p, reason);
