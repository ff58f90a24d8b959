/**
 * The outer shape shared by X.509 certificates and CRLs: SEQUENCE { tbs, signatureAlgorithm, BIT STRING }.
 * Returns the exact `tbs` bytes the issuer signed.
 */
import { asn1Error, children, readOid, readOne, TAG } from '../asn1/der.js';
import type { AlgorithmIdentifierParts } from './verify-signature.js';

export interface SignedObject {
  readonly tbs: Uint8Array;
  readonly algorithm: AlgorithmIdentifierParts;
  readonly signature: Uint8Array;
}

/** Throws ASN1_INVALID when `der` is not such a structure. */
export function readSignedObject(der: Uint8Array): SignedObject {
  const parts = children(readOne(der, TAG.SEQUENCE));
  if (parts.length !== 3) throw asn1Error('a signed object must have three elements');
  const [tbs, alg, bits] = parts;
  if (tbs.tag !== TAG.SEQUENCE || alg.tag !== TAG.SEQUENCE || bits.tag !== TAG.BIT_STRING) {
    throw asn1Error('unexpected signed object layout');
  }
  if (bits.content.length < 1 || bits.content[0] !== 0) throw asn1Error('signature BIT STRING with unused bits');
  const [oid, params] = children(alg);
  return {
    tbs: tbs.bytes,
    algorithm: { oid: readOid(oid), parameters: params?.bytes },
    signature: bits.content.subarray(1),
  };
}
