/**
 * "Does this signature verify with this certificate's key?" for every algorithm the verifier accepts: RSA PKCS#1
 * v1.5 and RSA-PSS (SHA-1/256/384/512), ECDSA on P-256/P-384/P-521 and brainpool, Ed25519 and Ed448 where the platform's
 * WebCrypto has them. Used for CMS signer infos, certificate links and CRLs alike. Never throws: malformed input
 * gives valid=false and a problem code; an algorithm this platform cannot check gives a problem starting with
 * "UNSUPPORTED_" (see isUnsupported), which callers must report as indeterminate, never as a bad signature.
 */
import { children, readOid, readOne, readSmallInt, TAG } from '../asn1/der.js';
import { type CertificateParts, rsaModulusBytes } from './cert-parts.js';
import { ecdsaDerToRaw } from '../crypto/ecdsa-signature.js';
import { EC_CURVES, SIGNATURE_OIDS, type SignatureScheme, UNSUPPORTED_CURVES, UNSUPPORTED_DIGEST_OIDS, UNSUPPORTED_SIGNATURE_OIDS } from './algorithms.js';
import { BRAINPOOL, verifyBrainpool } from './ecdsa-brainpool.js';
import { DIGEST_OIDS } from '../crypto/digest-oids.js';
import { digest, type DigestName } from '../bytes/sha.js';
import { OID } from '../asn1/oids.js';
import { bytesMemo, type BytesMemo } from './bytes-memo.js';

/**
 * A platform's own synchronous check of an RSA PKCS#1 v1.5 signature (Node: node:crypto, the same OpenSSL that
 * backs its WebCrypto), used after WebCrypto has accepted the key. It answers true/false, or undefined to leave the
 * check to WebCrypto. Verifying many files, WebCrypto's round trip through the thread pool costs more than the
 * RSA arithmetic; the CLI installs one, browsers never do.
 */
export type PlatformVerifier = (alg: { name: 'RSASSA-PKCS1-v1_5'; hash: DigestName }, spki: Uint8Array, data: Uint8Array, signature: Uint8Array) => boolean | undefined;

let platformVerifier: PlatformVerifier | undefined;

export function usePlatformVerifier(v: PlatformVerifier | undefined): void {
  platformVerifier = v;
}

/** A problem code meaning "this platform cannot check that algorithm" (not "the signature is wrong"). */
export function isUnsupported(problem: string | undefined): boolean {
  return problem !== undefined && problem.startsWith('UNSUPPORTED_');
}

export interface AlgorithmIdentifierParts {
  readonly oid: string;
  /** DER of the parameters, when present. */
  readonly parameters?: Uint8Array;
}

export interface SignatureCheck {
  readonly valid: boolean;
  readonly scheme?: SignatureScheme;
  readonly hash?: DigestName;
  /** Why `valid` is false without the signature simply not matching (unsupported, malformed, ...). */
  readonly problem?: string;
}

/** 'RSA-2048', 'EC-P256', 'EC-P384', ...; undefined for keys we cannot use. */
export function keyAlgorithmName(key: CertificateParts): string | undefined {
  if (key.publicKeyAlgorithm === OID.rsaEncryption) {
    try {
      return `RSA-${rsaBits(key)}`;
    } catch {
      return undefined;
    }
  }
  if (key.publicKeyAlgorithm === OID.ecPublicKey && key.publicKeyCurve) {
    const curve = EC_CURVES[key.publicKeyCurve];
    if (curve) return `EC-${curve.name.replace('-', '')}`;
    const other = UNSUPPORTED_CURVES[key.publicKeyCurve];
    return other ? `EC-${other}` : undefined;
  }
  if (key.publicKeyAlgorithm === OID.ed25519) return 'Ed25519';
  if (key.publicKeyAlgorithm === OID.ed448) return 'Ed448';
  return undefined;
}

/**
 * Verifies `signature` over `data` with the key of `key`. `digestHint` supplies the hash when the algorithm
 * identifier does not name one (rsaEncryption / id-ecPublicKey used as signature algorithms in CMS).
 */
