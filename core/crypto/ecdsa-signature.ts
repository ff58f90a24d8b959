/**
 * ECDSA signature encodings. WebCrypto (and PKCS#11) give/take raw r||s; CMS carries the DER
 * ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 5753 / X9.62).
 */
import { SaoyError } from '../errors.js';
import { children, readOne, seq, TAG, unsignedInteger } from '../asn1/der.js';

/** Raw r||s (equal halves) → DER ECDSA-Sig-Value with minimal INTEGERs. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0) {
    throw new SaoyError('ECDSA_SIGNATURE_INVALID', 'malformed raw ECDSA signature', 'Chữ ký ECDSA không hợp lệ');
  }
  const half = raw.length / 2;
  return seq(unsignedInteger(raw.subarray(0, half)), unsignedInteger(raw.subarray(half)));
}

/** DER ECDSA-Sig-Value → raw r||s with each half left-padded to `size` bytes (32 for P-256). */
export function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array {
  try {
    const parts = children(readOne(der, TAG.SEQUENCE));
    if (parts.length !== 2) throw new Error('expected two INTEGERs');
    const out = new Uint8Array(size * 2);
    parts.forEach((p, i) => {
      if (p.tag !== TAG.INTEGER || p.content.length === 0 || (p.content[0] & 0x80) !== 0) {
        throw new Error('expected a positive INTEGER');
      }
      let v = p.content;
      while (v.length > 1 && v[0] === 0) v = v.subarray(1);
      if (v.length > size) throw new Error('INTEGER too large');
      out.set(v, i * size + size - v.length);
    });
    return out;
  } catch (e) {
    throw new SaoyError('ECDSA_SIGNATURE_INVALID', 'malformed DER ECDSA signature', 'Chữ ký ECDSA không hợp lệ', {
      cause: e,
    });
  }
}
