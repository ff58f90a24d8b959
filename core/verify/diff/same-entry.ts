/**
 * The fast path of the difference analysis: an object whose cross-reference entry is the same in both revisions
 * (same place in the file, or same slot of the same object stream) was not rewritten, so its value need not be
 * compared. "Different" only sends an object to the value comparison; "same" skips it, so it must never be wrong.
 */
import type { XrefEntry } from '../../pdf/parse/index.js';

export function sameEntry(a: XrefEntry | undefined, b: XrefEntry | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.type !== b.type || a.gen !== b.gen) return false;
  if (a.type === 'offset' && b.type === 'offset') return a.offset === b.offset;
  if (a.type === 'compressed' && b.type === 'compressed') return a.streamNum === b.streamNum && a.index === b.index;
  return true;
}
