import { syntaxError } from './errors.js';
import { type Budget, limitError } from './limits.js';

export type Delimiter = '[' | ']' | '<<' | '>>' | '{' | '}';

interface Span {
  readonly start: number;
  readonly end: number;
}
export type Token =
  | (Span & { readonly type: 'number'; readonly value: number; readonly text: string; readonly isInteger: boolean })
  | (Span & { readonly type: 'name'; readonly value: string })
  | (Span & { readonly type: 'string'; readonly bytes: Uint8Array; readonly hex: boolean })
  | (Span & { readonly type: 'keyword'; readonly value: string })
  | (Span & { readonly type: 'delim'; readonly value: Delimiter })
  | (Span & { readonly type: 'eof' });

/** Names, numbers and keywords never need to be long; a long run is garbage, not syntax. */
const MAX_TOKEN = 4096;

/** 0 regular, 1 white-space, 2 delimiter (ISO 32000 7.2.2/7.2.3). */
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;

export function isWhite(b: number): boolean {
  return CLASS[b] === 1;
}
export function isRegular(b: number | undefined): boolean {
  return b !== undefined && CLASS[b] === 0;
}

/** \n \r \t \b \f */
const SIMPLE_ESCAPES: Readonly<Record<number, number>> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

function hexVal(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}

