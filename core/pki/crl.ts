/**
 * X.509 CRLs (RFC 5280 §5) read with the strict DER reader, keeping the exact tbsCertList bytes for the signature
 * check, and the scope rules that decide whether a CRL may speak about a given certificate.
 */
import { SaoyError } from '../errors.js';
import type { CertificateParts } from './cert-parts.js';
import { readTime } from './certificate.js';
import { asn1Error, children, readOne, TAG, type Tlv } from '../asn1/der.js';
import { EXT, type Extension, readExtensionMap } from './extensions.js';
import { readSignedObject, type SignedObject } from './signed-object.js';
import { bytesEqual } from '../bytes/concat.js';
import { toHex } from '../bytes/hex.js';

export interface CrlEntry {
  readonly revocationDate: Date;
  /** RFC 5280 CRLReason name ('keyCompromise', 'certificateHold', ...), when the entry has a reasonCode. */
  readonly reason?: string;
}

export interface ParsedCrl extends SignedObject {
  readonly der: Uint8Array;
  /** Name TLV of the CRL issuer. */
  readonly issuer: Uint8Array;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  /** Serial (hex of the INTEGER magnitude) → entry. */
  readonly entries: ReadonlyMap<string, CrlEntry>;
  readonly extensions: ReadonlyMap<string, Extension>;
  /** Why this CRL can never be used (delta CRL, unsupported critical extension, ...). */
  readonly unusable?: string;
}

/** RFC 5280 CRLReason names by code; OCSP (RFC 6960) reuses the same enumeration. */
export const REVOCATION_REASONS: readonly string[] = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'unused7',
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
];

const KNOWN_CRL_EXTENSIONS = new Set<string>([
  EXT.authorityKeyIdentifier,
  EXT.crlNumber,
  EXT.issuingDistributionPoint,
  EXT.deltaCrlIndicator,
  EXT.expiredCertsOnCrl,
  EXT.authorityInfoAccess,
  '2.5.29.46', // freshestCRL
]);

/** Throws CRL_INVALID when `der` is not a readable CRL. */
export function parseCrl(der: Uint8Array): ParsedCrl {
  try {
    return parse(der);
  } catch (e) {
    throw new SaoyError('CRL_INVALID', 'a certificate revocation list (CRL) could not be read', 'Không đọc được danh sách thu hồi chứng thư (CRL)', {
      cause: e,
    });
  }
}

function parse(der: Uint8Array): ParsedCrl {
  const signed = readSignedObject(der);
  const f = children(readOne(signed.tbs, TAG.SEQUENCE));
  let i = f[0]?.tag === TAG.INTEGER ? 1 : 0;
  const innerAlg = f[i++];
  if (!innerAlg || innerAlg.tag !== TAG.SEQUENCE) throw asn1Error('bad CRL signature algorithm');
  const issuer = f[i++];
  if (!issuer || issuer.tag !== TAG.SEQUENCE) throw asn1Error('bad CRL issuer');
  const thisUpdate = readTime(f[i++]);
  const nextUpdate = isTime(f[i]) ? readTime(f[i++]) : undefined;
  const entries = new Map<string, CrlEntry>();
  let unusable: string | undefined;
  if (f[i]?.tag === TAG.SEQUENCE) {
    for (const e of children(f[i++])) {
      const [serial, date, ext] = children(e);
      if (serial?.tag !== TAG.INTEGER) throw asn1Error('bad CRL entry');
      const entryExt = readExtensionMap(ext?.bytes);
      for (const [id, x] of entryExt) {
        if (id === EXT.certificateIssuer) unusable = 'CRL_INDIRECT_UNSUPPORTED';
        else if (x.critical && id !== EXT.reasonCode) unusable = `CRL_CRITICAL_EXTENSION_UNSUPPORTED: ${id}`;
      }
      const code = entryExt.get(EXT.reasonCode);
      const reason = code ? REVOCATION_REASONS[readOne(code.value, 0x0a).content[0] ?? 0] : undefined;
      entries.set(serialKey(serial.content), reason ? { revocationDate: readTime(date), reason } : { revocationDate: readTime(date) });
    }
  }
  const extWrapper = f[i];
  const extensions = extWrapper?.tag === 0xa0 ? readExtensionMap(children(extWrapper)[0]?.bytes) : new Map<string, Extension>();
  for (const [id, x] of extensions) if (x.critical && !KNOWN_CRL_EXTENSIONS.has(id)) unusable = `CRL_CRITICAL_EXTENSION_UNSUPPORTED: ${id}`;
  if (extensions.has(EXT.deltaCrlIndicator)) unusable = 'CRL_DELTA_UNSUPPORTED';
  // The algorithm inside the signed part must be the one outside it (RFC 5280 §5.1.1.2).
  if (!bytesEqual(innerAlg.bytes, children(readOne(der, TAG.SEQUENCE))[1].bytes)) {
    throw asn1Error('CRL signature algorithms differ');
  }
  return { ...signed, der, issuer: issuer.bytes, thisUpdate, nextUpdate, entries, extensions, unusable };
}

