/**
 * Algorithm identifiers the verifier understands (RFC 3279, RFC 4055, RFC 5754, RFC 5758), mapped to WebCrypto
 * names. Digest OIDs are core/crypto/digest-oids.ts, the OID table is core/asn1/oids.ts.
 */
import { OID } from '../asn1/oids.js';
import type { DigestName } from '../bytes/sha.js';

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
  [OID.rsaEncryption]: { scheme: 'RSASSA-PKCS1-v1_5' },
  '1.2.840.113549.1.1.5': { scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' },
  '1.2.840.113549.1.1.11': { scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  '1.2.840.113549.1.1.12': { scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' },
  '1.2.840.113549.1.1.13': { scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' },
  // RSASSA-PSS: the hash is in the parameters.
  [OID.rsassaPss]: { scheme: 'RSA-PSS' },
  // id-ecPublicKey as a signature algorithm (seen in the wild): hash from the digestAlgorithm.
  [OID.ecPublicKey]: { scheme: 'ECDSA' },
  '1.2.840.10045.4.1': { scheme: 'ECDSA', hash: 'SHA-1' },
  '1.2.840.10045.4.3.2': { scheme: 'ECDSA', hash: 'SHA-256' },
  '1.2.840.10045.4.3.3': { scheme: 'ECDSA', hash: 'SHA-384' },
  '1.2.840.10045.4.3.4': { scheme: 'ECDSA', hash: 'SHA-512' },
  // RFC 8410: the same OIDs name the key and the signature algorithm (PureEdDSA, no parameters).
  [OID.ed25519]: { scheme: 'Ed25519' },
  [OID.ed448]: { scheme: 'Ed448' },
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