/** Growable byte buffer bounded by maxStringLength. */
class ByteSink {
  private buf: Uint8Array;
  length = 0;
  constructor(private readonly max: number, hint: number) {
    this.buf = new Uint8Array(Math.max(1, Math.min(hint, max, 1 << 16)));
  }
  push(b: number): void {
    if (this.length >= this.max) throw limitError(`a string longer than ${this.max} bytes`, `chuỗi dài hơn ${this.max} byte`);
    if (this.length >= this.buf.length) {
      const next = new Uint8Array(Math.min(this.max, this.buf.length * 2));
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = b;
  }
  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/**
 * Tokenizer over `bytes[.., end)`. Offsets are absolute so spans map straight back to the file. It never
 * reads stream data: the object parser jumps over it with `seek`.
 */
export class Lexer {
  private pos: number;
  private readonly ahead: Token[] = [];

  constructor(
    readonly bytes: Uint8Array,
    start: number,
    private readonly budget: Budget,
    readonly end: number = bytes.length,
  ) {
    this.pos = start;
  }

  /** Position after the last consumed token (lookahead does not move it). */
  get position(): number {
    return this.ahead.length > 0 ? this.ahead[0].start : this.pos;
  }

  seek(pos: number): void {
    this.ahead.length = 0;
    this.pos = pos;
  }

  next(): Token {
    return this.ahead.shift() ?? this.read();
  }

  /** k = 0 is the next token. */
  peek(k = 0): Token {
    while (this.ahead.length <= k) this.ahead.push(this.read());
    return this.ahead[k];
  }

  /** Skips white-space and comments; returns the new position. */
  skipSpace(): number {
    const b = this.bytes;
    let p = this.pos;
    while (p < this.end) {
      const c = b[p];
      if (CLASS[c] === 1) p++;
      else if (c === 0x25) {
        while (p < this.end && b[p] !== 0x0a && b[p] !== 0x0d) p++;
      } else break;
    }
    this.pos = p;
    return p;
  }

  private read(): Token {
    const before = this.pos;
    const start = this.skipSpace();
    const tok = this.readAt(start);
    this.budget.tick(1 + ((tok.end - before) >> 4));
    this.pos = tok.end;
    return tok;
  }

  private readAt(start: number): Token {
    const b = this.bytes;
    if (start >= this.end) return { type: 'eof', start, end: start };
    const c = b[start];
    switch (c) {
      case 0x28: // (
        return this.literalString(start);
      case 0x3c: // <
        if (b[start + 1] === 0x3c && start + 1 < this.end) return { type: 'delim', value: '<<', start, end: start + 2 };
        return this.hexString(start);
      case 0x3e: // >
        if (b[start + 1] === 0x3e && start + 1 < this.end) return { type: 'delim', value: '>>', start, end: start + 2 };
        throw syntaxError('unexpected ">"', start);
      case 0x5b:
        return { type: 'delim', value: '[', start, end: start + 1 };
      case 0x5d:
        return { type: 'delim', value: ']', start, end: start + 1 };
      case 0x7b:
        return { type: 'delim', value: '{', start, end: start + 1 };
      case 0x7d:
        return { type: 'delim', value: '}', start, end: start + 1 };
      case 0x2f: // /
        return this.name(start);
      case 0x29:
        throw syntaxError('unbalanced ")"', start);
      default:
        return this.regular(start);
    }
  }

  private runEnd(from: number): number {
    let p = from;
    while (p < this.end && CLASS[this.bytes[p]] === 0) {
      p++;
      if (p - from > MAX_TOKEN) throw syntaxError(`a token longer than ${MAX_TOKEN} bytes`, from);
    }
    return p;
  }

  private regular(start: number): Token {
    const end = this.runEnd(start);
    let text = '';
    for (let i = start; i < end; i++) text += String.fromCharCode(this.bytes[i]);
    if (NUMBER.test(text)) {
      const value = Number(text);
      const isInteger = !text.includes('.') && Number.isSafeInteger(value);
      return { type: 'number', value, text, isInteger, start, end };
    }
    return { type: 'keyword', value: text, start, end };
  }

  private name(start: number): Token {
    const end = this.runEnd(start + 1);
    const b = this.bytes;
    let value = '';
    for (let i = start + 1; i < end; i++) {
      const hi = b[i] === 0x23 && i + 2 < end ? hexVal(b[i + 1]) : -1;
      const lo = hi >= 0 ? hexVal(b[i + 2]) : -1;
      if (hi >= 0 && lo >= 0) {
        value += String.fromCharCode((hi << 4) | lo);
        i += 2;
      } else {
        value += String.fromCharCode(b[i]); // a lone '#' is kept as written (PDF 1.1 names)
      }
    }
    return { type: 'name', value, start, end };
  }

  private hexString(start: number): Token {
    const b = this.bytes;
    // Signature /Contents are tens of kilobytes of hex: decode into one buffer sized from the closing ">" (the
    // same checks, in the same order, as the byte-by-byte path below, which an unterminated string takes).
    const close = b.indexOf(0x3e, start + 1);
    if (close >= 0 && close < this.end) return this.hexStringTo(start, close);
    const out = new ByteSink(this.budget.limits.maxStringLength, 64);
    let hi = -1;
    let p = start + 1;
    for (; p < this.end; p++) {
      const c = b[p];
      if (c === 0x3e) break;
      if (CLASS[c] === 1) continue;
      const v = hexVal(c);
      if (v < 0) throw syntaxError('invalid character in a hex string', p);
      if (hi < 0) hi = v;
      else {
        out.push((hi << 4) | v);
        hi = -1;
      }
    }
    if (p >= this.end) throw syntaxError('unterminated hex string', start);
    if (hi >= 0) out.push(hi << 4); // odd length: the missing digit is 0
    return { type: 'string', bytes: out.bytes(), hex: true, start, end: p + 1 };
  }

  private hexStringTo(start: number, close: number): Token {
    const b = this.bytes;
    const max = this.budget.limits.maxStringLength;
    const out = new Uint8Array(Math.min(max, ((close - start) >> 1) + 1));
    let n = 0;
    let hi = -1;
    for (let p = start + 1; p < close; p++) {
      const c = b[p];
      if (CLASS[c] === 1) continue;
      const v = hexVal(c);
      if (v < 0) throw syntaxError('invalid character in a hex string', p);
      if (hi < 0) hi = v;
      else {
        if (n >= max) throw limitError(`a string longer than ${max} bytes`, `chuỗi dài hơn ${max} byte`);
        out[n++] = (hi << 4) | v;
        hi = -1;
      }
    }
    if (hi >= 0) {
      if (n >= max) throw limitError(`a string longer than ${max} bytes`, `chuỗi dài hơn ${max} byte`);
      out[n++] = hi << 4; // odd length: the missing digit is 0
    }
    return { type: 'string', bytes: n === out.length ? out : out.slice(0, n), hex: true, start, end: close + 1 };
  }

  private literalString(start: number): Token {
    const b = this.bytes;
    const out = new ByteSink(this.budget.limits.maxStringLength, 64);
    let depth = 1;
    let p = start + 1;
    while (p < this.end) {
      const c = b[p++];
      if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) return { type: 'string', bytes: out.bytes(), hex: false, start, end: p };
      if (c === 0x0d) {
        // A bare EOL inside a string reads as one LF, whatever its form.
        if (b[p] === 0x0a && p < this.end) p++;
        out.push(0x0a);
      } else if (c === 0x5c) {
        p = this.escape(p, out);
      } else {
        out.push(c);
      }
    }
    throw syntaxError('unterminated string', start);
  }

  /** Handles the byte(s) after a backslash at p; returns the next position. */
  private escape(p: number, out: ByteSink): number {
    const b = this.bytes;
    if (p >= this.end) return p;
    const c = b[p];
    const mapped = SIMPLE_ESCAPES[c];
    if (mapped !== undefined) {
      out.push(mapped);
      return p + 1;
    }
    if (c >= 0x30 && c <= 0x37) {
      let v = 0;
      let q = p;
      while (q < this.end && q < p + 3 && b[q] >= 0x30 && b[q] <= 0x37) v = v * 8 + (b[q++] - 0x30);
      out.push(v & 0xff); // high-order overflow is ignored (7.3.4.2)
      return q;
    }
    if (c === 0x0d) return b[p + 1] === 0x0a && p + 1 < this.end ? p + 2 : p + 1; // line continuation
    if (c === 0x0a) return p + 1;
    out.push(c); // \( \) \\ and unknown escapes: the backslash is dropped
    return p + 1;
  }
}
