/**
 * A tiny, strict DER/BER TLV reader and DER writer.
 *
 * Why not asn1js here: signing and verifying need the *exact* bytes of sub-structures (signed attributes,
 * issuer names, embedded certificates), and asn1js re-encodes what it parsed (and its RawData does not nest).
 * This reader only slices the input, checking every length against its parent, so garbage fails cleanly.
 */
import { compareBytes, concatBytes } from '../bytes/concat.js';
import { SaoyError } from '../errors.js';

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** One element: `bytes` is the whole TLV, `content` its value (for indefinite length: without the end marker). */
export interface Tlv {
  /** First identifier octet (class, constructed bit, tag number < 31). */
  readonly tag: number;
  readonly bytes: Uint8Array;
  readonly content: Uint8Array;
  readonly indefinite: boolean;
}

const MAX_DEPTH = 64;

export function asn1Error(detail: string): SaoyError {
  return new SaoyError('ASN1_INVALID', `malformed ASN.1 data: ${detail}`, `Dữ liệu ASN.1 bị lỗi: ${detail}`);
}

/** Reads the element starting at `offset`; `end` bounds it (defaults to the end of `buf`). */
export function readTlv(buf: Uint8Array, offset = 0, end = buf.length, depth = 0): Tlv {
  if (depth > MAX_DEPTH) throw asn1Error('nesting too deep');
  if (offset + 2 > end) throw asn1Error('truncated header');
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw asn1Error('high tag numbers are not supported');
  let pos = offset + 1;
  const first = buf[pos++];
  if (first === 0x80) {
    // BER indefinite length (constructed only): children up to the 00 00 end-of-contents marker.
    if ((tag & 0x20) === 0) throw asn1Error('indefinite length on a primitive element');
    const contentStart = pos;
    for (;;) {
      if (pos + 2 > end) throw asn1Error('missing end-of-contents');
      if (buf[pos] === 0 && buf[pos + 1] === 0) break;
      const child = readTlv(buf, pos, end, depth + 1);
      pos += child.bytes.length;
    }
    return {
      tag,
      bytes: buf.subarray(offset, pos + 2),
      content: buf.subarray(contentStart, pos),
      indefinite: true,
    };
  }
  let length: number;
  if (first < 0x80) {
    length = first;
  } else {
    const n = first & 0x7f;
    if (n > 4) throw asn1Error('length too large');
    if (pos + n > end) throw asn1Error('truncated length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[pos++];
  }
  if (pos + length > end) throw asn1Error('length exceeds the enclosing data');
  return {
    tag,
    bytes: buf.subarray(offset, pos + length),
    content: buf.subarray(pos, pos + length),
    indefinite: false,
  };
}

/** Reads `buf` as exactly one element (no trailing bytes). */
export function readOne(buf: Uint8Array, expectedTag?: number): Tlv {
  const tlv = readTlv(buf);
  if (tlv.bytes.length !== buf.length) throw asn1Error('trailing data');
  if (expectedTag !== undefined) expectTag(tlv, expectedTag);
  return tlv;
}

/** The children of a constructed element. */
export function children(tlv: Tlv, depth = 0): Tlv[] {
  if ((tlv.tag & 0x20) === 0) throw asn1Error(`element 0x${hex1(tlv.tag)} is not constructed`);
  const out: Tlv[] = [];
  let pos = 0;
  const c = tlv.content;
  while (pos < c.length) {
    const child = readTlv(c, pos, c.length, depth + 1);
    out.push(child);
    pos += child.bytes.length;
  }
  return out;
}

export function expectTag(tlv: Tlv, tag: number): Tlv {
  if (tlv.tag !== tag) throw asn1Error(`expected tag 0x${hex1(tag)}, found 0x${hex1(tlv.tag)}`);
  return tlv;
}

function hex1(b: number): string {
  return b.toString(16).padStart(2, '0');
}

export function decodeOid(content: Uint8Array): string {
  if (content.length === 0) throw asn1Error('empty OBJECT IDENTIFIER');
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < content.length; i++) {
    const b = content[i];
    if (value === 0 && b === 0x80) throw asn1Error('non-minimal OBJECT IDENTIFIER');
    value = value * 128 + (b & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) throw asn1Error('OBJECT IDENTIFIER arc too large');
    if ((b & 0x80) === 0) {
      if (arcs.length === 0) {
        const first = value < 80 ? Math.floor(value / 40) : 2;
        arcs.push(first, value - first * 40);
      } else {
        arcs.push(value);
      }
      value = 0;
    } else if (i === content.length - 1) {
      throw asn1Error('truncated OBJECT IDENTIFIER');
    }
  }
  return arcs.join('.');
}

