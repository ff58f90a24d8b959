/**
 * The native-messaging host: reads framed JSON requests on stdin, answers each on stdout, exits when the browser
 * closes the pipe. Only our extension may call it (the browser passes the caller on the command line); every
 * token operation opens and closes its own PKCS#11 connection (pkcs11.ts). Nothing is logged: stdout carries
 * only frames, and the PIN never leaves the request that brought it.
 */
import type { Readable, Writable } from 'node:stream';
import {
  CHROMIUM_ORIGIN,
  decodeDigest,
  FIREFOX_EXTENSION_ID,
  MAX_REQUEST_BYTES,
  MAX_RESPONSE_BYTES,
  type NativeErrorBody,
  type NativeRequest,
  type NativeResponse,
  parseRequest,
  PROTOCOL_VERSION,
  ProtocolError,
  type ResultByType,
  type TokenRef,
  bytesToBase64,
} from '../extension/shared/native-protocol.js';
import { TokenFailure } from './errors.js';
import { FrameReader, encodeFrame } from './framing.js';
import { detectModules } from './module-paths.js';
import { checkPin, listCertificates, listTokens, logoutToken, type Pkcs11Factory, signDigest } from './pkcs11.js';

export const HOST_VERSION = '0.1.0';

export interface HostOptions {
  /** The module from the host's own settings (SAOY_PKCS11_MODULE), used when a request names none. */
  readonly configuredModule?: string;
  readonly detect?: () => string[];
  readonly factory?: Pkcs11Factory;
}

/**
 * Chromium starts the host with the caller's origin ("chrome-extension://ID/") as the first argument;
 * Firefox with the manifest's path and then the extension's ID. Anything else is refused.
 */
export function callerAllowed(args: readonly string[]): boolean {
  if (args[0] === CHROMIUM_ORIGIN) return true;
  return args.length >= 2 && args[1] === FIREFOX_EXTENSION_ID && args[0].endsWith('.json');
}

function modulesFor(request: NativeRequest, opts: HostOptions): { modules: string[]; explicit: boolean } {
  const chosen = request.module ?? opts.configuredModule;
  if (chosen) return { modules: [chosen], explicit: true };
  return { modules: (opts.detect ?? detectModules)(), explicit: false };
}

/** Runs `op` on the first module that holds the token; the most telling failure when none does. */
function onTokenModule<T>(request: NativeRequest, opts: HostOptions, op: (module: string) => T): T {
  const { modules, explicit } = modulesFor(request, opts);
  if (modules.length === 0) throw new TokenFailure('NO_MODULE', 'no PKCS#11 module found: install the token\'s driver or set the module path');
  let best: TokenFailure | undefined;
  const rank = (f: TokenFailure) => ['MODULE_LOAD_FAILED', 'NO_TOKEN', 'TOKEN_NOT_FOUND'].indexOf(f.code);
  for (const module of modules) {
    try {
      return op(module);
    } catch (e) {
      if (!(e instanceof TokenFailure) || rank(e) < 0 || (explicit && e.code === 'MODULE_LOAD_FAILED')) throw e;
      if (!best || rank(e) > rank(best)) best = e;
    }
  }
  throw best as TokenFailure;
}

function tokenOf(request: NativeRequest): TokenRef {
  return (request as { token: TokenRef }).token;
}

