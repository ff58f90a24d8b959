import { createHash } from 'node:crypto';
import type { RangeDigester } from '../core/verify/hash.js';

/** Streams the ranges into node:crypto instead of joining them into one copy first (large files). */
export const nodeDigester: RangeDigester = async (algorithm, parts) => {
  const h = createHash(algorithm.replace('-', '').toLowerCase());
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};