export async function verifySignature(
  key: CertificateParts,
  algorithm: AlgorithmIdentifierParts,
  data: Uint8Array,
  signature: Uint8Array,
  digestHint?: DigestName,
): Promise<SignatureCheck> {
  const known = SIGNATURE_OIDS[algorithm.oid];
  if (!known) return { valid: false, problem: `UNSUPPORTED_SIGNATURE_ALGORITHM: ${UNSUPPORTED_SIGNATURE_OIDS[algorithm.oid] ?? algorithm.oid}` };
  // Verifying many copies by the same certifier re-checks the same certificate links: remember positive
  // results, found by a cheap hash and confirmed by comparing every input byte (so nothing else can hit an entry).
  const memo = data.length <= MEMO_MAX_DATA ? memoInput(key.spki, algorithm, data, signature, digestHint) : undefined;
  const hit = memo && memoLookup(memo);
  if (hit) return hit;
  const result = await verifyUncached(key, algorithm, known, data, signature, digestHint);
  if (memo && result.valid) memoStore(memo, result);
  return result;
}

const MEMO_MAX_DATA = 64 * 1024;
const MEMO_MAX_ENTRIES = 2000;

interface MemoInput {
  readonly hash: string;
  readonly parts: readonly Uint8Array[];
}
interface MemoEntry {
  readonly parts: readonly Uint8Array[];
  readonly result: SignatureCheck;
}
const verified = new Map<string, MemoEntry[]>();
let verifiedCount = 0;

