/**
 * What the certify workflow needs from its surroundings, injected: the book's storage (IndexedDB in the
 * extension, a directory of JSON Lines in the CLI) and the keys. The workflow itself never touches storage.
 */
import type { FeeRule } from '../book/fee.js';
import type { BookState, EntryDraft, Reservation } from '../book/types.js';
import type { CopyFonts, Timestamper } from '../certify/certify-copy.js';
import type { Signer } from '../signers/signer.js';

/**
 * One book store. Each method is one atomic step of the store (an IndexedDB transaction, or a locked append to
 * the book file): reserve takes the next number for good; complete chains the signed copy's SHA-256 into the
 * book; abandon cancels a number that is still reserved (a taken number is never reused nor skipped).
 */
export interface BookPort<Stored> {
  getBook(bookId: string): Promise<BookState | undefined>;
  feeRules(): Promise<readonly FeeRule[]>;
  reserve(bookId: string, draft: EntryDraft, now: Date): Promise<Reservation>;
  complete(reservation: Reservation, signedPdf: Uint8Array, now: Date): Promise<Stored>;
  abandon(bookId: string, number: number, reason: string, now: Date): Promise<void>;
}

export interface KeyPort {
  /** The key's certificate chain (leaf first) without unlocking it; undefined when there is no such key. */
  certificates(keyId: string): Promise<readonly Uint8Array[] | undefined>;
  /** Unlocks the key for signing. */
  signer(keyId: string): Promise<Signer>;
  /** The image drawn in this key's visible signature (PNG/JPEG), when the clerk added one. */
  signatureImage?(keyId: string): Promise<Uint8Array | undefined>;
}

/** Holds a reserved number for the page signing it (Web Locks in the extension); optional elsewhere. */
export interface NumberLocks {
  hold(bookId: string, number: number): Promise<() => void>;
}

export interface WorkflowDeps<Stored> {
  book: BookPort<Stored>;
  keys: KeyPort;
  fonts(): Promise<CopyFonts>;
  locks?: NumberLocks;
  now?(): Date;
  /** Test hook: runs after the number is reserved, before the key signs (e.g. a delay). */
  beforeSign?(): Promise<void>;
  /** PAdES B-T and up: an RFC 3161 token over each signature value (the TSA the office configured). */
  timestamp?: Timestamper;
}
