/** Strict, bounded, read-only PDF parser for signature verification. */
export { parsePdf } from './document.js';
export type { ParsedPdf, Revision, ScanResult, ScannedObjectInRevision } from './document.js';
export { DEFAULT_LIMITS } from './limits.js';
export type { Interrupt, ParseLimits } from './limits.js';
export type {
  CompressedLocation,
  IndirectObject,
  PdfArray,
  PdfBool,
  PdfDict,
  PdfName,
  PdfNull,
  PdfNumber,
  PdfRef,
  PdfStream,
  PdfString,
  PdfValue,
} from './objects.js';
export { PDF_NULL, asDict, asNonNegInt, dictGet, isName } from './objects.js';
export { decodePdfText } from './text-string.js';
export type { DecodedStream } from './filters.js';
export type { XrefEntry, XrefKind } from './xref-types.js';
export type { ScannedObject } from './scan.js';