function fnv(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

function memoInput(spki: Uint8Array, algorithm: AlgorithmIdentifierParts, data: Uint8Array, signature: Uint8Array, hint?: DigestName): MemoInput {
  const head = new TextEncoder().encode(`${algorithm.oid}|${hint ?? ''}|`);
  const parts = [head, algorithm.parameters ?? new Uint8Array(0), spki, data, signature];
  return { hash: parts.map((p) => `${p.length}:${fnv(p).toString(36)}`).join('/'), parts };
}

function sameParts(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  return a.every((x, i) => {
    const y = b[i];
    if (x.length !== y.length) return false;
    for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return false;
    return true;
  });
}

function memoLookup(m: MemoInput): SignatureCheck | undefined {
  return verified.get(m.hash)?.find((e) => sameParts(e.parts, m.parts))?.result;
}

function memoStore(m: MemoInput, result: SignatureCheck): void {
  if (verifiedCount >= MEMO_MAX_ENTRIES) {
    const oldest = verified.keys().next().value as string;
    verifiedCount -= verified.get(oldest)?.length ?? 0;
    verified.delete(oldest);
  }
  // Private copies: the caller's arrays may be views into a file that is reused or changed later.
  const entry = { parts: m.parts.map((p) => p.slice()), result };
  const list = verified.get(m.hash);
  if (list) list.push(entry);
  else verified.set(m.hash, [entry]);
  verifiedCount++;
}

async function verifyUncached(
  key: CertificateParts,
  algorithm: AlgorithmIdentifierParts,
  known: (typeof SIGNATURE_OIDS)[string],
  data: Uint8Array,
  signature: Uint8Array,
  digestHint?: DigestName,
): Promise<SignatureCheck> {
  const { scheme } = known;
  try {
    if (scheme === 'Ed25519' || scheme === 'Ed448') return await verifyEdDsa(key, scheme, data, signature);
    if (scheme === 'RSA-PSS') return await verifyPss(key, algorithm.parameters, data, signature);
    const hash = known.hash ?? digestHint;
    if (!hash) return { valid: false, scheme, problem: `UNSUPPORTED_DIGEST_ALGORITHM: no hash for ${algorithm.oid}` };
    if (scheme === 'ECDSA') return await verifyEcdsa(key, hash, data, signature);
    if (key.publicKeyAlgorithm !== OID.rsaEncryption) return { valid: false, scheme, hash, problem: 'KEY_ALGORITHM_MISMATCH' };
    const k = await importVerifyKey(key.spki, { name: scheme, hash });
    // PKCS#1 v1.5 signatures must be exactly the modulus length (RFC 8017 §8.2.2 step 1).
    if (signature.length !== rsaModulusBytes(key)) return { valid: false, scheme, hash };
    const fast = platformVerifier?.({ name: 'RSASSA-PKCS1-v1_5', hash }, key.spki, data, signature);
    if (fast !== undefined) return { valid: fast, scheme, hash };
    const valid = await subtle().verify({ name: scheme }, k, signature as BufferSource, data as BufferSource);
    return { valid, scheme, hash };
  } catch (e) {
    // WebCrypto without the algorithm (Ed448 in browsers, Ed25519 in older ones) throws NotSupportedError.
    if (e instanceof Error && e.name === 'NotSupportedError') return { valid: false, scheme, problem: `UNSUPPORTED_SIGNATURE_ALGORITHM: ${scheme} (${e.message})` };
    return { valid: false, scheme, problem: `SIGNATURE_CHECK_FAILED: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** PureEdDSA (RFC 8032 via RFC 8410/8419): the signature is over the data itself, no separate hash. */
async function verifyEdDsa(key: CertificateParts, scheme: 'Ed25519' | 'Ed448', data: Uint8Array, signature: Uint8Array): Promise<SignatureCheck> {
  if (key.publicKeyAlgorithm !== (scheme === 'Ed25519' ? OID.ed25519 : OID.ed448)) return { valid: false, scheme, problem: 'KEY_ALGORITHM_MISMATCH' };
  const k = await importVerifyKey(key.spki, { name: scheme });
  const valid = await subtle().verify({ name: scheme }, k, signature as BufferSource, data as BufferSource);
  return { valid, scheme };
}

async function verifyEcdsa(key: CertificateParts, hash: DigestName, data: Uint8Array, signature: Uint8Array): Promise<SignatureCheck> {
  const curve = key.publicKeyAlgorithm === OID.ecPublicKey && key.publicKeyCurve ? EC_CURVES[key.publicKeyCurve] : undefined;
  const other = key.publicKeyAlgorithm === OID.ecPublicKey && key.publicKeyCurve ? UNSUPPORTED_CURVES[key.publicKeyCurve] ?? `curve ${key.publicKeyCurve}` : undefined;
  const brainpool = !curve && key.publicKeyAlgorithm === OID.ecPublicKey && key.publicKeyCurve ? BRAINPOOL[key.publicKeyCurve] : undefined;
  if (brainpool && key.publicKeyCurve) {
    // WebCrypto has no brainpool: the digest comes from WebCrypto, the curve arithmetic from ecdsa-brainpool.ts.
    const size = (brainpool.p.toString(16).length + 1) >> 1;
    let raw: Uint8Array;
    try {
      raw = ecdsaDerToRaw(signature, size);
    } catch {
      return { valid: false, scheme: 'ECDSA', hash };
    }
    const big = (b: Uint8Array) => b.reduce((x, v) => (x << 8n) | BigInt(v), 0n);
    const valid = verifyBrainpool(key.publicKeyCurve, key.publicKey, await digest(hash, data), big(raw.subarray(0, size)), big(raw.subarray(size)));
    if (valid === undefined) return { valid: false, scheme: 'ECDSA', hash, problem: `UNSUPPORTED_SIGNATURE_ALGORITHM: ECDSA key on ${other} (compressed or invalid point)` };
    return { valid, scheme: 'ECDSA', hash };
  }
  if (!curve && other) return { valid: false, scheme: 'ECDSA', hash, problem: `UNSUPPORTED_SIGNATURE_ALGORITHM: ECDSA on ${other}` };
  if (!curve) return { valid: false, scheme: 'ECDSA', hash, problem: 'KEY_ALGORITHM_MISMATCH' };
  let raw: Uint8Array;
  try {
    raw = ecdsaDerToRaw(signature, curve.size);
  } catch {
    return { valid: false, scheme: 'ECDSA', hash };
  }
  const k = await importVerifyKey(key.spki, { name: 'ECDSA', namedCurve: curve.name });
  const valid = await subtle().verify({ name: 'ECDSA', hash }, k, raw as BufferSource, data as BufferSource);
  return { valid, scheme: 'ECDSA', hash };
}

async function verifyPss(key: CertificateParts, parameters: Uint8Array | undefined, data: Uint8Array, signature: Uint8Array): Promise<SignatureCheck> {
  const p = readPssParameters(parameters);
  if ('problem' in p) return { valid: false, scheme: 'RSA-PSS', problem: p.problem };
  if (key.publicKeyAlgorithm !== OID.rsaEncryption) return { valid: false, scheme: 'RSA-PSS', hash: p.hash, problem: 'KEY_ALGORITHM_MISMATCH' };
  const k = await importVerifyKey(key.spki, { name: 'RSA-PSS', hash: p.hash });
  const valid = await subtle().verify({ name: 'RSA-PSS', saltLength: p.saltLength }, k, signature as BufferSource, data as BufferSource);
  return { valid, scheme: 'RSA-PSS', hash: p.hash };
}

/** RSASSA-PSS-params (RFC 4055 §3.1); WebCrypto needs MGF1 with the same hash and trailer field 1. */
function readPssParameters(der: Uint8Array | undefined): { hash: DigestName; saltLength: number } | { problem: string } {
  let hashOid: string = OID.sha1; // defaults: SHA-1, MGF1-SHA-1, salt 20, trailer 1
  let mgfHashOid = hashOid;
  let saltLength = 20;
  if (der && der[0] === TAG.SEQUENCE) {
    for (const f of children(readOne(der, TAG.SEQUENCE))) {
      const [inner] = children(f);
      if (f.tag === 0xa0) hashOid = readOid(children(inner)[0]);
      else if (f.tag === 0xa1) {
        const [mgf, mgfParams] = children(inner);
        if (readOid(mgf) !== OID.mgf1 || !mgfParams) return { problem: 'UNSUPPORTED_SIGNATURE_ALGORITHM: PSS mask generation' };
        mgfHashOid = readOid(children(mgfParams)[0]);
      } else if (f.tag === 0xa2) saltLength = readSmallInt(inner);
      else if (f.tag === 0xa3 && readSmallInt(inner) !== 1) return { problem: 'UNSUPPORTED_SIGNATURE_ALGORITHM: PSS trailer field' };
    }
  }
  const hash = DIGEST_OIDS[hashOid];
  if (!hash) return { problem: `UNSUPPORTED_SIGNATURE_ALGORITHM: RSA-PSS with ${UNSUPPORTED_DIGEST_OIDS[hashOid] ?? hashOid}` };
  if (mgfHashOid !== hashOid) return { problem: 'UNSUPPORTED_SIGNATURE_ALGORITHM: PSS with a different MGF1 hash' };
  return { hash, saltLength };
}

function rsaBits(key: CertificateParts): number {
  const [n] = children(readOne(key.publicKey, TAG.SEQUENCE));
  let c = n.content;
  while (c.length > 0 && c[0] === 0) c = c.subarray(1);
  return c.length === 0 ? 0 : (c.length - 1) * 8 + (32 - Math.clz32(c[0]));
}

type ImportParams = { name: string; hash?: string; namedCurve?: string };
/** Imported keys by algorithm and SPKI: the same certifier's and CA's keys verify copy after copy. */
const importedKeys = new Map<string, BytesMemo<Promise<CryptoKey>>>();

function importVerifyKey(spki: Uint8Array, params: ImportParams): Promise<CryptoKey> {
  const k = `${params.name}|${params.hash ?? ''}|${params.namedCurve ?? ''}`;
  let memo = importedKeys.get(k);
  if (!memo) importedKeys.set(k, (memo = bytesMemo<Promise<CryptoKey>>(100)));
  const keys = memo;
  return keys.get(spki, (own) => {
    const p = subtle().importKey('spki', own as BufferSource, params, false, ['verify']);
    // A key the platform refuses is asked again next time (and fails the same way), never remembered.
    p.catch(() => keys.forget(own));
    return p;
  });
}

function subtle(): SubtleCrypto {
  return globalThis.crypto.subtle;
}
