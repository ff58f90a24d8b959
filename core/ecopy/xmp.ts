/**
 * XMP metadata of an e-copy: standard Dublin Core / XMP / PDF properties for any viewer, plus every e-copy
 * field in saoy's own namespace so a verifier can read the certification data back from the signed revision
 * without scraping the rendered text. The parser reads only what we write, with plain index scans (no regex
 * over untrusted input, no entity expansion beyond the five XML ones and character references).
 */
import type { EcopyFields } from './fields';

export const SAOY_XMP_NS = 'https://saoy.vn/ns/ecopy/1.0/';
const MAX_XMP_CHARS = 1_000_000;
const MAX_VALUE_CHARS = 4_000;

type StringField = Exclude<keyof EcopyFields, 'pageCount' | 'officeUnit' | 'requester'>;
/** Written in this order; pageCount separately (it is a number). The requester is not part of the statement:
 * it stays in the book and the copy cache, never in the copy. */
const STRING_FIELDS: readonly StringField[] = [
  'certNo', 'bookNo', 'date', 'office', 'certifier', 'certifierTitle', 'authority', 'docName',
];

/** Characters XML 1.0 cannot carry at all are dropped; the five markup characters are escaped. */
export function xmlEscape(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff || (c >= 0xd800 && c <= 0xdfff)) {
      continue;
    }
    switch (ch) {
      case '&': out += '&amp;'; break;
      case '<': out += '&lt;'; break;
      case '>': out += '&gt;'; break;
      case '"': out += '&quot;'; break;
      case "'": out += '&apos;'; break;
      default: out += ch;
    }
  }
  return out;
}

/** The XMP packet (a string; encode it as UTF-8 for the /Metadata stream). */
export function buildEcopyXmp(fields: EcopyFields): string {
  const props: string[] = [];
  for (const k of STRING_FIELDS) {
    const v = fields[k];
    if (typeof v === 'string' && v !== '') props.push(`   <saoy:${k}>${xmlEscape(v)}</saoy:${k}>`);
  }
  if (Number.isInteger(fields.pageCount)) props.push(`   <saoy:pageCount>${fields.pageCount}</saoy:pageCount>`);
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about=""',
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    `    xmlns:saoy="${SAOY_XMP_NS}">`,
    '   <dc:format>application/pdf</dc:format>',
    `   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(fields.docName)}</rdf:li></rdf:Alt></dc:title>`,
    `   <xmp:CreateDate>${xmlEscape(fields.date)}</xmp:CreateDate>`,
    '   <xmp:CreatorTool>saoy</xmp:CreatorTool>',
    '   <pdf:Producer>saoy</pdf:Producer>',
    ...props,
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}

/** Reverse of xmlEscape for text content; undefined on anything we would not have written (markup, bad refs). */
function xmlUnescape(s: string): string | undefined {
  if (s.includes('<')) return undefined;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const amp = s.indexOf('&', i);
    if (amp < 0) {
      out += s.slice(i);
      break;
    }
    out += s.slice(i, amp);
    const semi = s.indexOf(';', amp);
    if (semi < 0 || semi - amp > 10) return undefined;
    const ent = s.slice(amp + 1, semi);
    let ch: string | undefined;
    if (ent === 'amp') ch = '&';
    else if (ent === 'lt') ch = '<';
    else if (ent === 'gt') ch = '>';
    else if (ent === 'quot') ch = '"';
    else if (ent === 'apos') ch = "'";
    else if (ent.startsWith('#')) {
      const hex = ent[1] === 'x' || ent[1] === 'X';
      const digits = ent.slice(hex ? 2 : 1);
      const ok = digits.length > 0 && [...digits].every((c) => (hex ? /[0-9a-fA-F]/ : /[0-9]/).test(c));
      const cp = ok ? parseInt(digits, hex ? 16 : 10) : NaN;
      if (Number.isInteger(cp) && cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) ch = String.fromCodePoint(cp);
    }
    if (ch === undefined) return undefined;
    out += ch;
    i = semi + 1;
  }
  return out;
}

const PREFIX_CHARS = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

/** The prefix bound to our namespace URI, from `xmlns:PREFIX="URI"` (either quote). */
function findPrefix(xml: string): string | undefined {
  for (const q of ['"', "'"]) {
    const needle = `=${q}${SAOY_XMP_NS}${q}`;
    let at = xml.indexOf(needle);
    while (at >= 0) {
      // look back at most 70 characters for "xmlns:"
      const back = xml.slice(Math.max(0, at - 70), at).trimEnd();
      const ns = back.lastIndexOf('xmlns:');
      if (ns >= 0) {
        const prefix = back.slice(ns + 6);
        if (PREFIX_CHARS.test(prefix)) return prefix;
      }
      at = xml.indexOf(needle, at + needle.length);
    }
  }
  return undefined;
}

/** Element form `<p:name>v</p:name>`, or attribute form ` p:name="v"` (how some tools rewrite simple properties).
 * A property present twice with different values is ambiguous and dropped. */
function readProperty(xml: string, prefix: string, name: string): string | undefined {
  const values: string[] = [];
  const open = `<${prefix}:${name}>`;
  const close = `</${prefix}:${name}>`;
  let at = xml.indexOf(open);
  while (at >= 0 && values.length < 3) {
    const end = xml.indexOf(close, at + open.length);
    if (end < 0) break;
    const raw = xml.slice(at + open.length, end);
    const v = raw.length <= MAX_VALUE_CHARS ? xmlUnescape(raw) : undefined;
    if (v === undefined) return undefined;
    values.push(v);
    at = xml.indexOf(open, end + close.length);
  }
  for (const q of ['"', "'"]) {
    const attr = `${prefix}:${name}=${q}`;
    let a = xml.indexOf(attr);
    while (a >= 0 && values.length < 3) {
      const before = xml.charCodeAt(a - 1);
      const start = a + attr.length;
      const end = xml.indexOf(q, start);
      if (end < 0) break;
      if (before === 0x20 || before === 0x0a || before === 0x0d || before === 0x09) {
        const raw = xml.slice(start, end);
        const v = raw.length <= MAX_VALUE_CHARS ? xmlUnescape(raw) : undefined;
        if (v === undefined) return undefined;
        values.push(v);
      }
      a = xml.indexOf(attr, end + 1);
    }
  }
  if (values.length === 0) return undefined;
  return values.every((v) => v === values[0]) ? values[0].normalize('NFC') : undefined;
}

/** E-copy fields from an XMP packet, or undefined when it carries none of ours. Never throws. */
export function parseEcopyXmp(xml: string): Partial<EcopyFields> | undefined {
  if (typeof xml !== 'string' || xml.length > MAX_XMP_CHARS) return undefined;
  const prefix = findPrefix(xml);
  if (!prefix) return undefined;
  const out: Partial<EcopyFields> = {};
  let found = false;
  for (const k of STRING_FIELDS) {
    const v = readProperty(xml, prefix, k);
    if (v !== undefined) {
      out[k] = v;
      found = true;
    }
  }
  const pc = readProperty(xml, prefix, 'pageCount');
  if (pc !== undefined && /^[0-9]{1,5}$/.test(pc.trim())) {
    out.pageCount = Number(pc.trim());
    found = true;
  }
  return found ? out : undefined;
}
