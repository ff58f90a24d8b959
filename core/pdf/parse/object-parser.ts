import { syntaxError } from './errors.js';
import { Lexer, isRegular, isWhite, type Token } from './lexer.js';
import { type Budget, limitError } from './limits.js';
import { type IndirectObject, PDF_NULL, type PdfDict, type PdfRef, type PdfStream, type PdfValue } from './objects.js';
import { ascii, findBytes } from './search.js';

const ENDSTREAM = ascii('endstream');

/** Resolves an indirect /Length in the revision being read; undefined when it cannot be known. */
export type LengthResolver = (ref: PdfRef) => number | undefined;

function isKeyword(t: Token, value: string): boolean {
  return t.type === 'keyword' && t.value === value;
}

function isUint(t: Token): t is Extract<Token, { type: 'number' }> {
  return t.type === 'number' && t.isInteger && t.value >= 0;
}

/** Recursive descent over one value. Depth is capped, so recursion stays far from the stack limit. */
export class ObjectParser {
  constructor(
    readonly lexer: Lexer,
    private readonly budget: Budget,
    /** Receives deviations that are readable but suspicious (duplicate keys...). */
    readonly issues: string[],
  ) {}

  parseValue(depth = 0): PdfValue {
    const t = this.lexer.next();
    switch (t.type) {
      case 'number':
        return this.numberOrRef(t);
      case 'name':
        return { kind: 'name', value: t.value };
      case 'string':
        return { kind: 'string', bytes: t.bytes, hex: t.hex };
      case 'keyword':
        if (t.value === 'true' || t.value === 'false') return { kind: 'bool', value: t.value === 'true' };
        if (t.value === 'null') return PDF_NULL;
        throw syntaxError(`unexpected keyword "${t.value.slice(0, 32)}"`, t.start);
      case 'delim':
        if (t.value === '[') return this.array(depth + 1, t.start);
        if (t.value === '<<') return this.dict(depth + 1, t.start);
        throw syntaxError(`unexpected "${t.value}"`, t.start);
      case 'eof':
        throw syntaxError('unexpected end of data', t.start);
    }
  }

  private numberOrRef(t: Extract<Token, { type: 'number' }>): PdfValue {
    if (isUint(t)) {
      const g = this.lexer.peek(0);
      if (isUint(g) && g.value <= 65535 && isKeyword(this.lexer.peek(1), 'R')) {
        this.lexer.next();
        this.lexer.next();
        return { kind: 'ref', num: t.value, gen: g.value };
      }
    }
    return { kind: 'number', value: t.value, text: t.text, isInteger: t.isInteger };
  }

  private enter(depth: number, at: number): void {
    const max = this.budget.limits.maxDepth;
    if (depth > max) throw limitError(`nesting deeper than ${max} levels at byte ${at}`, `lồng nhau sâu hơn ${max} cấp`);
  }

  private array(depth: number, start: number): PdfValue {
    this.enter(depth, start);
    const items: PdfValue[] = [];
    const max = this.budget.limits.maxArrayLength;
    for (;;) {
      const t = this.lexer.peek();
      if (t.type === 'delim' && t.value === ']') {
        this.lexer.next();
        return { kind: 'array', items };
      }
      if (t.type === 'eof') throw syntaxError('unterminated array', start);
      if (items.length >= max) throw limitError(`an array with more than ${max} items`, `mảng có hơn ${max} phần tử`);
      items.push(this.parseValue(depth));
    }
  }

  private dict(depth: number, start: number): PdfDict {
    this.enter(depth, start);
    const entries = new Map<string, PdfValue>();
    const max = this.budget.limits.maxDictEntries;
    for (;;) {
      const k = this.lexer.next();
      if (k.type === 'delim' && k.value === '>>') return { kind: 'dict', entries };
      if (k.type !== 'name') throw syntaxError('dictionary key is not a name', k.start);
      if (entries.size >= max) throw limitError(`a dictionary with more than ${max} entries`, `từ điển có hơn ${max} mục`);
      const v = this.parseValue(depth);
      // Readers disagree on which duplicate wins; the caller must learn that the file is ambiguous.
      if (entries.has(k.value)) this.issues.push(`DUPLICATE_KEY: /${k.value} appears twice in the dictionary at byte ${start}`);
      entries.set(k.value, v);
    }
  }
}

/** One value at `offset` (used for trailers and objects inside object streams). */
export function parseValueAt(
  bytes: Uint8Array,
  offset: number,
  budget: Budget,
  end = bytes.length,
  issues: string[] = [],
): { value: PdfValue; end: number } {
  const lexer = new Lexer(bytes, offset, budget, end);
  const value = new ObjectParser(lexer, budget, issues).parseValue();
  return { value, end: lexer.position };
}

export interface ObjectHeader {
  readonly num: number;
  readonly gen: number;
  /** Offset of the first digit of N. */
  readonly start: number;
  /** Offset just after "obj". */
  readonly bodyStart: number;
}

