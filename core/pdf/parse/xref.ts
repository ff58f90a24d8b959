import { SaoyError } from '../../errors.js';
import { xrefError } from './errors.js';
import { Lexer, isRegular } from './lexer.js';
import { type Budget, limitError } from './limits.js';
import { parseIndirectObject } from './object-parser.js';
import { asNonNegInt, dictGet } from './objects.js';
import { readXrefStream } from './xref-stream.js';
import { readXrefTable } from './xref-table.js';
import type { XrefEntry, XrefSection } from './xref-types.js';

export type { XrefEntry, XrefKind, XrefSection } from './xref-types.js';

/** A section as the reader sees it: a table, a stream, or a hybrid table with its /XRefStm. */
export interface ChainLink {
  readonly main: XrefSection;
  /** The /XRefStm of a hybrid file's table trailer. */
  readonly hidden?: XrefSection;
  /** Main entries first, then the hidden stream's entries for objects the table leaves out or frees. */
  readonly entries: Map<number, XrefEntry>;
  /** Where the pointer to this section (startxref or /Prev) said it was. */
  readonly declaredOffset: number;
}

/** Reads the table or stream at `offset`, which must be at a token boundary. */
export async function readXrefSection(bytes: Uint8Array, offset: number, budget: Budget): Promise<XrefSection> {
  if (offset >= bytes.length) throw xrefError('offset outside the file', offset);
  if (offset > 0 && isRegular(bytes[offset - 1]) && isRegular(bytes[offset])) {
    throw xrefError('offset points into the middle of a token', offset);
  }
  const t = new Lexer(bytes, offset, budget).peek();
  const issues: string[] = [];
  if (t.start !== offset) issues.push(`XREF_OFFSET: the xref offset ${offset} points at white-space before the section`);
  let section: XrefSection;
  if (t.type === 'keyword' && t.value === 'xref') section = readXrefTable(bytes, t.start, budget);
  else {
    let obj;
    try {
      obj = parseIndirectObject(bytes, t.start, budget); // an xref stream's /Length must be direct
    } catch (e) {
      if (e instanceof SaoyError && e.code === 'PDF_SYNTAX') throw xrefError(`no xref table or stream here (${e.message})`, offset);
      throw e;
    }
    section = await readXrefStream(obj, t.start, budget);
  }
  section.issues.unshift(...issues);
  return section;
}

/** How far a sloppy writer's xref offset may miss its section (CR/LF counting, a stray header byte). */
export const XREF_SLACK = 32;

function recoverable(e: unknown): e is SaoyError {
  return e instanceof SaoyError && (e.code === 'PDF_BAD_XREF' || e.code === 'PDF_SYNTAX' || e.code === 'PDF_BAD_STREAM');
}

/**
 * The section at `offset`, or, when nothing readable is there, the nearest readable one within XREF_SLACK bytes
 * (the same place every tolerant reader lands). Undefined when there is none; the first error is rethrown.
 */
export async function readXrefSectionNear(bytes: Uint8Array, offset: number, budget: Budget): Promise<XrefSection> {
  try {
    return await readXrefSection(bytes, offset, budget);
  } catch (e) {
    if (!recoverable(e)) throw e;
    const found = await nearestSection(bytes, offset, budget);
    if (!found) throw e;
    return found;
  }
}

async function nearestSection(bytes: Uint8Array, offset: number, budget: Budget): Promise<XrefSection | undefined> {
  for (let d = 1; d <= XREF_SLACK; d++) {
    for (const p of [offset - d, offset + d]) {
      if (p < 0 || p >= bytes.length || !startsSection(bytes, p)) continue;
      try {
        return await readXrefSection(bytes, p, budget);
      } catch (e) {
        if (!recoverable(e)) throw e;
      }
    }
  }
  return undefined;
}

/** "xref" or an object number at a token boundary: the only places a section can start. */
function startsSection(bytes: Uint8Array, p: number): boolean {
  if (p > 0 && isRegular(bytes[p - 1])) return false;
  const c = bytes[p];
  if (c === 0x78) return bytes[p + 1] === 0x72 && bytes[p + 2] === 0x65 && bytes[p + 3] === 0x66 && !isRegular(bytes[p + 4] ?? 0x20);
  return c >= 0x30 && c <= 0x39;
}

/**
 * Follows /Prev from the newest section; returns links newest first. A /Prev back to a section already read
 * (writers that point an update at an older section again) ends the chain: reading it twice changes nothing,
 * and stopping is what keeps crafted loops from hanging readers. `declaredOffset` differs from the section's
 * offset when the pointer missed it by a few bytes.
 */
export async function followChain(bytes: Uint8Array, start: number, budget: Budget): Promise<ChainLink[]> {
  const visited = new Set<number>();
  const hiddenOnly = new Set<number>();
  const links: ChainLink[] = [];
  const max = budget.limits.maxXrefSections;
  const count = () => {
    if (visited.size + hiddenOnly.size >= max) throw limitError(`more than ${max} cross-reference sections`, `hơn ${max} bảng tham chiếu chéo`);
  };
  let offset: number | undefined = start;
  while (offset !== undefined) {
    count();
    const main = await readXrefSectionNear(bytes, offset, budget);
    if (visited.has(main.offset)) {
      links[links.length - 1]?.main.issues.push(`XREF_CHAIN_REVISIT: /Prev ${offset} points back to the section at byte ${main.offset}, already read; the chain ends there`);
      break;
    }
    visited.add(main.offset);
    hiddenOnly.delete(main.offset);
    if (main.offset !== offset) main.issues.push(`XREF_OFFSET_OFF: an xref pointer says byte ${offset}; the section is at byte ${main.offset}`);
    let hidden: XrefSection | undefined;
    const stmValue = main.kind === 'table' ? dictGet(main.trailer, 'XRefStm') : undefined;
    if (stmValue !== undefined) {
      const stm = asNonNegInt(stmValue);
      if (stm === undefined) throw xrefError('invalid /XRefStm', offset);
      if (visited.has(stm) || hiddenOnly.has(stm)) throw loopError(stm);
      count();
      hiddenOnly.add(stm);
      hidden = await readXrefSection(bytes, stm, budget);
      if (hidden.kind !== 'stream') throw xrefError('/XRefStm does not point at an xref stream', stm);
    }
    links.push({ main, hidden, entries: mergeHybrid(main, hidden), declaredOffset: offset });
    const prev = dictGet(main.trailer, 'Prev');
    offset = prev === undefined ? undefined : asNonNegInt(prev);
    if (prev !== undefined && offset === undefined) throw xrefError('invalid /Prev', main.offset);
  }
  return links;
}

function loopError(offset: number): SaoyError {
  return new SaoyError(
    'PDF_XREF_LOOP',
    `The PDF cross-reference chain loops back to byte ${offset}`,
    `Tệp PDF bị hỏng: chuỗi bảng tham chiếu chéo (/Prev) lặp lại tại vị trí byte ${offset}`,
  );
}

/** Hybrid files: the table wins, except its free entries, which do not hide an object the stream defines. */
function mergeHybrid(main: XrefSection, hidden?: XrefSection): Map<number, XrefEntry> {
  if (!hidden) return main.entries;
  const merged = new Map(hidden.entries);
  for (const [num, e] of main.entries) {
    if (e.type === 'free' && merged.get(num)?.type !== undefined && merged.get(num)?.type !== 'free') continue;
    merged.set(num, e);
  }
  return merged;
}
