/**
 * An RFC 6960 OCSPRequest for one certificate: CertID with SHA-1 (what every responder answers; the hash only
 * names the issuer, it proves nothing), no nonce and no signature, so a plain responder or a cache can answer it.
 */
import { certificateParts } from '../cert-parts.js';
import { algorithmIdentifier, derNull, octetString, seq } from '../der.js';

const OID_SHA1 = '1.3.14.3.2.26';

export async function buildOcspRequest(cert: Uint8Array, issuer: Uint8Array): Promise<Uint8Array> {
  const c = certificateParts(cert);
  const i = certificateParts(issuer);
  const sha1 = async (b: Uint8Array) => new Uint8Array(await globalThis.crypto.subtle.digest('SHA-1', b as Uint8Array<ArrayBuffer>));
  const certId = seq(algorithmIdentifier(OID_SHA1, derNull()), octetString(await sha1(i.subject)), octetString(await sha1(i.publicKey)), c.serialNumber);
  const request = seq(certId);
  const tbsRequest = seq(seq(request));
  return seq(tbsRequest);
}
