/**
 * Password-based encryption and MAC for PKCS#12: PBES2 (PBKDF2 + AES-CBC) on WebCrypto, and the legacy
 * RFC 7292 pbeWithSHAAnd… schemes (3DES, RC2, RC4) through the small ciphers in legacy-ciphers.ts, because
 * WebCrypto has none of them and older Vietnamese CAs still hand out such files.
 */
import { SaoyError } from '../errors.js';
import {
  algorithmIdentifier,
  children,
  derNull,
  octetString,
  readOctets,
  readOid,
  readSmallInt,
  seq,
  smallInteger,
  TAG,
  type Tlv,
} from '../asn1/der.js';
import { legacyDecrypt, type LegacyCipher } from './legacy-ciphers.js';
import { bmpPassword, pkcs12Kdf } from './pkcs12-kdf.js';
import { OID } from '../asn1/oids.js';
import { digestNameOfOid } from '../crypto/digest-oids.js';
import type { DigestName } from '../bytes/sha.js';


const PRF: Readonly<Record<string, DigestName>> = {
  '1.2.840.113549.2.7': 'SHA-1',
  [OID.hmacWithSHA256]: 'SHA-256',
  '1.2.840.113549.2.10': 'SHA-384',
  '1.2.840.113549.2.11': 'SHA-512',
};

const AES_CBC: Readonly<Record<string, number>> = {
  '2.16.840.1.101.3.4.1.2': 128,
  '2.16.840.1.101.3.4.1.22': 192,
  [OID.aes256Cbc]: 256,
};

/** RFC 7292 appendix C: name, cipher, key bytes. */
const LEGACY: Readonly<Record<string, readonly [string, LegacyCipher, number]>> = {
  '1.2.840.113549.1.12.1.1': ['pbeWithSHAAnd128BitRC4', 'rc4', 16],
  '1.2.840.113549.1.12.1.2': ['pbeWithSHAAnd40BitRC4', 'rc4', 5],
  '1.2.840.113549.1.12.1.3': ['pbeWithSHAAnd3-KeyTripleDES-CBC', 'des-ede3-cbc', 24],
  '1.2.840.113549.1.12.1.4': ['pbeWithSHAAnd2-KeyTripleDES-CBC', 'des-ede3-cbc', 16],
  '1.2.840.113549.1.12.1.5': ['pbeWithSHAAnd128BitRC2-CBC', 'rc2-cbc', 16],
  '1.2.840.113549.1.12.1.6': ['pbeWithSHAAnd40BitRC2-CBC', 'rc2-cbc', 5],
};

const OTHER_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.5.3': 'pbeWithMD5AndDES-CBC',
  '1.2.840.113549.1.5.10': 'pbeWithSHA1AndDES-CBC',
  '1.2.840.113549.1.5.14': 'PBMAC1',
  '1.2.840.113549.3.7': 'des-ede3-cbc',
};

/** Upper bounds on attacker-chosen work factors (OpenSSL writes 2048; Windows 2000; Java 10000). */
const MAX_PBKDF2_ITERATIONS = 10_000_000;
const MAX_PKCS12_KDF_ITERATIONS = 1_000_000;

export function algorithmName(oid: string): string {
  return LEGACY[oid]?.[0] ?? OTHER_NAMES[oid] ?? oid;
}

export function unsupportedEncryption(what: string): SaoyError {
  return new SaoyError(
    'P12_UNSUPPORTED_ENCRYPTION',
    `the PKCS#12 file uses an unsupported encryption algorithm (${what})`,
    `Tệp PKCS#12 dùng thuật toán mã hóa không được hỗ trợ (${what})`,
  );
}

export function wrongPassword(cause?: unknown): SaoyError {
  return new SaoyError('P12_WRONG_PASSWORD', 'wrong password for the PKCS#12 file', 'Sai mật khẩu của tệp PKCS#12', {
    cause,
  });
}

function checkIterations(n: number, max: number): number {
  if (n < 1 || n > max) throw unsupportedEncryption(`iteration count ${n}`);
  return n;
}

/**
 * Decrypts PKCS#12 content (shrouded key or EncryptedData) given its AlgorithmIdentifier TLV.
 * A wrong password shows up as bad padding: P12_WRONG_PASSWORD.
 */
export async function decryptWithPassword(algorithm: Tlv, ciphertext: Uint8Array, password: string): Promise<Uint8Array> {
  const [idTlv, params] = children(algorithm);
  const id = readOid(idTlv);
  if (id === OID.pbes2) {
    if (!params) throw unsupportedEncryption('PBES2 without parameters');
    return pbes2Decrypt(params, ciphertext, password);
  }
  const legacy = LEGACY[id];
  if (!legacy) throw unsupportedEncryption(algorithmName(id));
  const [name, cipher, keyLength] = legacy;
  if (!params) throw unsupportedEncryption(`${name} without parameters`);
  const [saltTlv, iterTlv] = children(params);
  const salt = readOctets(saltTlv);
  const iterations = checkIterations(readSmallInt(iterTlv), MAX_PKCS12_KDF_ITERATIONS);
  const pw = bmpPassword(password);
  const key = await pkcs12Kdf('SHA-1', pw, salt, 1, iterations, keyLength);
  const iv = cipher === 'rc4' ? new Uint8Array(0) : await pkcs12Kdf('SHA-1', pw, salt, 2, iterations, 8);
  try {
    return legacyDecrypt(cipher, key, iv, ciphertext);
  } catch (e) {
    if (e instanceof SaoyError) throw e;
    throw wrongPassword(e);
  }
}

