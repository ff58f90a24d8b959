/**
 * Read-only value model of parsed PDF syntax. Plain tagged objects (`kind`) so callers narrow with a
 * switch and nothing carries behaviour that a hostile file could influence.
 */

export interface PdfNull {
  readonly kind: 'null';
}
export interface PdfBool {
  readonly kind: 'bool';
  readonly value: boolean;
}
export interface PdfNumber {
  readonly kind: 'number';
  readonly value: number;
  /** The token as written: "1.50" and "1.5" differ in bytes, which matters when comparing revisions. */
  readonly text: string;
  readonly isInteger: boolean;
}
export interface PdfName {
  readonly kind: 'name';
  /** After #xx decoding; one char per byte (Latin-1), without the leading slash. */
  readonly value: string;
}
export interface PdfString {
  readonly kind: 'string';
  /** Decoded bytes (escapes and hex resolved); encryption, if any, is not removed. */
  readonly bytes: Uint8Array;
  readonly hex: boolean;
}
export interface PdfArray {
  readonly kind: 'array';
  readonly items: readonly PdfValue[];
}
export interface PdfDict {
  readonly kind: 'dict';
  readonly entries: ReadonlyMap<string, PdfValue>;
}
export interface PdfRef {
  readonly kind: 'ref';
  readonly num: number;
  readonly gen: number;
}
export interface PdfStream {
  readonly kind: 'stream';
  readonly dict: PdfDict;
  /** File offsets of the encoded data, [dataStart, dataEnd). */
  readonly dataStart: number;
  readonly dataEnd: number;
  /** View (not a copy) of the encoded data. */
  readonly raw: Uint8Array;
  /** /Length was absent, invalid or not followed by `endstream`; the end was found by searching. */
  readonly lengthMismatch: boolean;
}

export type PdfValue = PdfNull | PdfBool | PdfNumber | PdfName | PdfString | PdfArray | PdfDict | PdfRef | PdfStream;

/** Where an indirect object lives when it is stored inside an object stream. */
export interface CompressedLocation {
  readonly streamNum: number;
  readonly index: number;
}

export interface IndirectObject {
  readonly num: number;
  readonly gen: number;
  readonly value: PdfValue;
  /**
   * Byte span in the file, from "N G obj" to just after "endobj". For an object inside an object
   * stream it is the span of that object stream, the bytes a signature must cover to cover it.
   */
  readonly start: number;
  readonly end: number;
  readonly compressedIn?: CompressedLocation;
  /** Deviations noticed while parsing this object (missing endobj, wrong /Length...). */
  readonly issues: readonly string[];
}

export const PDF_NULL: PdfNull = Object.freeze({ kind: 'null' });

export function pdfName(value: string): PdfName {
  return { kind: 'name', value };
}

export function pdfInt(value: number): PdfNumber {
  return { kind: 'number', value, text: String(value), isInteger: true };
}

/** Dictionary lookup where an explicit null counts as absent, as the PDF spec says. */
export function dictGet(dict: PdfDict | undefined, key: string): PdfValue | undefined {
  const v = dict?.entries.get(key);
  return v === undefined || v.kind === 'null' ? undefined : v;
}

export function isName(v: PdfValue | undefined, name?: string): v is PdfName {
  return v !== undefined && v.kind === 'name' && (name === undefined || v.value === name);
}

/** A non-negative safe integer, or undefined. */
export function asNonNegInt(v: PdfValue | undefined): number | undefined {
  if (v === undefined || v.kind !== 'number' || !v.isInteger) return undefined;
  return Number.isSafeInteger(v.value) && v.value >= 0 ? v.value : undefined;
}

export function asDict(v: PdfValue | undefined): PdfDict | undefined {
  if (v === undefined) return undefined;
  if (v.kind === 'dict') return v;
  return v.kind === 'stream' ? v.dict : undefined;
}