function isTime(t: Tlv | undefined): t is Tlv {
  return t !== undefined && (t.tag === TAG.UTC_TIME || t.tag === TAG.GENERALIZED_TIME);
}

/** Serial numbers compared as magnitudes (tolerates a redundant leading 0x00). */
export function serialKey(integerContent: Uint8Array): string {
  let c = integerContent;
  while (c.length > 1 && c[0] === 0) c = c.subarray(1);
  return toHex(c);
}

/**
 * Undefined when `crl` may say whether `cert` (issued by the CRL issuer) is revoked; otherwise why not.
 * Honours the issuingDistributionPoint scope: user/CA-only CRLs and partitioned CRLs (distribution point names).
 */
export function crlScopeProblem(crl: ParsedCrl, cert: CertificateParts, certIsCA: boolean): string | undefined {
  if (crl.unusable) return crl.unusable;
  if (!bytesEqual(crl.issuer, cert.issuer)) return 'CRL_OTHER_ISSUER';
  const idp = crl.extensions.get(EXT.issuingDistributionPoint);
  if (!idp) return undefined;
  const fields = children(readOne(idp.value, TAG.SEQUENCE));
  const flag = (tag: number): boolean => fields.some((t) => t.tag === tag && t.content[0] !== 0);
  if (flag(0x84) || fields.some((t) => t.tag === 0x83)) return 'CRL_SCOPE_UNSUPPORTED'; // indirectCRL, onlySomeReasons
  if (flag(0x85)) return 'CRL_SCOPE_ATTRIBUTE_CERTS';
  if (flag(0x81) && certIsCA) return 'CRL_SCOPE_USER_CERTS_ONLY';
  if (flag(0x82) && !certIsCA) return 'CRL_SCOPE_CA_CERTS_ONLY';
  const dp = fields.find((t) => t.tag === 0xa0);
  if (dp && !distributionPointMatches(dp, cert)) return 'CRL_SCOPE_OTHER_PARTITION';
  return undefined;
}

/** A partitioned CRL covers a certificate only if one of its names is in the certificate's CRL distribution points. */
function distributionPointMatches(idpName: Tlv, cert: CertificateParts): boolean {
  const crlNames = fullNames(children(idpName)[0]);
  const dps = readExtensionMap(cert.extensions).get(EXT.crlDistributionPoints);
  if (!dps || crlNames.length === 0) return false;
  for (const dp of children(readOne(dps.value, TAG.SEQUENCE))) {
    const name = children(dp).find((t) => t.tag === 0xa0);
    const certNames = name ? fullNames(children(name)[0]) : [];
    if (certNames.some((a) => crlNames.some((b) => bytesEqual(a, b)))) return true;
  }
  return false;
}

/** GeneralName TLVs of a DistributionPointName's fullName [0]; nameRelativeToCRLIssuer is not supported. */
function fullNames(dpName: Tlv | undefined): Uint8Array[] {
  return dpName?.tag === 0xa0 ? children(dpName).map((t) => t.bytes) : [];
}
