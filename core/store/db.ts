/**
 * The one IndexedDB database of saoy (idb). Every store is declared here so the verify side (trust
 * anchors, settings, verification cache) and the clerk side (keys, book, copies, pending copies) share
 * one schema and one upgrade path. Runs in extension pages and the service worker; tests pass fake-indexeddb.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { BookState, LedgerRecord } from '../book/types.js';

export const DB_NAME = 'saoy';
export const DB_VERSION = 1;

/** Trust lists are kept apart as docs/DOMAIN.md "Who trusts what" asks: public-service CAs (NEAC) and government CAs (VGCA). */
export type TrustList = 'neac' | 'vgca' | 'other' | 'demo';

export interface TrustAnchorRecord {
  /** SHA-256 of the DER certificate, hex. */
  id: string;
  der: Uint8Array;
  list: TrustList;
  subject: string;
  notAfter: string;
  addedAt: string;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export interface VerifyCacheRecord {
  /** SHA-256 of the file, hex. */
  sha256: string;
  /** Generation of the trust settings the report was computed under; a mismatch means "re-check". */
  trustGeneration: number;
  report: unknown;
  checkedAt: string;
  /** Name the file was first seen under. */
  fileName?: string;
  /** Where the file was fetched from (a portal attachment URL); the report page re-fetches it from there. */
  source?: string;
  /**
   * The check's fetch sent the user's cookies (the attachment is on the portal page's own origin): the report's
   * re-fetch for "save the verified bytes" does the same, or a portal behind a login would refuse it.
   */
  sourceCredentials?: boolean;
  /** The bytes of a file the user chose locally (nowhere to re-fetch it from); pruned before the report. */
  bytes?: Uint8Array;
}

export interface KeyRecord {
  id: string;
  label: string;
  /** Non-extractable private key: structured-cloned into IndexedDB as is, never exported. */
  privateKey: CryptoKey;
  /** DER certificates, signer first. */
  certificates: Uint8Array[];
  role: 'certifier' | 'authority';
  subject: string;
  notAfter: string;
  createdAt: string;
  demo: boolean;
  /** PNG/JPEG drawn in this key's visible signatures: the certifier's signature, or the office's seal. */
  signatureImage?: Uint8Array;
}

export interface BookEntryRecord {
  /** `${bookId}#${seq}` with seq zero-padded to 10 digits, so key order is ledger order (core/store/book-keys.ts). */
  id: string;
  bookId: string;
  seq: number;
  /** One hash-chained ledger record (core/book/types.ts): append-only, never rewritten. */
  entry: LedgerRecord;
}

export interface BookRecord {
  id: string;
  /** Configuration and head of the chain; written in the same transaction as each appended record. */
  meta: BookState;
}

export interface CopyRecord {
  /** `${bookId}#${number}` (core/store/book-keys.ts). */
  id: string;
  certNo: string;
  /** Certification number without suffix. */
  number: number;
  bookId: string;
  /** Quyển số, e.g. "01/2026-SCT/BS". */
  bookNo: string;
  requester: string;
  docName: string;
  date: string;
  status: 'awaiting-authority' | 'final';
  pdf: Uint8Array;
  sha256: string;
  createdAt: string;
  /** When the authority's signature was added. */
  finalizedAt?: string;
  /** When validation data or an archive timestamp was last added (B-LT/B-LTA, renewal). */
  extendedAt?: string;
}

export interface SaoyDb extends DBSchema {
  settings: { key: string; value: SettingRecord };
  trustAnchors: { key: string; value: TrustAnchorRecord; indexes: { byList: string } };
  verifyCache: { key: string; value: VerifyCacheRecord };
  keys: { key: string; value: KeyRecord };
  books: { key: string; value: BookRecord };
  bookEntries: { key: string; value: BookEntryRecord; indexes: { byBook: string } };
  copies: { key: string; value: CopyRecord; indexes: { byCertNo: string; byDate: string; byStatus: string } };
}

export type SaoyDatabase = IDBPDatabase<SaoyDb>;

export function openSaoyDb(name = DB_NAME): Promise<SaoyDatabase> {
  return openDB<SaoyDb>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('settings', { keyPath: 'key' });
        db.createObjectStore('trustAnchors', { keyPath: 'id' }).createIndex('byList', 'list');
        db.createObjectStore('verifyCache', { keyPath: 'sha256' });
        db.createObjectStore('keys', { keyPath: 'id' });
        db.createObjectStore('books', { keyPath: 'id' });
        db.createObjectStore('bookEntries', { keyPath: 'id' }).createIndex('byBook', 'bookId');
        const copies = db.createObjectStore('copies', { keyPath: 'id' });
        copies.createIndex('byCertNo', 'certNo');
        copies.createIndex('byDate', 'date');
        copies.createIndex('byStatus', 'status');
      }
    },
  });
}
