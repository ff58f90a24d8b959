/**
 * The certificate's public key as a WebCrypto key, and "does this SHA-256 signature verify": used right after
 * signing (catches a key that does not belong to the certificate before it lands in a PDF) and by the verifier.
 */
import { SaoyError } from '../errors.js';
import { type CertificateParts } from './cert-parts.js';
import { ecdsaDerToRaw } from '../crypto/ecdsa-signature.js';
import type { SignatureAlgorithm } from '../crypto/signature-algorithm.js';
import { OID } from '../asn1/oids.js';

/** Which of our signature algorithms a certificate's key is for, or undefined when we do not support it. */
export function signatureAlgorithmOf(parts: CertificateParts): SignatureAlgorithm | undefined {
  if (parts.publicKeyAlgorithm === OID.rsaEncryption) return 'RSASSA-PKCS1-v1_5';
  if (parts.publicKeyAlgorithm === OID.ecPublicKey && parts.publicKeyCurve === OID.p256) return 'ECDSA-P256';
  return undefined;
}

export function importPublicKey(parts: CertificateParts): Promise<CryptoKey> {
  const algorithm = signatureAlgorithmOf(parts);
  if (!algorithm) {
    throw new SaoyError(
      'CERT_KEY_UNSUPPORTED',
      `unsupported public key algorithm ${parts.publicKeyAlgorithm}`,
      `Thuật toán khóa công khai không được hỗ trợ: ${parts.publicKeyAlgorithm}`,
    );
  }
  const params =
    algorithm === 'RSASSA-PKCS1-v1_5'
      ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
      : { name: 'ECDSA', namedCurve: 'P-256' };
  return globalThis.crypto.subtle.importKey('spki', parts.spki as BufferSource, params, false, ['verify']);
}

/**
 * Verifies a CMS-style signature value (RSA PKCS#1 v1.5 bytes, or DER ECDSA-Sig-Value) over `data` with SHA-256.
 * Returns false (never throws) for a signature that is malformed or does not verify.
 */
export async function verifySha256Signature(
  parts: CertificateParts,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  const key = await importPublicKey(parts);
  let sig = signature;
  let params: AlgorithmIdentifier | EcdsaParams = { name: 'RSASSA-PKCS1-v1_5' };
  if (key.algorithm.name === 'ECDSA') {
    try {
      sig = ecdsaDerToRaw(signature, 32);
    } catch {
      return false;
    }
    params = { name: 'ECDSA', hash: 'SHA-256' };
  }
  return globalThis.crypto.subtle.verify(params, key, sig as BufferSource, data as BufferSource);
}
