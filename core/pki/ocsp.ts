/**
 * OCSP responses (RFC 6960) read with the strict DER reader, as an offline revocation source: responses are given
 * (by the user or the PDF /DSS /OCSPs), never fetched.
 *
 * A response is believed only when its signature verifies with the key of the certificate's issuer *in the chain*,
 * or of a delegated responder certificate (carried in the response) that this issuer signed and that has the
 * extended key usage id-kp-OCSPSigning (RFC 6960 §4.2.2.2). Anything else is ignored, never trusted.
 */
import { REVOCATION_REASONS, serialKey } from './crl.js';
import { SaoyError } from '../errors.js';
import { certificateParts, type CertificateParts } from './cert-parts.js';
import { describeCertificate, readTime } from './certificate.js';
import { asn1Error, children, readOid, readOne, readSmallInt, TAG, type Tlv } from '../asn1/der.js';
import { OID } from '../asn1/oids.js';
import { bytesEqual } from '../bytes/concat.js';
import { digest, type DigestName } from '../bytes/sha.js';
import { DIGEST_OIDS } from '../crypto/digest-oids.js';
import { readSignedObject } from './signed-object.js';
import { type AlgorithmIdentifierParts, verifySignature } from './verify-signature.js';

export interface OcspCertId {
  /** OID of the hash algorithm. */
  readonly hashAlgorithm: string;
  readonly issuerNameHash: Uint8Array;
  readonly issuerKeyHash: Uint8Array;
  /** Serial (hex of the INTEGER magnitude, as serialKey gives it). */
  readonly serial: string;
}

export type OcspCertStatus =
  | { readonly kind: 'good' }
  | { readonly kind: 'revoked'; readonly revocationTime: Date; readonly reason?: string }
  | { readonly kind: 'unknown' };

export interface OcspSingleResponse {
  readonly certId: OcspCertId;
  readonly status: OcspCertStatus;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
}

export interface ParsedOcspResponse {
  readonly der: Uint8Array;
  /** byName: the responder's Name TLV; byKey: SHA-1 of the responder's subjectPublicKey. */
  readonly responderId: { readonly byName: Uint8Array } | { readonly byKey: Uint8Array };
  readonly producedAt: Date;
  readonly responses: readonly OcspSingleResponse[];
  /** Exact bytes of tbsResponseData (what the responder signed). */
  readonly tbs: Uint8Array;
  readonly algorithm: AlgorithmIdentifierParts;
  readonly signature: Uint8Array;
  /** Certificates carried in the response (a delegated responder and its chain). */
  readonly certs: readonly Uint8Array[];
}

/** Throws OCSP_INVALID when `der` is not a successful, readable basic OCSP response. */
export function parseOcspResponse(der: Uint8Array): ParsedOcspResponse {
  try {
    return parse(der);
  } catch (e) {
    throw new SaoyError('OCSP_INVALID', 'an OCSP response could not be read', 'Không đọc được phản hồi OCSP', { cause: e });
  }
}

