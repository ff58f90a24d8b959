/**
 * PKCS#11 failures → the protocol's error codes (extension/shared/native-protocol.ts). The English message is for
 * the CLI and logs; the extension shows the Vietnamese text for the code. Never carries the PIN.
 */
import type { NativeErrorBody, NativeErrorCode, TriesLeft } from '../extension/shared/native-protocol.js';

export class TokenFailure extends Error {
  constructor(
    readonly code: NativeErrorCode,
    message: string,
    readonly extra: { triesLeft?: TriesLeft; ckr?: string } = {},
  ) {
    super(message);
  }

  body(): NativeErrorBody {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

/** CKR_* value → our code (PKCS#11 v2.40 §11.1 values). Anything else is TOKEN_ERROR. */
const BY_CKR: ReadonlyMap<number, [NativeErrorCode, string]> = new Map([
  [0xa0, ['PIN_INCORRECT', 'wrong PIN']],
  [0xa4, ['PIN_LOCKED', 'the token\'s PIN is locked (too many wrong PINs)']],
  [0xa1, ['PIN_INVALID', 'the PIN has characters the token does not accept']],
  [0xa2, ['PIN_INVALID', 'the PIN has the wrong length for this token']],
  [0x32, ['TOKEN_REMOVED', 'the token was removed']],
  [0xe0, ['TOKEN_REMOVED', 'the token is not present']],
  [0xb0, ['TOKEN_REMOVED', 'the token session was closed (token removed?)']],
  [0xb3, ['TOKEN_REMOVED', 'the token session is gone (token removed?)']],
  [0x50, ['CANCELLED', 'cancelled on the token\'s PIN pad or dialog']],
  [0x63, ['ALGORITHM_MISMATCH', 'the key type does not fit the signature algorithm']],
  [0x70, ['ALGORITHM_MISMATCH', 'the token does not offer this signature mechanism']],
  [0x71, ['ALGORITHM_MISMATCH', 'the token refused the mechanism parameters']],
  [0x68, ['ALGORITHM_MISMATCH', 'the key may not be used to sign']],
]);

interface Pkcs11ErrorLike {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly name?: unknown;
}

/** Maps whatever the binding threw. `stage` says what we were doing, for the English message. */
export function mapPkcs11Error(e: unknown, stage: string): TokenFailure {
  if (e instanceof TokenFailure) return e;
  const err = (e ?? {}) as Pkcs11ErrorLike;
  const ckrName = typeof err.message === 'string' && /^CKR_[A-Z_]+$/.test(err.message) ? err.message : undefined;
  const code = typeof err.code === 'number' && ckrName ? err.code : undefined;
  if (code === undefined) {
    const first = typeof err.message === 'string' ? err.message.split('\n')[0] : String(e);
    return new TokenFailure('TOKEN_ERROR', `${stage}: ${first}`);
  }
  const known = BY_CKR.get(code);
  if (known) return new TokenFailure(known[0], `${stage}: ${known[1]} (${ckrName})`, { ckr: ckrName });
  return new TokenFailure('TOKEN_ERROR', `${stage}: the token reported ${ckrName}`, { ckr: ckrName });
}

/** CKF_USER_PIN_COUNT_LOW / CKF_USER_PIN_FINAL_TRY → what we tell the clerk after a wrong PIN. */
export function triesLeftFromFlags(flags: number): TriesLeft {
  if (flags & 0x20000) return 'one';
  if (flags & 0x10000) return 'few';
  return 'unknown';
}
