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
import { sha256Sync } from '../crypto/sha-sync.js';
import { EC_CURVES, SIGNATURE_OIDS, type SignatureScheme, UNSUPPORTED_CURVES, UNSUPPORTED_DIGEST_OIDS, UNSUPPORTED_SIGNATURE_OIDS } from './algorithms.js';
import { BRAINPOOL, verifyBrainpool } from './ecdsa-brainpool.js';
import { DIGEST_OIDS } from '../crypto/digest-oids.js';
import { digest, type DigestName } from '../bytes/sha.js';
import { OID } from '../asn1/oids.js';
import { toHex } from '../bytes/hex.js';

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
  // results, keyed by a SHA-256 over everything the result depends on (so nothing else can hit the entry).
  const memo = data.length <= MEMO_MAX_DATA ? memoKey(key.spki, algorithm, data, signature, digestHint) : undefined;
  const hit = memo && verified.get(memo);
  if (hit) return hit;
  const result = await verifyUncached(key, algorithm, known, data, signature, digestHint);
  if (memo && result.valid) {
    if (verified.size >= MEMO_MAX_ENTRIES) verified.delete(verified.keys().next().value as string);
    verified.set(memo, result);
  }
  return result;
}

const MEMO_MAX_DATA = 64 * 1024;
const MEMO_MAX_ENTRIES = 2000;
const verified = new Map<string, SignatureCheck>();

function memoKey(spki: Uint8Array, algorithm: AlgorithmIdentifierParts, data: Uint8Array, signature: Uint8Array, hint?: DigestName): string {
  const head = new TextEncoder().encode(`${algorithm.oid}|${hint ?? ''}|${spki.length}|${data.length}|${signature.length}|`);
  const params = algorithm.parameters ?? new Uint8Array(0);
  const all = new Uint8Array(head.length + params.length + spki.length + data.length + signature.length);
  let at = 0;
  for (const part of [head, params, spki, data, signature]) {
    all.set(part, at);
    at += part.length;
  }
  return toHex(sha256Sync(all));
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
    const k = await subtle().importKey('spki', key.spki as BufferSource, { name: scheme, hash }, false, ['verify']);
    // PKCS#1 v1.5 signatures must be exactly the modulus length (RFC 8017 §8.2.2 step 1).
    if (signature.length !== rsaModulusBytes(key)) return { valid: false, scheme, hash };
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
  const k = await subtle().importKey('spki', key.spki as BufferSource, { name: scheme }, false, ['verify']);
  const valid = await subtle().verify({ name: scheme }, k, signature as BufferSource, data as BufferSource);
  return { valid, scheme };
}

async function verifyEcdsa(key: CertificateParts, hash: DigestName, data: Uint8Array, signature: Uint8Array): Promise<SignatureCheck> {
  const curve = key.publicKeyAlgorithm === OID.ecPublicKey && key.publicKeyCurve ? EC_CURVES[key.publicKeyCurve] : undefined;
  const other = key.publicKeyAlgorithm === OID.ecPublicKey && key.publicKeyCurve ? UNSUPPORTED_CURVES[key.publicKeyCurve] ?? `curve ${key.publicKeyCurve}` : undefined;
  const brainpool = !curve && key.publicKeyCurve ? BRAINPOOL[key.publicKeyCurve] : undefined;
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
  const k = await subtle().importKey('spki', key.spki as BufferSource, { name: 'ECDSA', namedCurve: curve.name }, false, ['verify']);
  const valid = await subtle().verify({ name: 'ECDSA', hash }, k, raw as BufferSource, data as BufferSource);
  return { valid, scheme: 'ECDSA', hash };
}

async function verifyPss(key: CertificateParts, parameters: Uint8Array | undefined, data: Uint8Array, signature: Uint8Array): Promise<SignatureCheck> {
  const p = readPssParameters(parameters);
  if ('problem' in p) return { valid: false, scheme: 'RSA-PSS', problem: p.problem };
  if (key.publicKeyAlgorithm !== OID.rsaEncryption) return { valid: false, scheme: 'RSA-PSS', hash: p.hash, problem: 'KEY_ALGORITHM_MISMATCH' };
  const k = await subtle().importKey('spki', key.spki as BufferSource, { name: 'RSA-PSS', hash: p.hash }, false, ['verify']);
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

function subtle(): SubtleCrypto {
  return globalThis.crypto.subtle;
}