function parse(der: Uint8Array): ParsedOcspResponse {
  const [statusTlv, bytesWrapper] = children(readOne(der, TAG.SEQUENCE));
  if (statusTlv?.tag !== 0x0a || statusTlv.content.length !== 1) throw asn1Error('bad OCSP responseStatus');
  if (statusTlv.content[0] !== 0) throw asn1Error(`OCSP responseStatus ${statusTlv.content[0]} (not successful)`);
  if (bytesWrapper?.tag !== 0xa0) throw asn1Error('OCSP response without responseBytes');
  const [type, octets] = children(readOne(bytesWrapper.content, TAG.SEQUENCE));
  if (readOid(type) !== OID.ocspBasic) throw asn1Error('not a basic OCSP response');
  if (octets?.tag !== TAG.OCTET_STRING) throw asn1Error('bad OCSP response bytes');
  const basic = children(readOne(octets.content, TAG.SEQUENCE));
  const [tbsTlv, algTlv, bits, certsWrapper] = basic;
  if (basic.length < 3 || basic.length > 4 || tbsTlv.tag !== TAG.SEQUENCE || algTlv.tag !== TAG.SEQUENCE || bits.tag !== TAG.BIT_STRING) {
    throw asn1Error('unexpected BasicOCSPResponse layout');
  }
  if (bits.content.length < 1 || bits.content[0] !== 0) throw asn1Error('signature BIT STRING with unused bits');
  const [algOid, algParams] = children(algTlv);
  const certs: Uint8Array[] = [];
  if (certsWrapper) {
    if (certsWrapper.tag !== 0xa0) throw asn1Error('bad OCSP certs');
    for (const c of children(readOne(certsWrapper.content, TAG.SEQUENCE))) certs.push(c.bytes);
  }
  const f = children(tbsTlv);
  let i = 0;
  if (f[i]?.tag === 0xa0) {
    if (readSmallInt(readOne(f[i].content)) !== 0) throw asn1Error('unsupported OCSP version');
    i++;
  }
  const rid = f[i++];
  let responderId: ParsedOcspResponse['responderId'];
  if (rid?.tag === 0xa1) responderId = { byName: readOne(rid.content, TAG.SEQUENCE).bytes };
  else if (rid?.tag === 0xa2) responderId = { byKey: readOne(rid.content, TAG.OCTET_STRING).content };
  else throw asn1Error('bad OCSP responderID');
  const producedAtTlv = f[i++];
  if (producedAtTlv?.tag !== TAG.GENERALIZED_TIME) throw asn1Error('bad OCSP producedAt');
  const responsesTlv = f[i++];
  if (responsesTlv?.tag !== TAG.SEQUENCE) throw asn1Error('bad OCSP responses');
  return {
    der,
    responderId,
    producedAt: readTime(producedAtTlv),
    responses: children(responsesTlv).map(readSingle),
    tbs: tbsTlv.bytes,
    algorithm: { oid: readOid(algOid), parameters: algParams?.bytes },
    signature: bits.content.subarray(1),
    certs,
  };
}

function readSingle(t: Tlv): OcspSingleResponse {
  const f = children(expectSeq(t));
  const [idTlv, statusTlv, thisUpdateTlv] = f;
  const [alg, nameHash, keyHash, serial] = children(expectSeq(idTlv));
  if (nameHash?.tag !== TAG.OCTET_STRING || keyHash?.tag !== TAG.OCTET_STRING || serial?.tag !== TAG.INTEGER) throw asn1Error('bad OCSP CertID');
  const certId: OcspCertId = {
    hashAlgorithm: readOid(children(expectSeq(alg))[0]),
    issuerNameHash: nameHash.content,
    issuerKeyHash: keyHash.content,
    serial: serialKey(serial.content),
  };
  let status: OcspCertStatus;
  if (statusTlv?.tag === 0x80) status = { kind: 'good' };
  else if (statusTlv?.tag === 0x82) status = { kind: 'unknown' };
  else if (statusTlv?.tag === 0xa1) {
    const [time, reasonWrapper] = children(statusTlv);
    if (time?.tag !== TAG.GENERALIZED_TIME) throw asn1Error('bad OCSP revocationTime');
    const revocationTime = readTime(time);
    const reason = reasonWrapper?.tag === 0xa0 ? REVOCATION_REASONS[readOne(reasonWrapper.content, 0x0a).content[0] ?? 0] : undefined;
    status = reason ? { kind: 'revoked', revocationTime, reason } : { kind: 'revoked', revocationTime };
  } else throw asn1Error('bad OCSP certStatus');
  if (thisUpdateTlv?.tag !== TAG.GENERALIZED_TIME) throw asn1Error('bad OCSP thisUpdate');
  const next = f[3]?.tag === 0xa0 ? readOne(f[3].content, TAG.GENERALIZED_TIME) : undefined;
  return { certId, status, thisUpdate: readTime(thisUpdateTlv), nextUpdate: next ? readTime(next) : undefined };
}

function expectSeq(t: Tlv | undefined): Tlv {
  if (t?.tag !== TAG.SEQUENCE) throw asn1Error('expected a SEQUENCE');
  return t;
}

