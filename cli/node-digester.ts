import { createHash, type Hash } from 'node:crypto';
import type { RangeDigester } from '../core/verify/hash.js';

/**
 * Streams ranges into node:crypto, and reuses hash states by prefix: every signature of a file (and the
 * file's own SHA-256) starts at byte 0, and an e-copy's later revisions are small, so the large first
 * revision is hashed once instead of once per signature.
 */
interface PrefixState {
  algorithm: string;
  pos: number;
  hash: Hash;
}
/** A digester for ONE verification: its prefix states must never outlive the bytes they were computed from. */
export function createNodeDigester(): RangeDigester {
  const states = new WeakMap<Uint8Array, PrefixState[]>();
  return (algorithm, bytes, spans) => digest(states, algorithm, bytes, spans);
}

async function digest(states: WeakMap<Uint8Array, PrefixState[]>, algorithm: string, bytes: Uint8Array, spans: readonly (readonly [number, number])[]): Promise<Uint8Array> {
  const alg = algorithm.replace('-', '').toLowerCase();
  const [first, ...rest] = spans;
  if (!first || first[0] !== 0) {
    const h = createHash(alg);
    for (const [a, b] of spans) h.update(bytes.subarray(a, b));
    return new Uint8Array(h.digest());
  }
  const list = states.get(bytes) ?? [];
  states.set(bytes, list);
  const best = list.filter((s) => s.algorithm === alg && s.pos <= first[1]).sort((x, y) => y.pos - x.pos)[0];
  const h = best ? best.hash.copy() : createHash(alg);
  h.update(bytes.subarray(best ? best.pos : 0, first[1]));
  if (list.length < 8) list.push({ algorithm: alg, pos: first[1], hash: h.copy() });
  for (const [a, b] of rest) h.update(bytes.subarray(a, b));
  return new Uint8Array(h.digest());
}
