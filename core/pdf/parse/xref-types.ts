import type { PdfDict } from './objects.js';

export type XrefEntry =
  | { readonly type: 'free'; readonly num: number; readonly gen: number; readonly nextFree: number }
  | { readonly type: 'offset'; readonly num: number; readonly gen: number; readonly offset: number }
  /** Object `index` of the object stream `streamNum`; its generation is always 0. */
  | { readonly type: 'compressed'; readonly num: number; readonly gen: 0; readonly streamNum: number; readonly index: number };

export type XrefKind = 'table' | 'stream';

/** One cross-reference section as read from the file, before /Prev is followed. */
export interface XrefSection {
  readonly kind: XrefKind;
  readonly offset: number;
  /** The trailer dictionary, or the xref stream's dictionary. */
  readonly trailer: PdfDict;
  readonly entries: Map<number, XrefEntry>;
  /** Offset just after the trailer dictionary or after the xref stream's endobj. */
  readonly end: number;
  /** Deviations noticed while reading (duplicate entries, odd entry widths...). */
  readonly issues: string[];
}
