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

function loopError(offset: number): SaoyError {
  return new SaoyError(
    'PDF_XREF_LOOP',
    `The PDF cross-reference chain loops back to byte ${offset}`,
    `Tệp PDF bị hỏng: chuỗi bảng tham chiếu chéo (/Prev) lặp lại tại vị trí byte ${offset}`,
  );
}

/**
 * Follows /Prev from the newest section; returns links newest first. A repeated offset is a loop
 * (crafted files use it to hang readers) and fails at once.
 */
export async function followChain(bytes: Uint8Array, start: number, budget: Budget): Promise<ChainLink[]> {
  const visited = new Set<number>();
  const links: ChainLink[] = [];
  const max = budget.limits.maxXrefSections;
  const visit = (offset: number) => {
    if (visited.has(offset)) throw loopError(offset);
    if (visited.size >= max) throw limitError(`more than ${max} cross-reference sections`, `hơn ${max} bảng tham chiếu chéo`);
    visited.add(offset);
  };
  let offset: number | undefined = start;
  while (offset !== undefined) {
    visit(offset);
    const main = await readXrefSection(bytes, offset, budget);
    let hidden: XrefSection | undefined;
    const stmValue = main.kind === 'table' ? dictGet(main.trailer, 'XRefStm') : undefined;
    if (stmValue !== undefined) {
      const stm = asNonNegInt(stmValue);
      if (stm === undefined) throw xrefError('invalid /XRefStm', offset);
      visit(stm);
      hidden = await readXrefSection(bytes, stm, budget);
      if (hidden.kind !== 'stream') throw xrefError('/XRefStm does not point at an xref stream', stm);
    }
    links.push({ main, hidden, entries: mergeHybrid(main, hidden) });
    const prev = dictGet(main.trailer, 'Prev');
    offset = prev === undefined ? undefined : asNonNegInt(prev);
    if (prev !== undefined && offset === undefined) throw xrefError('invalid /Prev', main.offset);
  }
  return links;
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
