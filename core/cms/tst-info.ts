/**
 * RFC 3161 TSTInfo and the encapsulated content of a SignedData (where a timestamp token keeps its TSTInfo).
 * parseSignedData does not return eContent because PAdES signatures are detached; tokens are not.
 */
import { asn1Error, children, decodeOid, readOctets, readOid, readOne, readSmallInt, readTlv, TAG, type Tlv } from '../asn1/der.js';
import { OID } from '../asn1/oids.js';


export interface TstInfo {
  readonly version: number;
  readonly policy: string;
  /** OID of the messageImprint hash algorithm. */
  readonly hashAlgorithm: string;
  readonly hashedMessage: Uint8Array;
  /** INTEGER content bytes. */
  readonly serialNumber: Uint8Array;
  /** genTime with its fraction of a second kept (to the millisecond). */
  readonly genTime: Date;
  readonly nonce?: Uint8Array;
}

/** eContent octets of a ContentInfo(SignedData), undefined when detached. Throws ASN1_INVALID when malformed. */
export function encapsulatedContent(contentInfo: Uint8Array): Uint8Array | undefined {
  const [type, explicit] = children(readTlv0(contentInfo));
  if (readOid(type) !== OID.signedData || explicit?.tag !== 0xa0) throw asn1Error('not a SignedData');
  const sd = children(children(explicit)[0]);
  const encap = children(sd[2]);
  const wrapper = encap[1];
  if (!wrapper) return undefined;
  if (wrapper.tag !== 0xa0) throw asn1Error('bad eContent');
  return readOctets(children(wrapper)[0]);
}

/** The ContentInfo element; zero bytes after it (PDF /Contents padding) are allowed, anything else is not. */
function readTlv0(der: Uint8Array): Tlv {
  const tlv = readTlv(der);
  for (let i = tlv.bytes.length; i < der.length; i++) if (der[i] !== 0) throw asn1Error('trailing data after the token');
  return tlv;
}

export function parseTstInfo(der: Uint8Array): TstInfo {
  const f = children(readOne(der, TAG.SEQUENCE));
  if (f.length < 5) throw asn1Error('TSTInfo too short');
  const version = readSmallInt(f[0]);
  const policy = readOid(f[1]);
  const [alg, hashed] = children(f[2]);
  const hashAlgorithm = decodeOid(children(alg)[0].content);
  if (hashed?.tag !== TAG.OCTET_STRING || f[3].tag !== TAG.INTEGER) throw asn1Error('bad TSTInfo');
  const genTime = readGeneralizedTime(f[4]);
  const nonce = f.slice(5).find((t) => t.tag === TAG.INTEGER)?.content;
  return { version, policy, hashAlgorithm, hashedMessage: hashed.content, serialNumber: f[3].content, genTime, nonce };
}

/** YYYYMMDDHHMMSS[.fff…]Z (RFC 3161 §2.4.2: UTC, no trailing zeros in the fraction). */
function readGeneralizedTime(t: Tlv): Date {
  if (t.tag !== TAG.GENERALIZED_TIME) throw asn1Error('genTime is not a GeneralizedTime');
  const s = new TextDecoder('latin1').decode(t.content);
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,9}))?Z$/.exec(s);
  if (!m) throw asn1Error(`bad genTime ${JSON.stringify(s)}`);
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  const v = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms);
  if (Number.isNaN(v)) throw asn1Error(`bad genTime ${JSON.stringify(s)}`);
  return new Date(v);
}
