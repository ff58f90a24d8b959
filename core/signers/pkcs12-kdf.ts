import { digest, type DigestName } from '../bytes/sha.js';
import { sha1Sync, sha256Sync } from '../crypto/sha-sync.js';

/**
 * The PKCS#12 key derivation function (RFC 7292 appendix B.2). Still used for the MAC of every PKCS#12 file
 * (also OpenSSL 3's default) and, with SHA-1, for the legacy pbeWithSHAAnd… encryption schemes.
 */

/** Purpose byte: 1 = key material, 2 = IV, 3 = MAC key. */
export type Pkcs12KdfPurpose = 1 | 2 | 3;

const SIZES: Readonly<Record<DigestName, { u: number; v: number }>> = {
  'SHA-1': { u: 20, v: 64 },
  'SHA-256': { u: 32, v: 64 },
  'SHA-384': { u: 48, v: 128 },
  'SHA-512': { u: 64, v: 128 },
};

/** Password as a BMPString with the two-byte terminator, as RFC 7292 B.1 requires (UTF-16BE). */
export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    const c = password.charCodeAt(i);
    out[2 * i] = c >> 8;
    out[2 * i + 1] = c & 0xff;
  }
  return out;
}

function repeatTo(bytes: Uint8Array, v: number): Uint8Array {
  if (bytes.length === 0) return new Uint8Array(0);
  const out = new Uint8Array(v * Math.ceil(bytes.length / v));
  for (let i = 0; i < out.length; i++) out[i] = bytes[i % bytes.length];
  return out;
}

/**
 * Derives `n` bytes. `password` is the already-encoded BMP password (see bmpPassword), so that callers can
 * also try the empty-bytes form OpenSSL uses for a NULL password.
 */
export async function pkcs12Kdf(
  hash: DigestName,
  password: Uint8Array,
  salt: Uint8Array,
  purpose: Pkcs12KdfPurpose,
  iterations: number,
  n: number,
): Promise<Uint8Array> {
  const { u, v } = SIZES[hash];
  const D = new Uint8Array(v).fill(purpose);
  const I = new Uint8Array([...repeatTo(salt, v), ...repeatTo(password, v)]);
  const out = new Uint8Array(Math.ceil(n / u) * u);
  const digest = hashFunction(hash);
  for (let block = 0; block * u < n; block++) {
    let A = await digest(new Uint8Array([...D, ...I]));
    for (let r = 1; r < iterations; r++) A = await digest(A);
    out.set(A, block * u);
    if ((block + 1) * u >= n) break;
    // I_j = (I_j + B + 1) mod 2^(8v) for each v-byte block of I, B = A repeated to v bytes.
    const B = repeatTo(A, v).subarray(0, v);
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[j + k] + B[k] + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return out.subarray(0, n);
}

/** Synchronous SHA-1/SHA-256 for the hot loop (see core/crypto/sha-sync.ts); WebCrypto for the rarely used SHA-384/512. */
function hashFunction(hash: DigestName): (data: Uint8Array) => Uint8Array | Promise<Uint8Array> {
  if (hash === 'SHA-1') return sha1Sync;
  if (hash === 'SHA-256') return sha256Sync;
  return (data) => digest(hash, data);
}
