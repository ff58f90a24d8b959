/**
 * Algorithm identifiers the verifier understands (RFC 3279, RFC 4055, RFC 5754, RFC 5758), mapped to WebCrypto
 * names. Kept apart from core/cms/oids.ts, which lists only what the signer writes.
 */
export type DigestName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export const DIGEST_OIDS: Readonly<Record<string, DigestName>> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

export const OID_RSASSA_PSS = '1.2.840.113549.1.1.10';
export const OID_MGF1 = '1.2.840.113549.1.1.8';
export const OID_RSA = '1.2.840.113549.1.1.1';
export const OID_EC_KEY = '1.2.840.10045.2.1';
/** RFC 8410: the same OIDs name the key and the signature algorithm (PureEdDSA, no parameters). */
export const OID_ED25519 = '1.3.101.112';
export const OID_ED448 = '1.3.101.113';

export type SignatureScheme = 'RSASSA-PKCS1-v1_5' | 'RSA-PSS' | 'ECDSA' | 'Ed25519' | 'Ed448';

/**
 * Digests seen in real signatures that WebCrypto cannot compute (SHA-3 family, SHAKE256 of Ed448 CMS): known by
 * name so a signature using them is reported as "cannot be checked here", never as a broken signature.
 */
export const UNSUPPORTED_DIGEST_OIDS: Readonly<Record<string, string>> = {
  '2.16.840.1.101.3.4.2.8': 'SHA3-256',
  '2.16.840.1.101.3.4.2.9': 'SHA3-384',
  '2.16.840.1.101.3.4.2.10': 'SHA3-512',
  '2.16.840.1.101.3.4.2.12': 'SHAKE256',
  '1.2.840.113549.2.5': 'MD5',
  '1.3.36.3.2.1': 'RIPEMD-160',
};

/** Signature algorithm OID → scheme and the hash it names (undefined: the hash comes from elsewhere). */
export const SIGNATURE_OIDS: Readonly<Record<string, { scheme: SignatureScheme; hash?: DigestName }>> = {
  // rsaEncryption as a signature algorithm (CMS allows it): the hash is the SignerInfo digestAlgorithm.
  [OID_RSA]: { scheme: 'RSASSA-PKCS1-v1_5' },
  '1.2.840.113549.1.1.5': { scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' },
  '1.2.840.113549.1.1.11': { scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  '1.2.840.113549.1.1.12': { scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' },
  '1.2.840.113549.1.1.13': { scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' },
  // RSASSA-PSS: the hash is in the parameters.
  [OID_RSASSA_PSS]: { scheme: 'RSA-PSS' },
  // id-ecPublicKey as a signature algorithm (seen in the wild): hash from the digestAlgorithm.
  [OID_EC_KEY]: { scheme: 'ECDSA' },
  '1.2.840.10045.4.1': { scheme: 'ECDSA', hash: 'SHA-1' },
  '1.2.840.10045.4.3.2': { scheme: 'ECDSA', hash: 'SHA-256' },
  '1.2.840.10045.4.3.3': { scheme: 'ECDSA', hash: 'SHA-384' },
  '1.2.840.10045.4.3.4': { scheme: 'ECDSA', hash: 'SHA-512' },
  [OID_ED25519]: { scheme: 'Ed25519' },
  [OID_ED448]: { scheme: 'Ed448' },
};

/** Signature algorithms with a SHA-3 hash (RFC 8702 / NIST CSOR): known, not checkable with WebCrypto. */
export const UNSUPPORTED_SIGNATURE_OIDS: Readonly<Record<string, string>> = {
  '2.16.840.1.101.3.4.3.14': 'RSASSA-PKCS1-v1_5/SHA3-256',
  '2.16.840.1.101.3.4.3.15': 'RSASSA-PKCS1-v1_5/SHA3-384',
  '2.16.840.1.101.3.4.3.16': 'RSASSA-PKCS1-v1_5/SHA3-512',
  '2.16.840.1.101.3.4.3.10': 'ECDSA/SHA3-256',
  '2.16.840.1.101.3.4.3.11': 'ECDSA/SHA3-384',
  '2.16.840.1.101.3.4.3.12': 'ECDSA/SHA3-512',
};

/** Named curves of real certificates that WebCrypto has no implementation of (RFC 5639 brainpool: see ecdsa-brainpool.ts). */
export const UNSUPPORTED_CURVES: Readonly<Record<string, string>> = {
  '1.3.36.3.3.2.8.1.1.7': 'brainpoolP256r1',
  '1.3.36.3.3.2.8.1.1.11': 'brainpoolP384r1',
  '1.3.36.3.3.2.8.1.1.13': 'brainpoolP512r1',
};

/** Named curves WebCrypto supports, with the byte size of r and s. */
export const EC_CURVES: Readonly<Record<string, { name: 'P-256' | 'P-384' | 'P-521'; size: number }>> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', size: 32 },
  '1.3.132.0.34': { name: 'P-384', size: 48 },
  '1.3.132.0.35': { name: 'P-521', size: 66 },
};

export async function digest(name: DigestName, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest(name, data as BufferSource));
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
