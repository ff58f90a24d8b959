import { xrefError } from './errors.js';
import { Lexer } from './lexer.js';
import type { Budget } from './limits.js';
import { ObjectParser } from './object-parser.js';
import type { XrefEntry, XrefSection } from './xref-types.js';

/** Smallest possible entry: "0 0 n" plus separators is far below 20, but real variants are 19-21 bytes. */
const MIN_ENTRY_BYTES = 18;

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

/**
 * Reads a classic `xref` table (subsections of 20-byte entries, tolerating 19/21-byte EOL variants) and
 * the `trailer` dictionary after it. `offset` must point at the "xref" keyword.
 */
export function readXrefTable(bytes: Uint8Array, offset: number, budget: Budget): XrefSection {
  const lexer = new Lexer(bytes, offset, budget);
  const kw = lexer.next();
  if (kw.type !== 'keyword' || kw.value !== 'xref') throw xrefError('expected "xref"', offset);
  const entries = new Map<number, XrefEntry>();
  const issues: string[] = [];
  let oddWidth = false;

  for (;;) {
    const t = lexer.next();
    if (t.type === 'keyword' && t.value === 'trailer') break;
    const c = lexer.next();
    if (t.type !== 'number' || !t.isInteger || t.value < 0 || c.type !== 'number' || !c.isInteger || c.value < 0) {
      throw xrefError('expected a subsection header "start count" or "trailer"', t.start);
    }
    const first = t.value;
    const count = c.value;
    budget.addXrefEntries(count);
    if (count * MIN_ENTRY_BYTES > bytes.length - c.end) throw xrefError('subsection count larger than the file', t.start);
    if (!Number.isSafeInteger(first + count)) throw xrefError('object number out of range', t.start);

    let p = c.end;
    while (p < bytes.length && (bytes[p] === 0x20 || bytes[p] === 0x0d || bytes[p] === 0x0a)) p++;
    for (let i = 0; i < count; i++) {
      budget.tick();
      const entryStart = p;
      const off = digits(bytes, p, 10);
      p = spaces(bytes, off.end);
      const gen = digits(bytes, p, 5);
      p = gen.end;
      if (bytes[p] !== 0x20) throw xrefError('malformed entry', entryStart);
      p = spaces(bytes, p);
      const kind = bytes[p++];
      if (kind !== 0x6e && kind !== 0x66) throw xrefError('entry type is neither "n" nor "f"', entryStart);
      // The 2-byte EOL is " \r", " \n" or "\r\n"; some writers use 1 or 3 bytes. Any white-space run is accepted.
      while (p < bytes.length && (bytes[p] === 0x20 || bytes[p] === 0x0d || bytes[p] === 0x0a)) p++;
      if (p - entryStart !== 20 && i < count - 1) oddWidth = true;
      const num = first + i;
      const entry: XrefEntry =
        kind === 0x6e
          ? { type: 'offset', num, gen: gen.value, offset: off.value }
          : { type: 'free', num, gen: gen.value, nextFree: off.value };
      if (entries.has(num)) issues.push(`DUPLICATE_XREF_ENTRY: object ${num} listed twice in the xref table at byte ${offset}`);
      else entries.set(num, entry);
    }
    lexer.seek(p);
  }
  if (oddWidth) issues.push(`XREF_ENTRY_WIDTH: entries of the xref table at byte ${offset} are not 20 bytes long`);

  const trailerAt = lexer.position;
  const parser = new ObjectParser(lexer, budget, issues);
  const trailer = parser.parseValue();
  if (trailer.kind !== 'dict') throw xrefError('trailer is not a dictionary', trailerAt);
  return { kind: 'table', offset, trailer, entries, end: lexer.position, issues };
}

function digits(bytes: Uint8Array, p: number, max: number): { value: number; end: number } {
  let v = 0;
  let q = p;
  while (q < bytes.length && isDigit(bytes[q]) && q - p < max) v = v * 10 + (bytes[q++] - 0x30);
  if (q === p || isDigit(bytes[q])) throw xrefError('malformed entry number', p);
  return { value: v, end: q };
}

function spaces(bytes: Uint8Array, p: number): number {
  let q = p;
  while (q < bytes.length && bytes[q] === 0x20) q++;
  return q;
}
