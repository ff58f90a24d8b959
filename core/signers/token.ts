/**
 * A Signer whose private key stays on a PKCS#11 token. The token signs only a digest (the SHA-256 of the CMS
 * signed attributes): whoever drives the token — the CLI in-process, or the extension through the native host —
 * supplies `signDigest`. RSA comes back as PKCS#1 v1.5 bytes; ECDSA as the token's raw r||s, which CMS needs as
 * a DER ECDSA-Sig-Value.
 */
import { SaoyError } from '../errors.js';
import { certificateParts } from '../pki/cert-parts.js';
import { signatureAlgorithmOf } from '../pki/public-key.js';
import { ecdsaRawToDer } from '../crypto/ecdsa-signature.js';
import type { SignatureAlgorithm } from '../crypto/signature-algorithm.js';
import type { Signer, SignRequest } from './signer.js';

/** Signs a SHA-256 digest on the token; returns RSA PKCS#1 v1.5 bytes or ECDSA raw r||s. */
export type TokenDigestSigner = (digest: Uint8Array, algorithm: SignatureAlgorithm) => Promise<Uint8Array>;

const SHA256_LENGTH = 32;

/** `certificates[0]` is the token key's certificate (its algorithm decides the mechanism), then CA certificates. */
export function createTokenSigner(certificates: readonly Uint8Array[], signDigest: TokenDigestSigner): Signer {
  if (certificates.length === 0) {
    throw new SaoyError('SIGNER_NO_CERTIFICATE', 'the token key has no certificate', 'Khóa trên token không có chứng thư số');
  }
  const algorithm = signatureAlgorithmOf(certificateParts(certificates[0]));
  if (!algorithm) {
    throw new SaoyError('SIGNER_KEY_UNSUPPORTED', 'the token certificate\'s key is neither RSA nor ECDSA P-256', 'Khóa trên token không phải RSA hoặc ECDSA P-256');
  }
  const certs = certificates.map((c) => Uint8Array.from(c));
  return {
    algorithm,
    certificates: certs,
    async sign(request: SignRequest): Promise<Uint8Array> {
      if (request.digest.length !== SHA256_LENGTH) {
        throw new SaoyError('SIGNER_DIGEST_LENGTH', `a SHA-256 digest is 32 bytes, got ${request.digest.length}`, 'Giá trị băm SHA-256 phải dài 32 byte');
      }
      const out = await signDigest(Uint8Array.from(request.digest), algorithm);
      if (algorithm !== 'ECDSA-P256') return out;
      if (out.length !== 64) {
        throw new SaoyError('ECDSA_SIGNATURE_INVALID', `the token returned a ${out.length}-byte ECDSA signature (expected 64)`, 'Token trả về chữ ký ECDSA không hợp lệ');
      }
      return ecdsaRawToDer(out);
    },
  };
}