/** Reads "N G obj" at offset (white-space allowed before it); undefined when something else is there. */
export function readObjectHeader(bytes: Uint8Array, offset: number, budget: Budget): ObjectHeader | undefined {
  // A small window: a header is short, and a stray offset must not make us lex a megabyte string.
  const lexer = new Lexer(bytes, offset, budget, Math.min(bytes.length, offset + 1024));
  try {
    const n = lexer.next();
    const g = lexer.next();
    const o = lexer.next();
    if (!isUint(n) || !isUint(g) || g.value > 65535 || !isKeyword(o, 'obj')) return undefined;
    return { num: n.value, gen: g.value, start: n.start, bodyStart: o.end };
  } catch (e) {
    if (e instanceof Error && (e as { code?: string }).code === 'PDF_SYNTAX') return undefined;
    throw e;
  }
}

/**
 * Parses "N G obj value [stream...endstream] endobj" at offset. Throws PDF_SYNTAX when no object header
 * is there or the value is malformed; deviations that still parse land in `issues`.
 */
export function parseIndirectObject(
  bytes: Uint8Array,
  offset: number,
  budget: Budget,
  resolveLength?: LengthResolver,
): IndirectObject {
  const header = readObjectHeader(bytes, offset, budget);
  if (!header) throw syntaxError('expected "N G obj"', offset);
  const issues: string[] = [];
  const lexer = new Lexer(bytes, header.bodyStart, budget);
  const parser = new ObjectParser(lexer, budget, issues);
  let value = parser.parseValue();
  let end = lexer.position;
  let t = lexer.peek();
  if (isKeyword(t, 'stream')) {
    if (value.kind !== 'dict') throw syntaxError('"stream" after a value that is not a dictionary', t.start);
    const read = readStream(bytes, value, t.end, budget, issues, resolveLength);
    value = read.stream;
    lexer.seek(read.after);
    end = read.after;
    t = lexer.peek();
  }
  if (isKeyword(t, 'endobj')) {
    lexer.next();
    end = t.end;
  } else {
    issues.push(`MISSING_ENDOBJ: object ${header.num} ${header.gen} at byte ${header.start} has no endobj`);
  }
  return { num: header.num, gen: header.gen, value, start: header.start, end, issues };
}

function readStream(
  bytes: Uint8Array,
  dict: PdfDict,
  afterKeyword: number,
  budget: Budget,
  issues: string[],
  resolveLength?: LengthResolver,
): { stream: PdfStream; after: number } {
  let dataStart = afterKeyword;
  if (bytes[dataStart] === 0x0d && bytes[dataStart + 1] === 0x0a) dataStart += 2;
  else if (bytes[dataStart] === 0x0a) dataStart += 1;
  else if (bytes[dataStart] === 0x0d) {
    dataStart += 1;
    issues.push(`STREAM_EOL: "stream" at byte ${afterKeyword - 6} is followed by a bare CR`);
  } else issues.push(`STREAM_EOL: "stream" at byte ${afterKeyword - 6} is not followed by an end-of-line`);

  const lengthValue = dict.entries.get('Length');
  let length: number | undefined;
  if (lengthValue?.kind === 'number' && lengthValue.isInteger && lengthValue.value >= 0) length = lengthValue.value;
  else if (lengthValue?.kind === 'ref') length = resolveLength?.(lengthValue);

  if (length !== undefined && dataStart + length <= bytes.length) {
    const at = endstreamAt(bytes, dataStart + length);
    if (at >= 0) {
      const dataEnd = dataStart + length;
      return { stream: makeStream(bytes, dict, dataStart, dataEnd, false), after: at + ENDSTREAM.length };
    }
  }
  // /Length is absent or wrong. Readers that trust it and readers that search disagree, so mark it.
  issues.push(`LENGTH_MISMATCH: the stream at byte ${dataStart} does not end where /Length says`);
  const limit = Math.min(bytes.length, dataStart + budget.limits.maxEndstreamSearch);
  let q = dataStart;
  for (;;) {
    q = findBytes(bytes, ENDSTREAM, q, limit, budget);
    if (q < 0) throw syntaxError('stream without endstream', dataStart);
    if (!isRegular(bytes[q + ENDSTREAM.length])) break;
    q++;
  }
  let dataEnd = q;
  if (dataEnd > dataStart && bytes[dataEnd - 1] === 0x0a) dataEnd--;
  if (dataEnd > dataStart && bytes[dataEnd - 1] === 0x0d) dataEnd--;
  return { stream: makeStream(bytes, dict, dataStart, dataEnd, true), after: q + ENDSTREAM.length };
}

function makeStream(bytes: Uint8Array, dict: PdfDict, dataStart: number, dataEnd: number, lengthMismatch: boolean): PdfStream {
  return { kind: 'stream', dict, dataStart, dataEnd, raw: bytes.subarray(dataStart, dataEnd), lengthMismatch };
}

/** Offset of "endstream" after optional white-space at p, or -1. */
function endstreamAt(bytes: Uint8Array, p: number): number {
  let q = p;
  while (q < bytes.length && q < p + 64 && isWhite(bytes[q])) q++;
  for (let j = 0; j < ENDSTREAM.length; j++) if (bytes[q + j] !== ENDSTREAM[j]) return -1;
  return isRegular(bytes[q + ENDSTREAM.length]) ? -1 : q;
}
