import { concatBytes } from '../pdf/bytes.js';

/** Digest of the signed byte ranges. Platforms may plug in a streaming hash (the CLI uses node:crypto) to avoid a copy. */
export type DigestAlgorithm = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** [start, end) byte offsets into one file. */
export type ByteSpan = readonly [number, number];

/** Digest of the concatenation of `spans` of `bytes` (a signature's ByteRange, or the whole file). */
export type RangeDigester = (algorithm: DigestAlgorithm, bytes: Uint8Array, spans: readonly ByteSpan[]) => Promise<Uint8Array>;

export const webCryptoDigester: RangeDigester = async (algorithm, bytes, spans) => {
  const parts = spans.map(([a, b]) => bytes.subarray(a, b));
  const joined = parts.length === 1 ? parts[0] : concatBytes(parts);
  return new Uint8Array(await globalThis.crypto.subtle.digest(algorithm, joined as Uint8Array<ArrayBuffer>));
};

export function digestAlgorithmFromOid(oid: string): DigestAlgorithm | undefined {
  switch (oid) {
    case '1.3.14.3.2.26':
      return 'SHA-1';
    case '2.16.840.1.101.3.4.2.1':
      return 'SHA-256';
    case '2.16.840.1.101.3.4.2.2':
      return 'SHA-384';
    case '2.16.840.1.101.3.4.2.3':
      return 'SHA-512';
    default:
      return undefined;
  }
}
