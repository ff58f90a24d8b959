import { xrefError } from './errors.js';
import { decodeStream } from './filters.js';
import type { Budget } from './limits.js';
import { type IndirectObject, type PdfValue, asNonNegInt, dictGet, isName } from './objects.js';
import type { XrefEntry, XrefSection } from './xref-types.js';

/**
 * Reads a cross-reference stream (/Type /XRef): /W field widths, /Index subsections, Flate with
 * predictors. `obj` is the already parsed indirect object at `offset`.
 */
export async function readXrefStream(obj: IndirectObject, offset: number, budget: Budget): Promise<XrefSection> {
  const stream = obj.value;
  if (stream.kind !== 'stream' || !isName(dictGet(stream.dict, 'Type'), 'XRef')) {
    throw xrefError('not a cross-reference stream', offset);
  }
  const dict = stream.dict;
  const issues = [...obj.issues];
  const w = readW(dictGet(dict, 'W'), offset);
  const size = asNonNegInt(dictGet(dict, 'Size'));
  if (size === undefined) throw xrefError('missing /Size', offset);
  const index = readIndex(dictGet(dict, 'Index'), size, offset);

  const rowWidth = w[0] + w[1] + w[2];
  let rows = 0;
  for (let i = 0; i < index.length; i += 2) rows += index[i + 1];
  budget.addXrefEntries(rows);
  const decoded = await decodeStream(stream, budget, Math.min(budget.limits.maxStreamBytes, rows * (rowWidth + 1) + 4096));
  if (!decoded.complete) issues.push(`FLATE_INCOMPLETE: the xref stream at byte ${offset} is truncated or corrupt`);
  const data = decoded.bytes;
  if (data.length < rows * rowWidth) throw xrefError('stream data shorter than /Index and /W require', offset);

  const entries = new Map<number, XrefEntry>();
  let p = 0;
  for (let s = 0; s < index.length; s += 2) {
    const first = index[s];
    for (let i = 0; i < index[s + 1]; i++) {
      budget.tick();
      const type = w[0] === 0 ? 1 : field(data, p, w[0]);
      const f2 = field(data, p + w[0], w[1]);
      const f3 = field(data, p + w[0] + w[1], w[2]);
      p += rowWidth;
      const num = first + i;
      let entry: XrefEntry;
      if (type === 0) entry = { type: 'free', num, gen: f3, nextFree: f2 };
      else if (type === 1) entry = { type: 'offset', num, gen: f3, offset: f2 };
      else if (type === 2) entry = { type: 'compressed', num, gen: 0, streamNum: f2, index: f3 };
      else {
        // Unknown types are references to the null object (7.5.8.3).
        issues.push(`XREF_ENTRY_TYPE: object ${num} has entry type ${type} in the xref stream at byte ${offset}`);
        entry = { type: 'free', num, gen: 0, nextFree: 0 };
      }
      if (entries.has(num)) issues.push(`DUPLICATE_XREF_ENTRY: object ${num} listed twice in the xref stream at byte ${offset}`);
      else entries.set(num, entry);
    }
  }
  return { kind: 'stream', offset, trailer: dict, entries, end: obj.end, issues };
}

/** Big-endian unsigned field (8-byte values lose precision, but then point outside any real file). */
function field(data: Uint8Array, at: number, width: number): number {
  let v = 0;
  for (let i = 0; i < width; i++) v = v * 256 + data[at + i];
  return v;
}

function readW(v: PdfValue | undefined, offset: number): [number, number, number] {
  if (v?.kind !== 'array' || v.items.length !== 3) throw xrefError('/W must be an array of 3 integers', offset);
  const w = v.items.map((x) => asNonNegInt(x));
  if (w.some((x) => x === undefined || x > 8) || w[1] === 0) throw xrefError('invalid /W', offset);
  return w as [number, number, number];
}

function readIndex(v: PdfValue | undefined, size: number, offset: number): number[] {
  let index: number[];
  if (v === undefined) index = [0, size];
  else {
    if (v.kind !== 'array' || v.items.length % 2 !== 0) throw xrefError('/Index must be an array of pairs', offset);
    index = v.items.map((x) => {
      const n = asNonNegInt(x);
      if (n === undefined) throw xrefError('/Index holds a non-integer', offset);
      return n;
    });
  }
  for (let i = 0; i < index.length; i += 2) {
    if (!Number.isSafeInteger(index[i] + index[i + 1])) throw xrefError('object number out of range', offset);
  }
  return index;
}
