import { concatBytes } from '../bytes/concat.js';
import { latin1 } from './bytes.js';
import type { XrefKind } from './parse/index.js';

/** One indirect object of the update, already serialised (the text between `obj` and `endobj`). */
export interface UpdatedObject {
  num: number;
  gen: number;
  body: Uint8Array;
}

export interface TrailerFields {
  /** Highest object number in the whole file + 1. */
  size: number;
  /** Serialised values, e.g. "1 0 R" or "[<ab..> <cd..>]". */
  root: string;
  info?: string;
  id?: string;
  /** Byte offset of the previous cross-reference section. */
  prev: number;
}

export interface AppendedRevision {
  bytes: Uint8Array;
  /** Offset in `bytes` where each updated object starts (`N G obj`), keyed by object number. */
  offsets: Map<number, number>;
}

/**
 * Appends one incremental update (ISO 32000-1 §7.5.6): the given objects, a cross-reference section
 * of the same kind as the previous one, the trailer with /Prev, startxref and %%EOF. Every byte of
 * `base` is kept as it was, which is what keeps earlier signatures intact.
 */
export function appendRevision(
  base: Uint8Array,
  objects: readonly UpdatedObject[],
  trailer: TrailerFields,
  kind: XrefKind,
): AppendedRevision {
  const parts: Uint8Array[] = [base];
  let at = base.length;
  const push = (b: Uint8Array) => {
    parts.push(b);
    at += b.length;
  };
  const last = base[base.length - 1];
  if (last !== 0x0a && last !== 0x0d) push(latin1('\n'));

  const offsets = new Map<number, number>();
  const sorted = [...objects].sort((a, b) => a.num - b.num);
  for (const o of sorted) {
    offsets.set(o.num, at);
    push(latin1(`${o.num} ${o.gen} obj\n`));
    push(o.body);
    push(latin1('\nendobj\n'));
  }

  const xrefAt = at;
  if (kind === 'table') {
    push(latin1(xrefTable(sorted, offsets) + `trailer\n<<${trailerEntries(trailer, trailer.size)}>>\nstartxref\n${xrefAt}\n%%EOF\n`));
  } else {
    // The xref stream is itself an object and must list itself.
    const streamNum = trailer.size;
    offsets.set(streamNum, xrefAt);
    push(xrefStream(streamNum, sorted, offsets, trailer));
    push(latin1(`startxref\n${xrefAt}\n%%EOF\n`));
  }
  return { bytes: concatBytes(parts), offsets };
}

function trailerEntries(t: TrailerFields, size: number): string {
  let s = ` /Size ${size} /Root ${t.root}`;
  if (t.info) s += ` /Info ${t.info}`;
  if (t.id) s += ` /ID ${t.id}`;
  s += ` /Prev ${t.prev} `;
  return s;
}

/** Consecutive object numbers grouped into subsections, as the table format requires. */
function subsections(nums: readonly number[]): number[][] {
  const groups: number[][] = [];
  for (const n of nums) {
    const g = groups[groups.length - 1];
    if (g && g[g.length - 1] === n - 1) g.push(n);
    else groups.push([n]);
  }
  return groups;
}

function xrefTable(objects: readonly UpdatedObject[], offsets: Map<number, number>): string {
  const gens = new Map(objects.map((o) => [o.num, o.gen]));
  let s = 'xref\n';
  for (const g of subsections(objects.map((o) => o.num))) {
    s += `${g[0]} ${g.length}\n`;
    for (const n of g) {
      // Each entry is exactly 20 bytes: 10-digit offset, 5-digit generation, 'n', CR LF.
      s += `${String(offsets.get(n)).padStart(10, '0')} ${String(gens.get(n)).padStart(5, '0')} n\r\n`;
    }
  }
  return s;
}

function xrefStream(
  streamNum: number,
  objects: readonly UpdatedObject[],
  offsets: Map<number, number>,
  t: TrailerFields,
): Uint8Array {
  const nums = [...objects.map((o) => o.num), streamNum].sort((a, b) => a - b);
  const gens = new Map(objects.map((o) => [o.num, o.gen]));
  const rows = new Uint8Array(nums.length * 7); // W [1 4 2]
  nums.forEach((n, i) => {
    const off = offsets.get(n) ?? 0;
    const gen = gens.get(n) ?? 0;
    rows.set([1, (off >>> 24) & 0xff, (off >>> 16) & 0xff, (off >>> 8) & 0xff, off & 0xff, (gen >>> 8) & 0xff, gen & 0xff], i * 7);
  });
  const index = subsections(nums).map((g) => `${g[0]} ${g.length}`).join(' ');
  const dict = `<< /Type /XRef${trailerEntries(t, streamNum + 1)}/W [1 4 2] /Index [${index}] /Length ${rows.length} >>`;
  return concatBytes([latin1(`${streamNum} 0 obj\n${dict}\nstream\n`), rows, latin1('\nendstream\nendobj\n')]);
}
