/**
 * The extension's side of the token host: one native-messaging connection per request (connect, send, take the
 * one answer, disconnect — nothing stays open between operations), and a Signer whose key is on the token.
 * The PIN goes into exactly one sign-digest request and is not kept here.
 */
import { SaoyError } from '../../core/errors.js';
import type { Signer } from '../../core/signers/signer.js';
import { createTokenSigner } from '../../core/signers/token.js';
import {
  base64ToBytes,
  bytesToBase64,
  NATIVE_HOST_NAME,
  type NativeErrorCode,
  nativeErrorMessageVi,
  type NativeRequest,
  type NativeRequestType,
  type NativeResponse,
  PROTOCOL_VERSION,
  type ResultByType,
  type TokenRef,
  type TriesLeft,
} from './native-protocol.js';

/** A failure to show the clerk: `vi` is the Vietnamese line with how to fix it (a SaoyError, so every page shows it). */
export class NativeHostError extends SaoyError {
  declare readonly code: NativeErrorCode;
  constructor(code: NativeErrorCode, message: string, readonly triesLeft?: TriesLeft) {
    super(code, message, nativeErrorMessageVi({ code, triesLeft }));
  }
}

/** The part of a runtime.Port we use (tests and other callers may pass their own connector). */
export interface NativePort {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(cb: (message: unknown) => void): void };
  onDisconnect: { addListener(cb: (port: { error?: { message?: string } }) => void): void };
}
export type NativeConnect = () => NativePort;

type RuntimeWithNative = { runtime?: { connectNative?(name: string): unknown } };
// connectNative is synchronous and the same in Chromium's `chrome` and Firefox's `browser`: reading it off the global
// at call time keeps this module importable outside an extension (Node unit tests of the services import it).
const connectHost: NativeConnect = () => {
  const g = globalThis as { browser?: RuntimeWithNative; chrome?: RuntimeWithNative };
  const connect = g.browser?.runtime?.connectNative ?? g.chrome?.runtime?.connectNative;
  if (!connect) throw new Error('native messaging is not available here');
  const runtime = g.browser?.runtime?.connectNative ? g.browser.runtime : g.chrome!.runtime!;
  return connect.call(runtime, NATIVE_HOST_NAME) as NativePort;
};
let nextId = 1;

type RequestBody<T extends NativeRequestType> = Omit<Extract<NativeRequest, { type: T }>, 'v' | 'id'>;

/** Sends one request on a fresh connection. Signing waits for the token (a PIN pad can take long): 2 minutes. */
export function nativeRequest<T extends NativeRequestType>(body: RequestBody<T>, connect: NativeConnect = connectHost, timeoutMs = 120_000): Promise<ResultByType[T]> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    let port: NativePort;
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        port?.disconnect();
      } catch {
        /* already gone */
      }
      f();
    };
    const timer = setTimeout(() => settle(() => reject(new NativeHostError('TOKEN_ERROR', 'the token host did not answer in time'))), timeoutMs);
    try {
      port = connect();
    } catch (e) {
      settle(() => reject(new NativeHostError('HOST_MISSING', e instanceof Error ? e.message : String(e))));
      return;
    }
    port.onMessage.addListener((message) => {
      const m = message as NativeResponse<T>;
      if (!m || typeof m !== 'object' || m.id !== id && m.id !== 0) return;
      settle(() => (m.ok ? resolve(m.result) : reject(new NativeHostError(m.error.code, m.error.message, m.error.triesLeft))));
    });
    port.onDisconnect.addListener((p) => {
      // Chromium reports "Specified native messaging host not found." (or "…forbidden.") through lastError.
      const why = p?.error?.message ?? (globalThis as { chrome?: { runtime?: { lastError?: { message?: string } } } }).chrome?.runtime?.lastError?.message ?? 'the token host closed the connection';
      settle(() => reject(new NativeHostError('HOST_MISSING', why)));
    });
    port.postMessage({ v: PROTOCOL_VERSION, id, ...body });
  });
}

export interface TokenKeyChoice {
  readonly module: string;
  readonly token: TokenRef;
  readonly keyId: string;
  readonly label: string;
  /** base64 DER: the key's certificate, then CA certificates found on the token. */
  readonly certificates: readonly string[];
}

/** A Signer for a chosen token key; `pin` is sent with the one sign-digest request and then dropped. */
export function tokenSignerViaHost(choice: TokenKeyChoice, pin: string, connect: NativeConnect = connectHost): Signer {
  return createTokenSigner(choice.certificates.map(base64ToBytes), async (digest, algorithm) => {
    const r = await nativeRequest<'sign-digest'>(
      { type: 'sign-digest', module: choice.module, token: choice.token, keyId: choice.keyId, algorithm, hash: 'SHA-256', digest: bytesToBase64(digest), pin },
      connect,
    );
    return base64ToBytes(r.signature);
  });
}
