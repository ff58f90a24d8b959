/**
 * Adds an unsigned attribute to the single SignerInfo of a DER ContentInfo(SignedData), for PAdES B-T's
 * signature timestamp. Every other element is copied verbatim (same bytes); only the SignerInfo gains or grows
 * its [1] IMPLICIT SET OF Attribute, and the enclosing lengths are rewritten.
 */
import { SaoyError } from '../errors.js';
import { children, context, oid, readOid, readOne, readTlv, seq, setOf, sortDer, TAG, tlv, type Tlv } from '../asn1/der.js';
import { OID } from '../asn1/oids.js';

/** Adds id-aa-signatureTimeStampToken (1.2.840.113549.1.9.16.2.14) holding `token` (a DER TimeStampToken). */
export function addSignatureTimestamp(contentInfo: Uint8Array, token: Uint8Array): Uint8Array {
  try {
    readOne(token, TAG.SEQUENCE);
  } catch (e) {
    throw invalid('the timestamp token is not one DER element', e);
  }
  return addUnsignedAttribute(contentInfo, OID.timeStampToken, [token]);
}

/** Adds the attribute `type` with `values` (each one DER element) to the SignerInfo's unsignedAttrs. */
export function addUnsignedAttribute(contentInfo: Uint8Array, type: string, values: readonly Uint8Array[]): Uint8Array {
  try {
    return add(contentInfo, seq(oid(type), setOf(values)));
  } catch (e) {
    if (e instanceof SaoyError && e.code === 'CMS_INVALID') throw e;
    throw invalid(e instanceof Error ? e.message : String(e), e);
  }
}

function add(der: Uint8Array, attribute: Uint8Array): Uint8Array {
  const ci = definite(readOne(der, TAG.SEQUENCE));
  const [ctype, explicit, ...rest] = children(ci);
  if (!ctype || rest.length || readOid(ctype) !== OID.signedData) throw invalid('not a ContentInfo(SignedData)');
  if (explicit?.tag !== 0xa0) throw invalid('missing [0] content');
  definite(explicit);
  const [sd, ...more] = children(explicit);
  if (!sd || more.length || sd.tag !== TAG.SEQUENCE) throw invalid('[0] content must hold exactly one SignedData');
  definite(sd);
  const fields = children(sd);
  const signerInfos = fields[fields.length - 1];
  if (fields.length < 4 || signerInfos.tag !== TAG.SET) throw invalid('unexpected SignedData layout');
  definite(signerInfos);
  const infos = children(signerInfos);
  if (infos.length !== 1 || infos[0].tag !== TAG.SEQUENCE) throw invalid(`expected exactly one SignerInfo, found ${infos.length}`);
  const si = definite(infos[0]);
  const f = children(si);
  if (f.length < 6 || f.length > 7) throw invalid('unexpected SignerInfo layout');
  const existing: Uint8Array[] = [];
  if (f.length === 7) {
    if (f[6].tag !== 0xa1) throw invalid('unexpected element after the signature');
    definite(f[6]);
    for (const a of children(f[6])) existing.push(a.bytes);
  }
  const unsigned = tlv(0xa1, ...sortDer([...existing, attribute]));
  const newSi = seq(...f.slice(0, 6).map((t) => t.bytes), unsigned);
  const newSd = seq(...fields.slice(0, -1).map((t) => t.bytes), tlv(TAG.SET, newSi));
  return seq(ctype.bytes, context(0, newSd));
}

function definite(t: Tlv): Tlv {
  if (t.indefinite) throw invalid('the CMS is not DER (indefinite length)');
  // Re-read to make sure the element is complete on its own.
  readTlv(t.bytes);
  return t;
}

function invalid(detail: string, cause?: unknown): SaoyError {
  return new SaoyError('CMS_INVALID', `cannot add the unsigned attribute: ${detail}`, `Không thể thêm thuộc tính không ký: ${detail}`, { cause });
}
