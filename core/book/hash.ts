/**
 * Hashes of the book's chain. SHA-256 runs synchronously (core/crypto/sha-sync.ts) on purpose: the hash of a new
 * record depends on the head read inside the allocating IndexedDB transaction, and awaiting WebCrypto there
 * would let the transaction commit early (IndexedDB ends a transaction that has no pending request).
 */
import { toHex } from '../bytes/hex.js';
import { sha256Sync } from '../crypto/sha-sync.js';
import { canonicalJson } from './canonical.js';
import type { BookConfig, LedgerRecord, UnsealedRecord } from './types.js';

const GENESIS_DOMAIN = 'saoy-book-genesis-v1\n';
const RECORD_DOMAIN = 'saoy-book-record-v1\n';
const utf8 = new TextEncoder();

function sha256Hex(text: string): string {
  return toHex(sha256Sync(utf8.encode(text)));
}

/** prevHash of a book's first record: binds the book's configuration (number, year, first number) into the chain. */
export function genesisHash(config: BookConfig): string {
  return sha256Hex(GENESIS_DOMAIN + canonicalJson(config));
}

/** The hash a record must carry: every field but `hash`, prevHash included. */
export function recordHash(record: Omit<LedgerRecord, 'hash'> | LedgerRecord): string {
  const { hash: _ignored, ...content } = record as LedgerRecord;
  return sha256Hex(RECORD_DOMAIN + canonicalJson(content));
}

/** Puts a record in the chain after `prevHash` as number `seq` of `bookId`. */
export function sealRecord(body: UnsealedRecord, bookId: string, seq: number, prevHash: string): LedgerRecord {
  const unsealed = { ...body, v: 1 as const, bookId, seq, prevHash };
  return { ...unsealed, hash: recordHash(unsealed as Omit<LedgerRecord, 'hash'>) } as LedgerRecord;
}
