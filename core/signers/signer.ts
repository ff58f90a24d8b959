import type { SignatureAlgorithm } from '../crypto/signature-algorithm.js';

/** What a signer is asked to sign: the DER of the CMS signed attributes, and its SHA-256 digest. */
export interface SignRequest {
  /** DER encoding of the SET OF signed attributes (what RFC 5652 §5.4 says is signed). */
  readonly data: Uint8Array;
  /** SHA-256 of `data`. WebCrypto signers hash `data` themselves; token signers sign this digest. */
  readonly digest: Uint8Array;
}

/**
 * One interface for every kind of key (WebCrypto, PKCS#12, PKCS#11 token).
 * The digest algorithm is always SHA-256.
 */
export interface Signer {
  readonly algorithm: SignatureAlgorithm;
  /** DER certificates: [0] is the signer's own certificate, then the chain towards the root. */
  readonly certificates: readonly Uint8Array[];
  /**
   * Returns the CMS SignerInfo.signature value: RSA PKCS#1 v1.5 bytes, or for ECDSA the
   * DER `ECDSA-Sig-Value` SEQUENCE (not WebCrypto's raw r||s).
   */
  sign(request: SignRequest): Promise<Uint8Array>;
}
