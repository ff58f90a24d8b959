/**
 * The URLs a certificate names for finishing a check online: CRL distribution points (fullName URIs), and in its
 * Authority Information Access the OCSP responder and the issuer's certificate (caIssuers). Only http(s) URLs are
 * kept: nothing else is ever fetched.
 */
import { certificateParts } from '../cert-parts.js';
import { children, readOid, readOne, TAG, type Tlv } from '../../asn1/der.js';
import { EXT, readExtensionMap } from '../extensions.js';
import { OID } from '../../asn1/oids.js';

const URI_TAG = 0x86; // GeneralName uniformResourceIdentifier [6] IMPLICIT IA5String

export interface CertificateUrls {
  crl: string[];
  ocsp: string[];
  caIssuers: string[];
}

const httpUrl = (t: Tlv): string | undefined => {
  if (t.tag !== URI_TAG) return undefined;
  const s = new TextDecoder('latin1').decode(t.content);
  return /^https?:\/\/[^\s]+$/i.test(s) && s.length <= 2048 ? s : undefined;
};

/** Every GeneralName URI under a TLV (DistributionPointName nests them in [0] / [0]). */
function uris(t: Tlv, depth = 0): string[] {
  if (t.tag === URI_TAG) return [httpUrl(t)].filter((x): x is string => !!x);
  if (depth > 4 || (t.tag & 0x20) === 0) return [];
  return children(t).flatMap((c) => uris(c, depth + 1));
}

export function certificateUrls(der: Uint8Array): CertificateUrls {
  const out: CertificateUrls = { crl: [], ocsp: [], caIssuers: [] };
  let ext;
  try {
    ext = readExtensionMap(certificateParts(der).extensions);
  } catch {
    return out;
  }
  const dp = ext.get(EXT.crlDistributionPoints);
  if (dp) {
    try {
      for (const point of children(readOne(dp.value, TAG.SEQUENCE))) {
        const name = children(point).find((c) => c.tag === 0xa0); // distributionPoint [0]
        if (name) out.crl.push(...uris(name));
      }
    } catch {
      // a malformed extension names nothing
    }
  }
  const aia = ext.get(EXT.authorityInfoAccess);
  if (aia) {
    try {
      for (const ad of children(readOne(aia.value, TAG.SEQUENCE))) {
        const [method, location] = children(ad);
        const url = location && httpUrl(location);
        if (!method || !url) continue;
        const m = readOid(method);
        if (m === OID.adOcsp) out.ocsp.push(url);
        else if (m === OID.adCaIssuers) out.caIssuers.push(url);
      }
    } catch {
      // idem
    }
  }
  const uniq = (a: string[]) => [...new Set(a)].slice(0, 4);
  return { crl: uniq(out.crl), ocsp: uniq(out.ocsp), caIssuers: uniq(out.caIssuers) };
}
