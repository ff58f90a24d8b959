/**
 * X.509 / CRL extensions (RFC 5280 §4.1, §5.1) read from their exact DER, with the critical flag, plus the few
 * values chain building and revocation need (key identifiers, where a CA publishes revocation data).
 */
import { asn1Error, children, readOid, readOne, TAG } from '../asn1/der.js';
import { OID } from '../asn1/oids.js';

export interface Extension {
  readonly critical: boolean;
  /** Content of extnValue (the DER of the extension's own value). */
  readonly value: Uint8Array;
}

export const EXT = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  crlNumber: '2.5.29.20',
  reasonCode: '2.5.29.21',
  deltaCrlIndicator: '2.5.29.27',
  issuingDistributionPoint: '2.5.29.28',
  certificateIssuer: '2.5.29.29',
  crlDistributionPoints: '2.5.29.31',
  authorityKeyIdentifier: '2.5.29.35',
  expiredCertsOnCrl: '2.5.29.60',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
} as const;


/** extnID → extension; `der` is the Extensions SEQUENCE TLV (or undefined when absent). Duplicates are invalid. */
export function readExtensionMap(der: Uint8Array | undefined): Map<string, Extension> {
  const out = new Map<string, Extension>();
  if (!der) return out;
  for (const e of children(readOne(der, TAG.SEQUENCE))) {
    const f = children(e);
    const id = readOid(f[0]);
    const critical = f.length === 3 && f[1].tag === TAG.BOOLEAN && f[1].content[0] !== 0;
    const value = f[f.length - 1];
    if (f.length < 2 || value.tag !== TAG.OCTET_STRING) throw asn1Error('extension without a value');
    if (out.has(id)) throw asn1Error(`duplicate extension ${id}`);
    out.set(id, { critical, value: value.content });
  }
  return out;
}

export function subjectKeyIdentifier(ext: ReadonlyMap<string, Extension>): Uint8Array | undefined {
  const e = ext.get(EXT.subjectKeyIdentifier);
  return e ? readOne(e.value, TAG.OCTET_STRING).content : undefined;
}

/** keyIdentifier [0] of the AuthorityKeyIdentifier, when present. */
export function authorityKeyIdentifier(ext: ReadonlyMap<string, Extension>): Uint8Array | undefined {
  const e = ext.get(EXT.authorityKeyIdentifier);
  if (!e) return undefined;
  return children(readOne(e.value, TAG.SEQUENCE)).find((t) => t.tag === 0x80)?.content;
}

/** True when the certificate says where its CA publishes revocation data (CRL distribution points or OCSP). */
export function publishesRevocation(ext: ReadonlyMap<string, Extension>): boolean {
  if (ext.has(EXT.crlDistributionPoints)) return true;
  const aia = ext.get(EXT.authorityInfoAccess);
  if (!aia) return false;
  return children(readOne(aia.value, TAG.SEQUENCE)).some((ad) => {
    const [method] = children(ad);
    return method !== undefined && readOid(method) === OID.adOcsp;
  });
}
