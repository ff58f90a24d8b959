/**
 * An RFC 6960 OCSPRequest for one certificate: CertID with SHA-1 (what every responder answers; the hash only
 * names the issuer, it proves nothing), no nonce and no signature, so a plain responder or a cache can answer it.
 */
import { certificateParts } from '../cert-parts.js';
import { algorithmIdentifier, derNull, octetString, seq } from '../../asn1/der.js';
import { OID } from '../../asn1/oids.js';
import { sha1 } from '../../bytes/sha.js';


export async function buildOcspRequest(cert: Uint8Array, issuer: Uint8Array): Promise<Uint8Array> {
  const c = certificateParts(cert);
  const i = certificateParts(issuer);
  const certId = seq(algorithmIdentifier(OID.sha1, derNull()), octetString(await sha1(i.subject)), octetString(await sha1(i.publicKey)), c.serialNumber);
  const request = seq(certId);
  const tbsRequest = seq(seq(request));
  return seq(tbsRequest);
}
