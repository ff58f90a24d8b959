/**
 * The token operations, each on a fresh PKCS#11 connection: load the module, C_Initialize, do one thing,
 * log out, C_Finalize, unload. Nothing (no session, no login, no PIN) outlives the call — the pattern Web eID
 * follows, so a second caller can never ride on a login the clerk made for one signature.
 */
import pkcs11js from 'pkcs11js';
import type { KeyWithoutCertificate, TokenCertificate, TokenHash, TokenInfo, TokenRef, TokenSignatureAlgorithm } from '../extension/shared/native-protocol.js';
import { bytesToBase64 } from '../extension/shared/native-protocol.js';
import { mapPkcs11Error, TokenFailure, triesLeftFromFlags } from './errors.js';

type Handle = Buffer;

/** The part of pkcs11js we use: tests substitute a fake to reach failures SoftHSM2 cannot produce. */
export interface Pkcs11Api {
  load(path: string): void;
  close(): void;
  C_Initialize(): void;
  C_Finalize(): void;
  C_GetSlotList(tokenPresent?: boolean): Handle[];
  C_GetTokenInfo(slot: Handle): { label: string; serialNumber: string; manufacturerID: string; model: string; flags: number };
  C_OpenSession(slot: Handle, flags: number): Handle;
  C_CloseSession(session: Handle): void;
  C_Login(session: Handle, userType: number, pin?: string): void;
  C_Logout(session: Handle): void;
  C_CloseAllSessions(slot: Handle): void;
  C_FindObjectsInit(session: Handle, template: { type: number; value?: number | boolean | string | Buffer }[]): void;
  C_FindObjects(session: Handle, max: number): Handle[];
  C_FindObjectsFinal(session: Handle): void;
  C_GetAttributeValue(session: Handle, object: Handle, template: { type: number }[]): { type: number; value?: Buffer }[];
  C_SignInit(session: Handle, mechanism: { mechanism: number }, key: Handle): void;
  C_Sign(session: Handle, data: Buffer, out: Buffer): Buffer;
}

export type Pkcs11Factory = () => Pkcs11Api;
const realFactory: Pkcs11Factory = () => new pkcs11js.PKCS11() as unknown as Pkcs11Api;

// PKCS#11 v2.40 constants (also exported by pkcs11js; spelled out so a fake needs no binding).
const CKF_SERIAL_SESSION = 0x4;
const CKU_USER = 1;
const CKA_CLASS = 0x0;
const CKA_LABEL = 0x3;
const CKA_VALUE = 0x11;
const CKA_ID = 0x102;
const CKA_KEY_TYPE = 0x100;
const CKA_EC_PARAMS = 0x180;
const CKO_CERTIFICATE = 1;
const CKO_PUBLIC_KEY = 2;
const CKO_PRIVATE_KEY = 3;
const CKK_RSA = 0;
const CKK_EC = 3;
const CKM_RSA_PKCS = 1;
const CKM_ECDSA = 0x1041;
const CKF_USER_PIN_LOCKED = 0x40000;
const CKF_TOKEN_INITIALIZED = 0x400;
const P256_PARAMS = '06082a8648ce3d030107';

/** DER of DigestInfo up to the digest (RFC 8017 §9.2 note 1): CKM_RSA_PKCS signs DigestInfo, not a bare hash. */
const DIGEST_INFO_PREFIX: Readonly<Record<TokenHash, string>> = {
  'SHA-256': '3031300d060960864801650304020105000420',
  'SHA-384': '3041300d060960864801650304020205000430',
  'SHA-512': '3051300d060960864801650304020305000440',
};

const trimmed = (s: string): string => s.replace(/[\s\0]+$/, '');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Loads the module, runs `fn`, and always finalizes and unloads — even when `fn` throws. */
export function withModule<T>(path: string, fn: (p: Pkcs11Api) => T, factory: Pkcs11Factory = realFactory): T {
  const p = factory();
  try {
    p.load(path);
  } catch (e) {
    throw new TokenFailure('MODULE_LOAD_FAILED', `cannot load the PKCS#11 module ${path}: ${(e as Error).message?.split('\n')[0] ?? e}`);
  }
  try {
    try {
      p.C_Initialize();
    } catch (e) {
      throw mapPkcs11Error(e, `initializing ${path}`);
    }
    try {
      return fn(p);
    } finally {
      try {
        p.C_Finalize();
      } catch {
        /* already failing or finished: nothing more to release */
      }
    }
  } finally {
    try {
      p.close();
    } catch {
      /* unloading is best effort */
    }
  }
}

function tokenInfo(p: Pkcs11Api, slot: Handle, module: string): TokenInfo {
  const t = p.C_GetTokenInfo(slot);
  return {
    module,
    label: trimmed(t.label),
    serial: trimmed(t.serialNumber),
    manufacturer: trimmed(t.manufacturerID),
    model: trimmed(t.model),
    pinCountLow: (t.flags & 0x10000) !== 0,
    pinFinalTry: (t.flags & 0x20000) !== 0,
    pinLocked: (t.flags & CKF_USER_PIN_LOCKED) !== 0,
    protectedAuthPath: (t.flags & 0x100) !== 0,
  };
}

