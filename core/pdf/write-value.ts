/**
 * PDF syntax for values of the strict parser's model (core/pdf/parse/objects.ts): how signing writes back the
 * dictionaries it changes (the field, the catalog) exactly as they were read, plus its own entries.
 */
import { toHex } from '../bytes/hex.js';
import type { PdfValue } from './parse/index.js';

/** Bytes a name writes as #xx: whitespace, delimiters, '#' and anything outside printable ASCII (ISO 32000-1 §7.3.5). */
function nameChar(c: number): string {
  const plain = c > 0x20 && c < 0x7f && !'()<>[]{}/%#'.includes(String.fromCharCode(c));
  return plain ? String.fromCharCode(c) : `#${c.toString(16).padStart(2, '0').toUpperCase()}`;
}

export function writeName(value: string): string {
  let s = '/';
  for (let i = 0; i < value.length; i++) s += nameChar(value.charCodeAt(i) & 0xff);
  return s;
}

/** A literal string with the characters that must (or, for CR, should) be escaped escaped; other bytes as they are. */
function literalString(bytes: Uint8Array): string {
  let s = '(';
  for (const b of bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) s += `\\${String.fromCharCode(b)}`;
    else if (b === 0x0d) s += '\\r';
    else s += String.fromCharCode(b);
  }
  return `${s})`;
}

/**
 * One value as PDF syntax (Latin-1: one char per byte). Streams cannot be written inline; `depth` bounds nesting,
 * which the parser already bounded when reading.
 */
export function writeValue(v: PdfValue, depth = 0): string {
  if (depth > 64) throw new RangeError('PDF value nested too deeply to write');
  switch (v.kind) {
    case 'null':
      return 'null';
    case 'bool':
      return v.value ? 'true' : 'false';
    case 'number':
      return v.text;
    case 'name':
      return writeName(v.value);
    case 'string':
      return v.hex ? `<${toHex(v.bytes).toUpperCase()}>` : literalString(v.bytes);
    case 'ref':
      return `${v.num} ${v.gen} R`;
    case 'array':
      return `[${v.items.map((x) => writeValue(x, depth + 1)).join(' ')}]`;
    case 'dict':
      return writeDict(v.entries, new Map(), depth);
    case 'stream':
      throw new RangeError('a stream cannot be written inside another object');
  }
}

/** A dictionary with `overrides` (already written values) replacing or adding entries, in the original order. */
export function writeDict(entries: ReadonlyMap<string, PdfValue>, overrides: ReadonlyMap<string, string>, depth = 0): string {
  const parts: string[] = [];
  for (const [k, v] of entries) if (!overrides.has(k)) parts.push(`${writeName(k)} ${writeValue(v, depth + 1)}`);
  for (const [k, v] of overrides) parts.push(`${writeName(k)} ${v}`);
  return `<< ${parts.join(' ')} >>`;
}
