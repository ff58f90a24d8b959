import { concatBytes } from '../bytes/concat.js';
import { digest, type DigestName } from '../bytes/sha.js';

/** [start, end) byte offsets into one file. */
export type ByteSpan = readonly [number, number];

/**
 * Digest of the concatenation of `spans` of `bytes` (a signature's ByteRange, or the whole file). Platforms may
 * plug in a streaming hash (the CLI uses node:crypto) to avoid a copy.
 */
export type RangeDigester = (algorithm: DigestName, bytes: Uint8Array, spans: readonly ByteSpan[]) => Promise<Uint8Array>;

export const webCryptoDigester: RangeDigester = async (algorithm, bytes, spans) => {
  const parts = spans.map(([a, b]) => bytes.subarray(a, b));
  return digest(algorithm, parts.length === 1 ? parts[0] : concatBytes(parts));
};
