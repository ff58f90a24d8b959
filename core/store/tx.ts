/** One readwrite transaction that either commits everything `fn` wrote or nothing (aborted on any error). */
import type { IDBPTransaction, StoreNames } from 'idb';
import { mapStoreError } from './quota.js';
import type { SaoyDatabase, SaoyDb } from './db.js';

export type SaoyStoreName = StoreNames<SaoyDb>;
export type WriteTx<S extends SaoyStoreName[]> = IDBPTransaction<SaoyDb, S, 'readwrite'>;

/** Every write to a book takes these stores (the copy cache too: a completion stores the copy atomically). */
export type LedgerStores = ['books', 'bookEntries', 'copies'];
export type LedgerTx = WriteTx<LedgerStores>;
export const ledgerStores = (): LedgerStores => ['books', 'bookEntries', 'copies'];

/**
 * `fn` must only await IndexedDB requests of `tx` (any other await, e.g. WebCrypto, lets the transaction
 * commit early): compute hashes before, or synchronously.
 */
export async function inWriteTx<S extends SaoyStoreName[], T>(db: SaoyDatabase, stores: S, fn: (tx: WriteTx<S>) => Promise<T>): Promise<T> {
  let tx: WriteTx<S>;
  try {
    tx = db.transaction(stores, 'readwrite');
  } catch (e) {
    throw mapStoreError(e);
  }
  try {
    const result = await fn(tx);
    await tx.done;
    return result;
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // already committed or aborted
    }
    await tx.done.catch(() => undefined);
    throw mapStoreError(e);
  }
}
