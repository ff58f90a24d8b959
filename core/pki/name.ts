/** X.501 Name → readable fields and an RFC 4514-style string (most specific RDN first, as OpenSSL -nameopt RFC2253). */
import { asn1Error, children, readOid, readOne, TAG } from '../asn1/der.js';
import { toHex } from '../bytes/hex.js';

export interface NameAttribute {
  readonly oid: string;
  /** Short name (CN, O, …) when known. */
  readonly shortName?: string;
  readonly value: string;
}

export interface DistinguishedName {
  readonly commonName?: string;
  readonly organization?: string;
  readonly organizationalUnit?: string;
  readonly country?: string;
  readonly state?: string;
  readonly locality?: string;
  readonly serialNumber?: string;
  readonly uid?: string;
  readonly email?: string;
  readonly title?: string;
  /** e.g. "CN=Nguyễn Văn A,O=UBND phường X,C=VN". */
  readonly text: string;
  /** Every attribute in encoded order (least specific first). */
  readonly attributes: readonly NameAttribute[];
}

type Field = Exclude<keyof DistinguishedName, 'text' | 'attributes'>;

const KNOWN: Readonly<Record<string, readonly [string, Field?]>> = {
  '2.5.4.3': ['CN', 'commonName'],
  '2.5.4.10': ['O', 'organization'],
  '2.5.4.11': ['OU', 'organizationalUnit'],
  '2.5.4.6': ['C', 'country'],
  '2.5.4.8': ['ST', 'state'],
  '2.5.4.7': ['L', 'locality'],
  '2.5.4.5': ['serialNumber', 'serialNumber'],
  '2.5.4.12': ['title', 'title'],
  '2.5.4.9': ['street'],
  '2.5.4.4': ['SN'],
  '2.5.4.42': ['GN'],
  '0.9.2342.19200300.100.1.1': ['UID', 'uid'],
  '0.9.2342.19200300.100.1.25': ['DC'],
  '1.2.840.113549.1.9.1': ['emailAddress', 'email'],
};

export function readDistinguishedName(der: Uint8Array): DistinguishedName {
  const attributes: NameAttribute[] = [];
  const rdnTexts: string[] = [];
  const fields: Partial<Record<Field, string>> = {};
  for (const rdn of children(readOne(der, TAG.SEQUENCE))) {
    if (rdn.tag !== TAG.SET) throw asn1Error('a Name RDN is not a SET');
    const parts: string[] = [];
    for (const atv of children(rdn)) {
      const [type, value] = children(atv);
      const oid = readOid(type);
      const known = KNOWN[oid];
      const text = decodeString(value.tag, value.content);
      attributes.push({ oid, shortName: known?.[0], value: text });
      const field = known?.[1];
      if (field && fields[field] === undefined) fields[field] = text;
      parts.push(`${known?.[0] ?? oid}=${escapeValue(text)}`);
    }
    rdnTexts.push(parts.join('+'));
  }
  return { ...fields, text: rdnTexts.reverse().join(','), attributes };
}

/** Directory string types; unknown types are shown as #hex like RFC 4514 does. */
export function decodeString(tag: number, c: Uint8Array): string {
  switch (tag) {
    case TAG.UTF8_STRING:
      return new TextDecoder('utf-8', { fatal: false }).decode(c);
    case TAG.PRINTABLE_STRING:
    case TAG.IA5_STRING:
    case 0x14: // TeletexString: in practice Latin-1
    case 0x1a: // VisibleString
    case 0x12: // NumericString
      return new TextDecoder('latin1').decode(c);
    case TAG.BMP_STRING: {
      let s = '';
      for (let i = 0; i + 1 < c.length; i += 2) s += String.fromCharCode((c[i] << 8) | c[i + 1]);
      return s;
    }
    case 0x1c: {
      // UniversalString (UTF-32BE)
      let s = '';
      for (let i = 0; i + 3 < c.length; i += 4) {
        const cp = ((c[i] << 24) | (c[i + 1] << 16) | (c[i + 2] << 8) | c[i + 3]) >>> 0;
        s += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
      }
      return s;
    }
    default:
      return '#' + toHex(c);
  }
}

function escapeValue(v: string): string {
  let s = v.replace(/[\\,+"<>;=]/g, (ch) => '\\' + ch);
  if (s.startsWith(' ') || s.startsWith('#')) s = '\\' + s;
  // A single space is both leading and trailing: escaped once (by the line above), not twice.
  if (s.endsWith(' ') && v.length > 1) s = s.slice(0, -1) + '\\ ';
  return s;
}