/** One request → its result (throws TokenFailure / ProtocolError). */
export function handleRequest(request: NativeRequest, opts: HostOptions = {}): ResultByType[keyof ResultByType] {
  switch (request.type) {
    case 'version':
      return { protocol: PROTOCOL_VERSION, host: HOST_VERSION };
    case 'status': {
      const detected = (opts.detect ?? detectModules)();
      const module = request.module ?? opts.configuredModule ?? null;
      let tokens = 0;
      for (const m of module ? [module] : detected) {
        try {
          tokens += listTokens(m, opts.factory).length;
        } catch {
          /* a module that does not load has no tokens to count; list-tokens reports why */
        }
      }
      return { module, detected, tokens };
    }
    case 'list-tokens': {
      const { modules, explicit } = modulesFor(request, opts);
      if (modules.length === 0) throw new TokenFailure('NO_MODULE', 'no PKCS#11 module found: install the token\'s driver or set the module path');
      const tokens = modules.flatMap((m) => {
        try {
          return listTokens(m, opts.factory);
        } catch (e) {
          if (explicit) throw e;
          return [];
        }
      });
      if (tokens.length === 0) throw new TokenFailure('NO_TOKEN', 'no token is plugged in');
      return { tokens };
    }
    case 'list-certificates':
      return onTokenModule(request, opts, (m) => listCertificates(m, tokenOf(request), opts.factory));
    case 'sign-digest': {
      const digest = decodeDigest(request.digest, request.hash);
      const signature = onTokenModule(request, opts, (m) =>
        signDigest(m, { token: request.token, keyId: request.keyId, algorithm: request.algorithm, hash: request.hash, digest, pin: request.pin }, opts.factory),
      );
      return { signature: bytesToBase64(signature) };
    }
    case 'logout':
      onTokenModule(request, opts, (m) => logoutToken(m, tokenOf(request), opts.factory));
      return { done: true };
    case 'check-pin':
      onTokenModule(request, opts, (m) => checkPin(m, request.token, request.pin, opts.factory));
      return { done: true };
  }
}

function errorBody(e: unknown): NativeErrorBody {
  if (e instanceof TokenFailure) return e.body();
  if (e instanceof ProtocolError) return { code: e.code, message: e.message };
  return { code: 'TOKEN_ERROR', message: `unexpected failure: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
}

/** Decodes one frame's JSON and answers it. */
export function answer(body: Uint8Array, opts: HostOptions): NativeResponse {
  let id = 0;
  try {
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch {
      throw new ProtocolError('BAD_REQUEST', 'the message is not UTF-8 JSON');
    }
    const rawId = (value as { id?: unknown } | null)?.id;
    if (typeof rawId === 'number' && Number.isSafeInteger(rawId) && rawId >= 0) id = rawId;
    const request = parseRequest(value);
    return { v: PROTOCOL_VERSION, id, ok: true, result: handleRequest(request, opts) } as NativeResponse;
  } catch (e) {
    return { v: PROTOCOL_VERSION, id, ok: false, error: errorBody(e) };
  }
}

function frameOf(response: NativeResponse): Uint8Array {
  try {
    return encodeFrame(JSON.stringify(response), MAX_RESPONSE_BYTES);
  } catch {
    const tooBig: NativeResponse = { v: PROTOCOL_VERSION, id: response.id, ok: false, error: { code: 'TOKEN_ERROR', message: 'the answer exceeds the 1 MB native-messaging limit' } };
    return encodeFrame(JSON.stringify(tooBig), MAX_RESPONSE_BYTES);
  }
}

/** Serves until stdin ends. Resolves with the process exit code. */
export function runHost(args: readonly string[], input: Readable, output: Writable, opts: HostOptions = {}): Promise<number> {
  const refuse = (code: NativeErrorBody['code'], message: string): Promise<number> =>
    new Promise((resolve) => {
      output.write(frameOf({ v: PROTOCOL_VERSION, id: 0, ok: false, error: { code, message } }), () => resolve(1));
    });
  if (!callerAllowed(args)) return refuse('ORIGIN_REFUSED', `caller ${JSON.stringify(args[0] ?? '')} is not the saoy extension`);
  return new Promise((resolve) => {
    const reader = new FrameReader(MAX_REQUEST_BYTES);
    let done = false;
    let resolved = false;
    const finish = (code: number) => {
      done = true;
      if (resolved) return;
      resolved = true;
      input.removeAllListeners('data');
      input.pause();
      resolve(code);
    };
    input.on('data', (chunk: Buffer) => {
      if (done) return;
      for (const frame of reader.push(chunk)) {
        if (frame.kind === 'too-large') {
          void refuse('FRAME_TOO_LARGE', `a request of ${frame.length} bytes exceeds the ${MAX_REQUEST_BYTES}-byte limit`).then(finish);
          done = true;
          return;
        }
        output.write(frameOf(answer(frame.body, opts)));
      }
    });
    input.on('end', () => finish(reader.pending === 0 ? 0 : 1));
    input.on('error', () => finish(1));
  });
}