/** Whether `id` names `cert` as issued by `issuer` (serial, hash of the issuer's Name and of its public key). */
export async function certIdMatches(id: OcspCertId, cert: CertificateParts, issuer: CertificateParts): Promise<boolean> {
  const hash: DigestName | undefined = DIGEST_OIDS[id.hashAlgorithm];
  if (!hash) return false;
  if (id.serial !== serialKey(readOne(cert.serialNumber, TAG.INTEGER).content)) return false;
  if (!bytesEqual(cert.issuer, issuer.subject)) return false;
  return bytesEqual(await digest(hash, issuer.subject), id.issuerNameHash) && bytesEqual(await digest(hash, issuer.publicKey), id.issuerKeyHash);
}

/**
 * Undefined when `resp` was signed by `issuerDer` itself or by a delegated responder it authorised; otherwise why the
 * response is ignored.
 */
export async function ocspSignatureProblem(resp: ParsedOcspResponse, issuerDer: Uint8Array): Promise<string | undefined> {
  let issuer: CertificateParts;
  try {
    issuer = certificateParts(issuerDer);
  } catch {
    return 'OCSP_SIGNATURE_INVALID: unreadable issuer certificate';
  }
  if (await responderIdMatches(resp, issuer)) {
    const r = await verifySignature(issuer, resp.algorithm, resp.tbs, resp.signature);
    return r.valid ? undefined : `OCSP_SIGNATURE_INVALID${r.problem ? `: ${r.problem}` : ''}`;
  }
  let last = 'OCSP_RESPONDER_UNKNOWN: no certificate for the responder';
  for (const der of resp.certs) {
    let responder: CertificateParts;
    try {
      responder = certificateParts(der);
    } catch {
      continue;
    }
    if (!(await responderIdMatches(resp, responder))) continue;
    const problem = await delegationProblem(responder, issuer, resp.producedAt);
    if (problem) {
      last = problem;
      continue;
    }
    const r = await verifySignature(responder, resp.algorithm, resp.tbs, resp.signature);
    if (r.valid) return undefined;
    last = `OCSP_SIGNATURE_INVALID${r.problem ? `: ${r.problem}` : ''}`;
  }
  return last;
}

async function responderIdMatches(resp: ParsedOcspResponse, cert: CertificateParts): Promise<boolean> {
  if ('byName' in resp.responderId) return bytesEqual(resp.responderId.byName, cert.subject);
  return bytesEqual(resp.responderId.byKey, await digest('SHA-1', cert.publicKey));
}

/** Undefined when `responder` is a responder `issuer` delegated OCSP signing to (valid when the response was made). */
async function delegationProblem(responder: CertificateParts, issuer: CertificateParts, producedAt: Date): Promise<string | undefined> {
  try {
    if (!bytesEqual(responder.issuer, issuer.subject)) return 'OCSP_RESPONDER_NOT_AUTHORISED: issued by another CA';
    const d = describeCertificate(responder.der);
    if (!d.extendedKeyUsage?.includes(OID.kpOcspSigning)) return 'OCSP_RESPONDER_NOT_AUTHORISED: no OCSPSigning extended key usage';
    if (producedAt < d.notBefore || producedAt > d.notAfter) return 'OCSP_RESPONDER_NOT_AUTHORISED: responder certificate not valid when the response was produced';
    const signed = readSignedObject(responder.der);
    const r = await verifySignature(issuer, signed.algorithm, signed.tbs, signed.signature);
    return r.valid ? undefined : 'OCSP_RESPONDER_NOT_AUTHORISED: responder certificate not signed by the issuer';
  } catch {
    return 'OCSP_RESPONDER_NOT_AUTHORISED: unreadable responder certificate';
  }
}

/** OCSP responses from a file: DER only (an OCSPResponse SEQUENCE). */
export function readOcspFromFile(bytes: Uint8Array): Uint8Array[] {
  return bytes[0] === 0x30 ? [bytes] : [];
}
