/**
 * A timestamp authority that does not answer must not cost the clerk a number already taken in the book, nor the
 * copy, nor a second PIN prompt on a token: the signature is made once, without the token, and the failure is kept
 * so the clerk is told (the copy reaches its level later, by renewal).
 */
import { SaoyError } from '../errors.js';
import type { Timestamper } from './certify-copy.js';

export interface TolerantTimestamper {
  timestamp: Timestamper;
  /** The first failure, once the signing is done (undefined when the TSA answered or was not asked). */
  problem(): SaoyError | undefined;
}

export function tolerantTimestamper(inner: Timestamper): TolerantTimestamper {
  let failure: SaoyError | undefined;
  return {
    timestamp: async (data) => {
      try {
        return await inner(data);
      } catch (e) {
        failure ??= e instanceof SaoyError ? e : new SaoyError('TSA_UNREACHABLE', `the timestamp authority failed: ${String(e)}`, `Không lấy được dấu thời gian: ${String(e)}`);
        return undefined;
      }
    },
    problem: () => failure,
  };
}