export function readOid(tlv: Tlv): string {
  return decodeOid(expectTag(tlv, TAG.OID).content);
}

/** OCTET STRING value; accepts the BER constructed form (0x24) some PKCS#12 writers use. */
export function readOctets(tlv: Tlv, depth = 0): Uint8Array {
  if (tlv.tag === TAG.OCTET_STRING) return tlv.content;
  if (tlv.tag === 0x24 && depth < 8) return concatBytes(children(tlv).map((c) => readOctets(c, depth + 1)));
  throw asn1Error(`expected an OCTET STRING, found 0x${hex1(tlv.tag)}`);
}

/** Small non-negative INTEGER as a JS number (versions, iteration counts). */
export function readSmallInt(tlv: Tlv): number {
  const c = expectTag(tlv, TAG.INTEGER).content;
  if (c.length === 0 || c.length > 6 || (c[0] & 0x80) !== 0) throw asn1Error('INTEGER out of range');
  let v = 0;
  for (const b of c) v = v * 256 + b;
  return v;
}

// ---------------------------------------------------------------- writer

function encodeLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** A definite-length TLV around the concatenation of `parts`. */
export function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const content = concatBytes(parts);
  return concatBytes([Uint8Array.of(tag), encodeLength(content.length), content]);
}

export const seq = (...parts: Uint8Array[]): Uint8Array => tlv(TAG.SEQUENCE, ...parts);

/** DER SET OF: the element encodings sorted bytewise (X.690 §11.6). Shorter prefix sorts first. */
export function setOf(items: readonly Uint8Array[]): Uint8Array {
  return tlv(TAG.SET, ...sortDer(items));
}

export function sortDer(items: readonly Uint8Array[]): Uint8Array[] {
  return [...items].sort(compareBytes);
}

export const octetString = (bytes: Uint8Array): Uint8Array => tlv(TAG.OCTET_STRING, bytes);
export const derNull = (): Uint8Array => Uint8Array.of(TAG.NULL, 0);
/** Context-specific constructed [n] (EXPLICIT tagging, or IMPLICIT of a constructed type). */
export const context = (n: number, ...parts: Uint8Array[]): Uint8Array => tlv(0xa0 | n, ...parts);

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((s) => {
    if (!/^\d+$/.test(s)) throw new Error(`bad OID ${dotted}`);
    return Number(s);
  });
  if (arcs.length < 2) throw new Error(`bad OID ${dotted}`);
  const out: number[] = [];
  const values = [arcs[0] * 40 + arcs[1], ...arcs.slice(2)];
  for (const v of values) {
    const groups: number[] = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) groups.unshift(0x80 | (x & 0x7f));
    out.push(...groups);
  }
  return tlv(TAG.OID, Uint8Array.from(out));
}

/** INTEGER from an unsigned big-endian magnitude, minimally encoded (0x00 prefix when the high bit is set). */
export function unsignedInteger(magnitude: Uint8Array): Uint8Array {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const m = magnitude.subarray(i);
  if (m.length === 0) return Uint8Array.of(TAG.INTEGER, 1, 0);
  return (m[0] & 0x80) !== 0 ? tlv(TAG.INTEGER, Uint8Array.of(0), m) : tlv(TAG.INTEGER, m);
}

export function smallInteger(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`bad INTEGER ${n}`);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return unsignedInteger(Uint8Array.from(bytes.length ? bytes : [0]));
}

/** AlgorithmIdentifier; `params` undefined = absent, otherwise its DER (e.g. derNull()). */
export function algorithmIdentifier(algorithm: string, params?: Uint8Array): Uint8Array {
  return params ? seq(oid(algorithm), params) : seq(oid(algorithm));
}
