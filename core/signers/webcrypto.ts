/** A Signer backed by a WebCrypto private key (generated, or imported non-extractable from a PKCS#12 file). */
import { SaoyError } from '../errors.js';
import { certificateParts } from '../pki/cert-parts.js';
import { signatureAlgorithmOf } from '../pki/public-key.js';
import { ecdsaRawToDer } from '../crypto/ecdsa-signature.js';
import type { Signer, SignRequest } from './signer.js';
import type { SignatureAlgorithm } from '../crypto/signature-algorithm.js';

/** Our algorithm name for a WebCrypto key, or an error naming what the key is. */
export function signatureAlgorithmOfKey(key: CryptoKey): SignatureAlgorithm {
  const alg = key.algorithm as KeyAlgorithm & { hash?: { name: string }; namedCurve?: string };
  if (alg.name === 'RSASSA-PKCS1-v1_5' && alg.hash?.name === 'SHA-256') return 'RSASSA-PKCS1-v1_5';
  if (alg.name === 'ECDSA' && alg.namedCurve === 'P-256') return 'ECDSA-P256';
  const what = [alg.name, alg.hash?.name, alg.namedCurve].filter(Boolean).join('/');
  throw new SaoyError(
    'SIGNER_KEY_UNSUPPORTED',
    `unsupported signing key ${what} (expected RSASSA-PKCS1-v1_5/SHA-256 or ECDSA P-256)`,
    `Khóa ký không được hỗ trợ: ${what} (cần RSASSA-PKCS1-v1_5/SHA-256 hoặc ECDSA P-256)`,
  );
}

export function createWebCryptoSigner(privateKey: CryptoKey, certificates: readonly Uint8Array[]): Signer {
  const algorithm = signatureAlgorithmOfKey(privateKey);
  if (privateKey.type !== 'private' || !privateKey.usages.includes('sign')) {
    throw new SaoyError('SIGNER_KEY_UNSUPPORTED', 'the key is not a private signing key', 'Khóa không phải là khóa bí mật dùng để ký');
  }
  if (certificates.length === 0) {
    throw new SaoyError('SIGNER_NO_CERTIFICATE', 'the signer has no certificate', 'Người ký không có chứng thư số');
  }
  // Cheap sanity check; buildSignedData additionally verifies each signature with the certificate's key.
  if (signatureAlgorithmOf(certificateParts(certificates[0])) !== algorithm) {
    throw new SaoyError(
      'SIGNER_KEY_MISMATCH',
      `the private key (${algorithm}) does not match the certificate's public key algorithm`,
      `Khóa bí mật (${algorithm}) không cùng thuật toán với khóa công khai trong chứng thư số`,
    );
  }
  const certs = certificates.map((c) => Uint8Array.from(c));
  return {
    algorithm,
    certificates: certs,
    async sign(request: SignRequest): Promise<Uint8Array> {
      const data = request.data as BufferSource;
      if (algorithm === 'ECDSA-P256') {
        const raw = await globalThis.crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, data);
        return ecdsaRawToDer(new Uint8Array(raw));
      }
      return new Uint8Array(await globalThis.crypto.subtle.sign({ name: 'RSASSA-PKCS1-v1_5' }, privateKey, data));
    },
  };
}
