import { constants, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { bytesMemo } from '../core/pki/bytes-memo.js';
import type { PlatformVerifier } from '../core/pki/verify-signature.js';

/** Public keys by SPKI: the same certifier's and CA's keys verify file after file. */
const keys = bytesMemo<KeyObject>(200);

/**
 * RSA PKCS#1 v1.5 checked synchronously by node:crypto (OpenSSL, as Node's WebCrypto), without WebCrypto's trip
 * through the libuv pool. Anything unexpected leaves the check to WebCrypto (undefined), so answers never differ.
 */
export const nodeRsaVerifier: PlatformVerifier = (alg, spki, data, signature) => {
  try {
    const key = keys.get(spki, () => createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }));
    if (key.asymmetricKeyType !== 'rsa') return undefined;
    return verify(alg.hash.replace('-', '').toLowerCase(), data, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    return undefined;
  }
};