export function listTokens(module: string, factory?: Pkcs11Factory): TokenInfo[] {
  return withModule(module, (p) => {
    try {
      return initializedSlots(p).map((s) => tokenInfo(p, s, module));
    } catch (e) {
      throw mapPkcs11Error(e, 'listing tokens');
    }
  }, factory);
}

/** Slots with a token that has been set up (SoftHSM2 and some readers show a blank one too). */
function initializedSlots(p: Pkcs11Api): Handle[] {
  return p.C_GetSlotList(true).filter((s) => (p.C_GetTokenInfo(s).flags & CKF_TOKEN_INITIALIZED) !== 0);
}

/** The slot holding the token named by `ref`, or NO_TOKEN / TOKEN_NOT_FOUND. */
function findSlot(p: Pkcs11Api, ref: TokenRef, module: string): Handle {
  let slots: Handle[];
  try {
    slots = initializedSlots(p);
  } catch (e) {
    throw mapPkcs11Error(e, 'listing tokens');
  }
  if (slots.length === 0) throw new TokenFailure('NO_TOKEN', `no token is plugged in (module ${module})`);
  for (const s of slots) {
    const t = tokenInfo(p, s, module);
    if (t.label === ref.label && (ref.serial === undefined || t.serial === ref.serial)) return s;
  }
  throw new TokenFailure('TOKEN_NOT_FOUND', `no token labelled "${ref.label}"${ref.serial ? ` with serial ${ref.serial}` : ''} is plugged in`);
}

function findObjects(p: Pkcs11Api, session: Handle, template: { type: number; value?: number | Buffer }[]): Handle[] {
  p.C_FindObjectsInit(session, template);
  try {
    const all: Handle[] = [];
    for (;;) {
      const batch = p.C_FindObjects(session, 32);
      if (batch.length === 0) return all;
      all.push(...batch);
    }
  } finally {
    p.C_FindObjectsFinal(session);
  }
}

function attrs(p: Pkcs11Api, session: Handle, object: Handle, types: number[]): Map<number, Buffer> {
  const got = p.C_GetAttributeValue(session, object, types.map((type) => ({ type })));
  return new Map(got.map((a) => [a.type, a.value ?? Buffer.alloc(0)]));
}

function withSession<T>(p: Pkcs11Api, slot: Handle, fn: (session: Handle) => T): T {
  let session: Handle;
  try {
    session = p.C_OpenSession(slot, CKF_SERIAL_SESSION);
  } catch (e) {
    throw mapPkcs11Error(e, 'opening a session');
  }
  try {
    return fn(session);
  } finally {
    try {
      p.C_CloseSession(session);
    } catch {
      /* the token may be gone; C_Finalize releases the rest */
    }
  }
}

export interface CertificateListing {
  certificates: TokenCertificate[];
  keysWithoutCertificate: KeyWithoutCertificate[];
}

/**
 * Certificates on the token without logging in. `hasKey` is known from key objects visible without a PIN
 * (public keys, or private keys a token shows before login); signing checks again after login.
 */
export function listCertificates(module: string, ref: TokenRef, factory?: Pkcs11Factory): CertificateListing {
  return withModule(module, (p) => withSession(p, findSlot(p, ref, module), (session) => {
    try {
      const keyIds = new Map<string, string>();
      for (const cls of [CKO_PRIVATE_KEY, CKO_PUBLIC_KEY]) {
        for (const o of findObjects(p, session, [{ type: CKA_CLASS, value: cls }])) {
          const a = attrs(p, session, o, [CKA_ID, CKA_LABEL]);
          const id = hex(a.get(CKA_ID) ?? Buffer.alloc(0));
          if (id && !keyIds.has(id)) keyIds.set(id, (a.get(CKA_LABEL) ?? Buffer.alloc(0)).toString('utf8'));
        }
      }
      const certificates: TokenCertificate[] = findObjects(p, session, [{ type: CKA_CLASS, value: CKO_CERTIFICATE }]).map((o) => {
        const a = attrs(p, session, o, [CKA_ID, CKA_LABEL, CKA_VALUE]);
        const keyId = hex(a.get(CKA_ID) ?? Buffer.alloc(0));
        return { keyId, label: (a.get(CKA_LABEL) ?? Buffer.alloc(0)).toString('utf8'), der: bytesToBase64(a.get(CKA_VALUE) ?? new Uint8Array(0)), hasKey: keyId !== '' && keyIds.has(keyId) };
      });
      const withCert = new Set(certificates.map((c) => c.keyId));
      const keysWithoutCertificate = [...keyIds].filter(([id]) => !withCert.has(id)).map(([keyId, label]) => ({ keyId, label }));
      return { certificates, keysWithoutCertificate };
    } catch (e) {
      throw mapPkcs11Error(e, 'reading certificates');
    }
  }), factory);
}

export interface SignDigestInput {
  token: TokenRef;
  keyId: string;
  algorithm: TokenSignatureAlgorithm;
  hash: TokenHash;
  digest: Uint8Array;
  /** Used for this one login, then dropped with the connection. */
  pin: string;
}