async function pbes2Decrypt(params: Tlv, ciphertext: Uint8Array, password: string): Promise<Uint8Array> {
  const [kdf, scheme] = children(params);
  const [kdfId, kdfParams] = children(kdf);
  if (readOid(kdfId) !== OID.pbkdf2 || !kdfParams) throw unsupportedEncryption(`PBES2 key derivation ${readOid(kdfId)}`);
  const kp = children(kdfParams);
  if (kp[0]?.tag !== TAG.OCTET_STRING) throw unsupportedEncryption('PBKDF2 with a non-specified salt');
  const salt = kp[0].content;
  const iterations = checkIterations(readSmallInt(kp[1]), MAX_PBKDF2_ITERATIONS);
  let i = 2;
  if (kp[i]?.tag === TAG.INTEGER) i++; // keyLength: implied by the cipher
  let prf: DigestName = 'SHA-1';
  if (kp[i]) {
    const prfOid = readOid(children(kp[i])[0]);
    const h = PRF[prfOid];
    if (!h) throw unsupportedEncryption(`PBKDF2 PRF ${prfOid}`);
    prf = h;
  }
  const [schemeId, ivTlv] = children(scheme);
  const schemeOid = readOid(schemeId);
  const subtle = globalThis.crypto.subtle;
  const base = await subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const pbkdf2 = { name: 'PBKDF2', hash: prf, salt: salt as BufferSource, iterations };
  const aesBits = AES_CBC[schemeOid];
  if (aesBits) {
    const iv = readOctets(ivTlv);
    const raw = await subtle.deriveBits(pbkdf2, base, aesBits);
    const key = await subtle.importKey('raw', raw, 'AES-CBC', false, ['decrypt']);
    try {
      return new Uint8Array(await subtle.decrypt({ name: 'AES-CBC', iv: iv as BufferSource }, key, ciphertext as BufferSource));
    } catch (e) {
      throw wrongPassword(e);
    }
  }
  if (schemeOid === '1.2.840.113549.3.7') {
    const raw = new Uint8Array(await subtle.deriveBits(pbkdf2, base, 192));
    try {
      return legacyDecrypt('des-ede3-cbc', raw, readOctets(ivTlv), ciphertext);
    } catch (e) {
      if (e instanceof SaoyError) throw e;
      throw wrongPassword(e);
    }
  }
  throw unsupportedEncryption(`PBES2 with ${algorithmName(schemeOid)}`);
}

/** PBES2 / PBKDF2-HMAC-SHA256 / AES-256-CBC, as OpenSSL 3 writes by default. Returns AlgorithmIdentifier + ciphertext. */
export async function pbes2Encrypt(
  plaintext: Uint8Array,
  password: string,
  iterations: number,
): Promise<{ algorithm: Uint8Array; ciphertext: Uint8Array }> {
  const subtle = globalThis.crypto.subtle;
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const base = await subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const raw = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, 256);
  const key = await subtle.importKey('raw', raw, 'AES-CBC', false, ['encrypt']);
  const ciphertext = new Uint8Array(await subtle.encrypt({ name: 'AES-CBC', iv }, key, plaintext as BufferSource));
  const pbkdf2Params = seq(octetString(salt), smallInteger(iterations), algorithmIdentifier(OID.hmacWithSHA256, derNull()));
  const algorithm = algorithmIdentifier(
    OID.pbes2,
    seq(algorithmIdentifier(OID.pbkdf2, pbkdf2Params), algorithmIdentifier(OID.aes256Cbc, octetString(iv))),
  );
  return { algorithm, ciphertext };
}

export function macHashOf(digestAlgorithmOid: string): DigestName {
  const h = digestNameOfOid(digestAlgorithmOid);
  if (!h) throw unsupportedEncryption(`MAC algorithm ${algorithmName(digestAlgorithmOid)}`);
  return h;
}

/** HMAC over `data` with the RFC 7292 B.2 MAC key (purpose 3). `password` is the encoded BMP form. */
export async function pkcs12Mac(
  hash: DigestName,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  data: Uint8Array,
): Promise<Uint8Array> {
  checkIterations(iterations, MAX_PKCS12_KDF_ITERATIONS);
  const size = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 }[hash];
  const keyBytes = await pkcs12Kdf(hash, password, salt, 3, iterations, size);
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', keyBytes as BufferSource, { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', key, data as BufferSource));
}
