/**
 * SHA digests over WebCrypto (globalThis.crypto.subtle): the same code in Node 20, a service worker and a page.
 * Never call these inside an open IndexedDB transaction: awaiting WebCrypto lets the transaction auto-commit.
 * The synchronous SHA-1/SHA-256 for hot loops is core/crypto/sha-sync.ts.
 */
import { toHex } from './hex.js';

export type DigestName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export async function digest(name: DigestName, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest(name, data as Uint8Array<ArrayBuffer>));
}

export const sha1 = (data: Uint8Array): Promise<Uint8Array> => digest('SHA-1', data);
export const sha256 = (data: Uint8Array): Promise<Uint8Array> => digest('SHA-256', data);

/** SHA-256 as lowercase hex: the id of stored files, keys and certificates. */
export async function sha256Hex(data: Uint8Array): Promise<string> {
  return toHex(await sha256(data));
}