/** Logs in with the PIN (mapping a wrong PIN to PIN_INCORRECT with the tries left, or PIN_LOCKED). */
function login(p: Pkcs11Api, slot: Handle, session: Handle, pin: string): void {
  try {
    p.C_Login(session, CKU_USER, pin);
  } catch (e) {
    const failure = mapPkcs11Error(e, 'logging in to the token');
    if (failure.code !== 'PIN_INCORRECT') throw failure;
    // The token's flags after the failed try say how close the PIN is to locking.
    let flags = 0;
    try {
      flags = p.C_GetTokenInfo(slot).flags;
    } catch {
      /* unknown then */
    }
    if (flags & CKF_USER_PIN_LOCKED) throw new TokenFailure('PIN_LOCKED', 'wrong PIN: the token is now locked', { ckr: failure.extra.ckr });
    throw new TokenFailure('PIN_INCORRECT', failure.message, { ckr: failure.extra.ckr, triesLeft: triesLeftFromFlags(flags) });
  }
}

/** Checks the PIN: log in, log out, nothing signed. */
export function checkPin(module: string, token: TokenRef, pin: string, factory?: Pkcs11Factory): void {
  withModule(module, (p) => {
    const slot = findSlot(p, token, module);
    withSession(p, slot, (session) => {
      login(p, slot, session, pin);
      try {
        p.C_Logout(session);
      } catch {
        /* closing the session logs out too */
      }
    });
  }, factory);
}

/** RSA: PKCS#1 v1.5 signature bytes; ECDSA: raw r||s as the token returns it. */
export function signDigest(module: string, input: SignDigestInput, factory?: Pkcs11Factory): Uint8Array {
  return withModule(module, (p) => {
    const slot = findSlot(p, input.token, module);
    return withSession(p, slot, (session) => {
      login(p, slot, session, input.pin);
      try {
        return signLoggedIn(p, session, input);
      } finally {
        try {
          p.C_Logout(session);
        } catch {
          /* closing the session and finalizing logs out too */
        }
      }
    });
  }, factory);
}

function signLoggedIn(p: Pkcs11Api, session: Handle, input: SignDigestInput): Uint8Array {
  const id = Buffer.from(input.keyId, 'hex');
  let key: Handle | undefined;
  let keyType: number;
  try {
    key = findObjects(p, session, [{ type: CKA_CLASS, value: CKO_PRIVATE_KEY }, { type: CKA_ID, value: id }])[0];
    if (!key) throw new TokenFailure('KEY_NOT_FOUND', `no private key with id ${input.keyId} on the token`);
    if (findObjects(p, session, [{ type: CKA_CLASS, value: CKO_CERTIFICATE }, { type: CKA_ID, value: id }]).length === 0) {
      throw new TokenFailure('KEY_WITHOUT_CERTIFICATE', `the key with id ${input.keyId} has no certificate on the token`);
    }
    // CK_ULONG in native byte order; key types are small numbers, so the low bytes suffice (x86/ARM are LE).
    const t = attrs(p, session, key, [CKA_KEY_TYPE]).get(CKA_KEY_TYPE) ?? Buffer.alloc(0);
    keyType = t.length ? t.readUIntLE(0, Math.min(6, t.length)) : -1;
    if (keyType === CKK_EC && input.algorithm === 'ECDSA-P256') {
      const params = hex(attrs(p, session, key, [CKA_EC_PARAMS]).get(CKA_EC_PARAMS) ?? Buffer.alloc(0));
      if (params !== P256_PARAMS) throw new TokenFailure('ALGORITHM_MISMATCH', 'the EC key on the token is not on the P-256 curve');
    }
  } catch (e) {
    throw mapPkcs11Error(e, 'finding the key');
  }
  const wanted = input.algorithm === 'ECDSA-P256' ? CKK_EC : CKK_RSA;
  if (keyType !== wanted) throw new TokenFailure('ALGORITHM_MISMATCH', `the key with id ${input.keyId} is not a${wanted === CKK_EC ? 'n EC' : 'n RSA'} key`);
  const data = input.algorithm === 'ECDSA-P256' ? Buffer.from(input.digest) : Buffer.concat([Buffer.from(DIGEST_INFO_PREFIX[input.hash], 'hex'), input.digest]);
  try {
    p.C_SignInit(session, { mechanism: input.algorithm === 'ECDSA-P256' ? CKM_ECDSA : CKM_RSA_PKCS }, key);
    return new Uint8Array(p.C_Sign(session, data, Buffer.alloc(1024)));
  } catch (e) {
    throw mapPkcs11Error(e, 'signing on the token');
  }
}

/** Closes every session of the token's slot (and so logs it out), for a clerk who walks away. */
export function logoutToken(module: string, ref: TokenRef, factory?: Pkcs11Factory): void {
  withModule(module, (p) => {
    const slot = findSlot(p, ref, module);
    try {
      p.C_CloseAllSessions(slot);
    } catch (e) {
      throw mapPkcs11Error(e, 'logging out');
    }
  }, factory);
}
