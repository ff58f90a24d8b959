import { SaoyError } from '../../errors.js';
import { type OpenResult, decryptString, openWithEmptyPassword } from './security.js';
import { decodeStream, type DecodedStream } from './filters.js';
import { isRegular, isWhite } from './lexer.js';
import { Budget, type Interrupt, type ParseLimits, limitError, resolveLimits } from './limits.js';
import { parseIndirectObject, readObjectHeader } from './object-parser.js';
import { type ObjectStream, loadObjectStream, valueInObjectStream } from './object-stream.js';
import {
  type IndirectObject,
  PDF_NULL,
  type PdfDict,
  type PdfRef,
  type PdfStream,
  type PdfValue,
  dictGet,
} from './objects.js';
import { type ScannedObject, scanObjectHeaders } from './scan.js';
import { ascii, findBytesBackward } from './search.js';
import { findEofMarkers, findHeader, findLastStartxref, readSectionTail } from './trailer-tail.js';
import { type ChainLink, type XrefEntry, type XrefKind, XREF_SLACK, followChain, readXrefSectionNear } from './xref.js';

/** One cross-reference section (a hybrid table + /XRefStm counts as one) and the bytes it closes. */
export interface Revision {
  readonly index: number;
  readonly xrefOffset: number;
  readonly kind: XrefKind;
  /** The trailer, or the xref stream's dictionary. */
  readonly trailer: PdfDict;
  /** Only the entries this section lists; see ParsedPdf.objectTable for the merged view. */
  readonly entries: ReadonlyMap<number, XrefEntry>;
  /** Just after the %%EOF (and its EOL) closing this section; where reading stopped when it is missing. */
  readonly end: number;
  readonly eofFound: boolean;
  /** The number after this section's own "startxref", if it has one. */
  readonly startxrefValue: number | undefined;
  /** Offset of the /XRefStm of a hybrid table. */
  readonly xrefStmOffset?: number;
}

export interface ScannedObjectInRevision extends ScannedObject {
  /** Revision whose bytes hold the header (ParsedPdf.revisionAt), -1 after the last one. */
  readonly revision: number;
}

export interface ScanResult {
  readonly objects: readonly ScannedObjectInRevision[];
  /** Stopped at maxObjects. */
  readonly truncated: boolean;
  /** Objects whose header appears more than once within one revision's bytes. */
  readonly duplicates: readonly { num: number; revision: number; offsets: number[] }[];
  /** Offsets of every "%%EOF" in the file. */
  readonly eofMarkers: readonly number[];
}

export interface ParsedPdf {
  readonly bytes: Uint8Array;
  readonly version: string;
  readonly headerOffset: number;
  /** Oldest first. */
  readonly revisions: readonly Revision[];
  /** Some trailer has /Encrypt: strings stay encrypted, streams are not decrypted. */
  readonly encrypted: boolean;
  /** Grows as objects are read (getObject, scanObjects); each line starts with a stable CODE. */
  readonly anomalies: readonly string[];
  readonly limits: Readonly<ParseLimits>;
  /** The xref table as the document looked at that revision (later sections override earlier ones). */
  objectTable(revisionIndex?: number): Map<number, XrefEntry>;
  /** The object's definition in that revision; undefined when free, absent or not where the xref says. */
  getObject(num: number, revisionIndex?: number): IndirectObject | undefined;
  /** Follows references (depth-limited, cycle-safe); a missing object is null, as the spec says. */
  resolve(value: PdfValue | undefined, revisionIndex?: number): PdfValue;
  /** Parses the object at an arbitrary offset (e.g. one found by scanObjects); not cached. */
  parseObjectAt(offset: number, revisionIndex?: number): IndirectObject;
  /** Brute-force search for every "N G obj" in the file; computed once. */
  scanObjects(): ScanResult;
  /** Index of the oldest revision whose end lies beyond offset, or -1. */
  revisionAt(offset: number): number;
  decodeStream(stream: PdfStream, maxBytes?: number): Promise<DecodedStream>;
  /** Work units used so far out of limits.maxSteps. */
  readonly stepsUsed: number;
  /**
   * Bytes after the newest readable revision that cannot be read as an update (garbage, a cut-off or broken
   * update, a startxref that leads nowhere): what they are, in English. The revisions before them are intact.
   */
  readonly unreadableTail?: UnreadableTail;
  /** For an encrypted file: whether the empty user password opens it (then streams are decrypted when decoded). */
  readonly security?: OpenResult;
  /** Decrypts a string of object num/gen when the file is encrypted and open; the bytes unchanged otherwise. */
  decryptString(num: number, gen: number, data: Uint8Array): Promise<Uint8Array>;
}

export interface UnreadableTail {
  /** Where the readable part ends. */
  readonly from: number;
  /** 'update': the newest xref chain is broken and an older one was read; 'data': bytes after the last %%EOF. */
  readonly kind: 'update' | 'data';
  readonly problem: string;
}

/**
 * `interrupt` is called now and then for the document's lifetime (parse, then getObject and scans) and may throw to
 * stop the work: a time limit, or a worker told to stop (synchronous parsing cannot otherwise be broken into).
 */
export async function parsePdf(bytes: Uint8Array, limits?: Partial<ParseLimits>, interrupt?: Interrupt): Promise<ParsedPdf> {
  const l = resolveLimits(limits);
  if (bytes.length > l.maxFileSize) {
    throw limitError(`the file is larger than ${l.maxFileSize} bytes`, `tệp lớn hơn ${l.maxFileSize} byte`);
  }
  const budget = new Budget(l, interrupt);
  const header = findHeader(bytes, budget);
  const chain = await readableChain(bytes, budget);
  const links = chain.links.reverse();
  const sections: Revision[] = links.map((link, index) => {
    const tail = readSectionTail(bytes, link.main.end, budget);
    const stm = link.hidden?.offset;
    return {
      index,
      xrefOffset: link.main.offset,
      kind: link.main.kind,
      trailer: link.main.trailer,
      entries: link.entries,
      end: tail.end,
      eofFound: tail.eofFound,
      startxrefValue: tail.startxrefValue,
      ...(stm === undefined ? {} : { xrefStmOffset: stm }),
    };
  });
  const revisions = mergeLinearized(bytes, sections, budget);
  const doc = new Document(bytes, header.version, header.offset, revisions, budget);
  if (header.offset > 0) doc.note(`HEADER_OFFSET: %PDF header at byte ${header.offset}, not 0`);
  if (!header.version) doc.note('HEADER_VERSION: unreadable version after %PDF-');
  if (revisions.length < sections.length) doc.note(`LINEARIZED: the first-page xref section (byte ${revisions[0].xrefOffset}) and the main one form revision 0`);
  for (const link of links) for (const issue of [...link.main.issues, ...(link.hidden?.issues ?? [])]) doc.note(issue);
  if (chain.failure) doc.setUnreadableTail('update', `the newest update cannot be read (${chain.failure})`);
  await checkRevisionBytes(doc, revisions, chain.startxrefAt, budget);
  doc.checkXrefOffsets();
  if (doc.encrypted) await doc.openSecurity();
  await doc.loadObjectStreams();
  return doc;
}

const STARTXREF_KEYWORD = ascii('startxref');

function recoverable(e: unknown): e is SaoyError {
  return e instanceof SaoyError && ['PDF_BAD_XREF', 'PDF_SYNTAX', 'PDF_BAD_STREAM', 'PDF_XREF_LOOP', 'PDF_NO_STARTXREF'].includes(e.code);
}

/**
 * The xref chain from the last startxref; when that cannot be read, the chain from the newest earlier startxref
 * that can. Signed revisions are then still checked from their own bytes, and what follows them is reported as
 * an unreadable tail instead of making the whole file unreadable.
 */
async function readableChain(bytes: Uint8Array, budget: Budget): Promise<{ links: ChainLink[]; startxrefAt: number; failure?: string }> {
  const sx = findLastStartxref(bytes, budget);
  let first: SaoyError;
  try {
    return { links: await followChain(bytes, sx.value, budget), startxrefAt: sx.keywordAt };
  } catch (e) {
    if (!recoverable(e)) throw e;
    first = e;
  }
  let at = sx.keywordAt;
  for (let tries = 0; tries < budget.limits.maxXrefSections && at > 0; tries++) {
    at = findBytesBackward(bytes, STARTXREF_KEYWORD, 0, at, budget);
    if (at < 0) break;
    const value = readUintAt(bytes, at + STARTXREF_KEYWORD.length);
    if (value === undefined) continue;
    try {
      return { links: await followChain(bytes, value, budget), startxrefAt: at, failure: first.message };
    } catch (e) {
      if (!recoverable(e)) throw e;
    }
  }
  throw first;
}

function readUintAt(bytes: Uint8Array, from: number): number | undefined {
  let p = from;
  while (p < bytes.length && p < from + 256 && isWhite(bytes[p])) p++;
  const s = p;
  let v = 0;
  while (p < bytes.length && bytes[p] >= 0x30 && bytes[p] <= 0x39 && p - s < 15) v = v * 10 + (bytes[p++] - 0x30);
  return p === s ? undefined : v;
}

/**
 * A linearized file (ISO 32000-1 Annex F) has two xref sections for one document: the first-page section near the
 * start, whose /Prev is the main section at the end. Both together are the original revision, closed by the main
 * section's %%EOF; the first-page one's own "startxref 0 %%EOF" is a placeholder, not a revision boundary.
 */
function mergeLinearized(bytes: Uint8Array, revisions: Revision[], budget: Budget): Revision[] {
  if (revisions.length < 2) return revisions;
  const [main, firstPage] = revisions;
  if (!(firstPage.xrefOffset < main.xrefOffset && firstPage.end <= main.xrefOffset)) return revisions;
  if (!hasLinearizationDict(bytes, firstPage.xrefOffset, budget)) return revisions;
  const entries = new Map(main.entries);
  for (const [num, e] of firstPage.entries) entries.set(num, e);
  const merged: Revision = {
    index: 0,
    xrefOffset: firstPage.xrefOffset,
    kind: firstPage.kind,
    trailer: firstPage.trailer,
    entries,
    end: main.end,
    eofFound: main.eofFound,
    startxrefValue: main.startxrefValue,
    ...(firstPage.xrefStmOffset === undefined ? {} : { xrefStmOffset: firstPage.xrefStmOffset }),
  };
  return [merged, ...revisions.slice(2).map((r) => ({ ...r, index: r.index - 1 }))];
}

/** The first object of the file is a linearization parameter dictionary that lies before the first-page xref. */
function hasLinearizationDict(bytes: Uint8Array, before: number, budget: Budget): boolean {
  const scanned = scanObjectHeaders(bytes.subarray(0, Math.min(before, 4096)), budget, 1).objects[0];
  if (!scanned) return false;
  try {
    const obj = parseIndirectObject(bytes, scanned.offset, budget);
    return obj.end <= before && obj.value.kind === 'dict' && dictGet(obj.value, 'Linearized') !== undefined;
  } catch (e) {
    if (e instanceof SaoyError && e.code === 'PDF_LIMIT') throw e;
    return false;
  }
}

async function checkRevisionBytes(doc: Document, revisions: readonly Revision[], lastStartxrefAt: number, budget: Budget): Promise<void> {
  const bytes = doc.bytes;
  let maxEnd = 0;
  for (const r of revisions) {
    if (!r.eofFound) doc.note(`MISSING_EOF: revision ${r.index} (xref at byte ${r.xrefOffset}) has no %%EOF after it`);
    if (r.startxrefValue !== undefined && r.startxrefValue !== r.xrefOffset) {
      // A few bytes off, landing on this very section the way every tolerant reader does, is sloppiness;
      // pointing at another section is what shadow attacks do.
      const off = Math.abs(r.startxrefValue - r.xrefOffset) <= XREF_SLACK && (await landsOn(bytes, r.startxrefValue, r.xrefOffset, budget));
      doc.note(
        off
          ? `STARTXREF_OFF: revision ${r.index} is followed by startxref ${r.startxrefValue}, ${r.startxrefValue - r.xrefOffset} bytes from its xref at ${r.xrefOffset}`
          : `STARTXREF_MISMATCH: revision ${r.index} is followed by startxref ${r.startxrefValue}, not ${r.xrefOffset}`,
      );
    }
    if (r.index > 0 && r.end < revisions[r.index - 1].end) {
      doc.note(`REVISION_ORDER: revision ${r.index} ends at byte ${r.end}, before the previous one`);
    }
    maxEnd = Math.max(maxEnd, r.end);
  }
  let p = maxEnd;
  while (p < bytes.length && isWhite(bytes[p])) p++;
  if (p < bytes.length) {
    doc.note(`DATA_AFTER_EOF: ${bytes.length - maxEnd} bytes after the end of the newest revision (byte ${maxEnd})`);
    doc.setUnreadableTail('data', `${bytes.length - maxEnd} bytes after the newest revision's %%EOF (byte ${maxEnd}) that no cross-reference section describes`);
  }
  if (lastStartxrefAt >= maxEnd) doc.note(`UNREACHED_STARTXREF: the last startxref (byte ${lastStartxrefAt}) is not part of any revision`);
}

async function landsOn(bytes: Uint8Array, declared: number, actual: number, budget: Budget): Promise<boolean> {
  try {
    return (await readXrefSectionNear(bytes, declared, budget)).offset === actual;
  } catch (e) {
    if (e instanceof SaoyError && e.code === 'PDF_LIMIT') throw e;
    return false;
  }
}

/** Parsed objects are cached by file offset; a stream whose /Length is indirect remembers the length it used. */
interface CacheEntry {
  readonly obj: IndirectObject;
  readonly lengthRef?: PdfRef;
  readonly length?: number;
}

class Document implements ParsedPdf {
  private readonly anomalyList: string[] = [];
  private readonly anomalySet = new Set<string>();
  private readonly cache = new Map<number, CacheEntry>();
  private readonly compressedCache = new Map<string, IndirectObject>();
  private readonly objStms = new Map<number, ObjectStream | SaoyError>();
  private readonly lengthInProgress = new Set<number>();
  private parsedCount = 0;
  private scanned?: ScanResult;
  private tail?: UnreadableTail;
  private readonly streamOwners = new WeakMap<PdfStream, { num: number; gen: number }>();
  security?: OpenResult;
  readonly encrypted: boolean;

  constructor(
    readonly bytes: Uint8Array,
    readonly version: string,
    readonly headerOffset: number,
    readonly revisions: readonly Revision[],
    private readonly budget: Budget,
  ) {
    this.encrypted = revisions.some((r) => dictGet(r.trailer, 'Encrypt') !== undefined);
  }

  get anomalies(): readonly string[] {
    return this.anomalyList;
  }
  get limits(): Readonly<ParseLimits> {
    return this.budget.limits;
  }
  get stepsUsed(): number {
    return this.budget.used;
  }

  async openSecurity(): Promise<void> {
    try {
      this.security = await openWithEmptyPassword(this);
    } catch (e) {
      if (e instanceof SaoyError && e.code === 'PDF_LIMIT') throw e;
      this.security = { ok: false, reason: 'unsupported', detail: e instanceof Error ? e.message : String(e) };
    }
  }

  decryptString(num: number, gen: number, data: Uint8Array): Promise<Uint8Array> {
    const s = this.security;
    return s?.ok ? decryptString(s, num, gen, data) : Promise.resolve(data);
  }

  /** The decryption step for a stream of this file, or undefined when it is stored in clear. */
  private streamDecryptor(stream: PdfStream): ((raw: Uint8Array) => Promise<Uint8Array>) | undefined {
    const s = this.security;
    const owner = this.streamOwners.get(stream);
    if (!s?.ok || !owner) return undefined;
    // Cross-reference streams are never encrypted; neither is metadata with /EncryptMetadata false.
    const type = dictGet(stream.dict, 'Type');
    if (type?.kind === 'name' && (type.value === 'XRef' || (type.value === 'Metadata' && !s.encryptMetadata))) return undefined;
    return (raw) => decryptString(s, owner.num, owner.gen, raw);
  }

  get unreadableTail(): UnreadableTail | undefined {
    return this.tail;
  }

  setUnreadableTail(kind: UnreadableTail['kind'], problem: string): void {
    if (this.tail) return;
    const from = Math.max(...this.revisions.map((r) => r.end));
    this.tail = { from, kind, problem };
    this.note(`UNREADABLE_TAIL: from byte ${from}: ${problem}`);
  }

  note(text: string): void {
    if (this.anomalySet.has(text) || this.anomalyList.length >= 10_000) return;
    this.anomalySet.add(text);
    this.anomalyList.push(text);
  }

  private rev(revisionIndex?: number): number {
    const last = this.revisions.length - 1;
    if (revisionIndex === undefined) return last;
    if (!Number.isInteger(revisionIndex) || revisionIndex < 0 || revisionIndex > last) {
      throw new RangeError(`revision index ${revisionIndex} out of range 0..${last}`);
    }
    return revisionIndex;
  }

  /** The newest entry for num at or before revision r. */
  private lookup(num: number, r: number): XrefEntry | undefined {
    this.budget.tick();
    for (let i = r; i >= 0; i--) {
      const e = this.revisions[i].entries.get(num);
      if (e) return e;
    }
    return undefined;
  }

  objectTable(revisionIndex?: number): Map<number, XrefEntry> {
    const r = this.rev(revisionIndex);
    const out = new Map<number, XrefEntry>();
    for (let i = 0; i <= r; i++) {
      this.budget.tick(1 + (this.revisions[i].entries.size >> 4));
      for (const [num, e] of this.revisions[i].entries) out.set(num, e);
    }
    return out;
  }

  getObject(num: number, revisionIndex?: number): IndirectObject | undefined {
    const r = this.rev(revisionIndex);
    const entry = this.lookup(num, r);
    if (!entry || entry.type === 'free') return undefined;
    return entry.type === 'offset' ? this.objectAtOffset(entry, r) : this.compressedObject(entry, r);
  }

  resolve(value: PdfValue | undefined, revisionIndex?: number): PdfValue {
    const r = this.rev(revisionIndex);
    let v = value;
    const seen = new Set<number>();
    while (v?.kind === 'ref') {
      if (seen.size >= this.limits.maxResolveDepth) {
        throw limitError(`a chain of more than ${this.limits.maxResolveDepth} references`, `chuỗi tham chiếu dài hơn ${this.limits.maxResolveDepth}`);
      }
      if (seen.has(v.num)) {
        this.note(`REFERENCE_CYCLE: object ${v.num} refers back to itself`);
        return PDF_NULL;
      }
      seen.add(v.num);
      const obj = this.getObject(v.num, r);
      if (!obj) return PDF_NULL;
      if (obj.gen !== v.gen) {
        this.note(`GENERATION_MISMATCH: reference ${v.num} ${v.gen} R but revision ${r} defines ${obj.num} ${obj.gen}`);
        return PDF_NULL;
      }
      v = obj.value;
    }
    return v ?? PDF_NULL;
  }

  parseObjectAt(offset: number, revisionIndex?: number): IndirectObject {
    const r = this.rev(revisionIndex);
    this.countObject();
    return parseIndirectObject(this.bytes, offset, this.budget, (ref) => this.lengthOf(ref, r));
  }

  revisionAt(offset: number): number {
    for (const r of this.revisions) if (offset < r.end) return r.index;
    return -1;
  }

  decodeStream(stream: PdfStream, maxBytes?: number): Promise<DecodedStream> {
    const r = this.revisions.length - 1;
    return decodeStream(
      stream,
      this.budget,
      Math.min(maxBytes ?? Infinity, this.limits.maxStreamBytes),
      (v) => (v === undefined ? undefined : this.resolve(v, r)),
      this.streamDecryptor(stream),
    );
  }

  scanObjects(): ScanResult {
    if (this.scanned) return this.scanned;
    const { objects: raw, truncated } = scanObjectHeaders(this.bytes, this.budget, this.limits.maxObjects);
    const objects = raw.map((o) => ({ ...o, revision: this.revisionAt(o.offset) }));
    const groups = new Map<string, { num: number; revision: number; offsets: number[] }>();
    for (const o of objects) {
      const key = `${o.num}/${o.revision}`;
      const g = groups.get(key);
      if (g) g.offsets.push(o.offset);
      else groups.set(key, { num: o.num, revision: o.revision, offsets: [o.offset] });
    }
    const duplicates = [...groups.values()].filter((g) => g.offsets.length > 1);
    for (const d of duplicates) {
      this.note(`DUPLICATE_DEFINITION: object ${d.num} is defined ${d.offsets.length} times in revision ${d.revision} (bytes ${d.offsets.slice(0, 8).join(', ')})`);
    }
    const eofMarkers = findEofMarkers(this.bytes, this.budget, this.limits.maxXrefSections * 4);
    this.scanned = { objects, truncated, duplicates, eofMarkers };
    return this.scanned;
  }

  /** Checks that every in-use offset entry of every section lands on the "N G obj" it names. */
  checkXrefOffsets(): void {
    for (const rev of this.revisions) {
      for (const e of rev.entries.values()) if (e.type === 'offset') this.headerMatches(e, rev.index);
    }
  }

  /** Decodes, once per file offset, every object stream any revision's compressed entries can reach. */
  async loadObjectStreams(): Promise<void> {
    const streamNums = new Set<number>();
    for (const rev of this.revisions) for (const e of rev.entries.values()) if (e.type === 'compressed') streamNums.add(e.streamNum);
    for (const s of streamNums) {
      let current: XrefEntry | undefined;
      for (const rev of this.revisions) {
        this.budget.tick();
        const e = rev.entries.get(s);
        if (!e || e === current) continue;
        current = e;
        if (e.type !== 'offset' || this.objStms.has(e.offset)) continue;
        try {
          const obj = this.objectAtOffset(e, rev.index);
          if (!obj) continue;
          const decrypt = obj.value.kind === 'stream' ? this.streamDecryptor(obj.value) : undefined;
          const os = await loadObjectStream(obj, this.budget, (v) => (v === undefined ? undefined : this.resolve(v, rev.index)), decrypt);
          for (const issue of os.issues) this.note(issue);
          this.objStms.set(e.offset, os);
        } catch (err) {
          if (!(err instanceof SaoyError) || err.code === 'PDF_LIMIT') throw err;
          this.note(`OBJSTM_UNREADABLE: object stream ${s} at byte ${e.offset}: ${err.message}`);
          this.objStms.set(e.offset, err);
        }
      }
    }
  }

  private countObject(): void {
    if (++this.parsedCount > this.limits.maxObjects) {
      throw limitError(`more than ${this.limits.maxObjects} objects parsed`, `hơn ${this.limits.maxObjects} đối tượng`);
    }
  }

  private headerMatches(e: Extract<XrefEntry, { type: 'offset' }>, r: number): boolean {
    const where = `xref entry ${e.num} ${e.gen} (revision ${r}) points to byte ${e.offset}`;
    if (e.offset >= this.bytes.length) {
      this.note(`XREF_BAD_OFFSET: ${where}, outside the file`);
      return false;
    }
    // An offset inside "15 0 obj" would otherwise read as "5 0 obj".
    // poppler appends its update right after a final "%%EOF" that has no end-of-line ("%%EOF2 0 obj"): not mid-token.
    if (e.offset > 0 && isRegular(this.bytes[e.offset - 1]) && isRegular(this.bytes[e.offset]) && !afterEofMarker(this.bytes, e.offset)) {
      this.note(`XREF_WRONG_OBJECT: ${where}, in the middle of a token`);
      return false;
    }
    const h = readObjectHeader(this.bytes, e.offset, this.budget);
    if (!h) {
      this.note(`XREF_WRONG_OBJECT: ${where}, where there is no object header`);
      return false;
    }
    if (h.num !== e.num || h.gen !== e.gen) {
      this.note(`XREF_WRONG_OBJECT: ${where}, which holds object ${h.num} ${h.gen}`);
      return false;
    }
    return true;
  }

  private objectAtOffset(e: Extract<XrefEntry, { type: 'offset' }>, r: number): IndirectObject | undefined {
    const hit = this.cache.get(e.offset);
    if (hit && hit.obj.num === e.num && hit.obj.gen === e.gen) {
      if (!hit.lengthRef || this.lengthOf(hit.lengthRef, r) === hit.length) return hit.obj;
    }
    if (!this.headerMatches(e, r)) return undefined;
    this.countObject();
    const obj = parseIndirectObject(this.bytes, e.offset, this.budget, (ref) => this.lengthOf(ref, r));
    for (const issue of obj.issues) this.note(issue);
    if (obj.value.kind === 'stream') this.streamOwners.set(obj.value, { num: obj.num, gen: obj.gen });
    const lengthValue = obj.value.kind === 'stream' ? obj.value.dict.entries.get('Length') : undefined;
    if (lengthValue?.kind === 'ref') {
      this.cache.set(e.offset, { obj, lengthRef: lengthValue, length: this.lengthOf(lengthValue, r) });
    } else this.cache.set(e.offset, { obj });
    return obj;
  }

  private compressedObject(e: Extract<XrefEntry, { type: 'compressed' }>, r: number): IndirectObject | undefined {
    const where = `compressed object ${e.num} (index ${e.index} of object stream ${e.streamNum}, revision ${r})`;
    const se = this.lookup(e.streamNum, r);
    const os = se?.type === 'offset' ? this.objStms.get(se.offset) : undefined;
    if (!se || se.type !== 'offset' || !os || os instanceof SaoyError) {
      this.note(`OBJSTM_MISSING: ${where}: the object stream is not readable`);
      return undefined;
    }
    if (e.index >= os.nums.length || os.nums[e.index] !== e.num) {
      this.note(`XREF_WRONG_OBJECT: ${where} holds ${e.index < os.nums.length ? `object ${os.nums[e.index]}` : 'nothing'}`);
      return undefined;
    }
    const key = `${se.offset}:${e.index}`;
    const cached = this.compressedCache.get(key);
    if (cached) return cached;
    this.countObject();
    const issues: string[] = [];
    const value = valueInObjectStream(os, e.index, this.budget, issues);
    for (const issue of issues) this.note(issue);
    const obj: IndirectObject = {
      num: e.num,
      gen: 0,
      value,
      start: os.start,
      end: os.end,
      compressedIn: { streamNum: e.streamNum, index: e.index },
      issues,
    };
    this.compressedCache.set(key, obj);
    return obj;
  }

  /** An indirect /Length, resolved in revision r; undefined on a cycle or a non-integer. */
  private lengthOf(ref: PdfRef, r: number): number | undefined {
    if (this.lengthInProgress.has(ref.num)) return undefined;
    this.lengthInProgress.add(ref.num);
    try {
      const obj = this.getObject(ref.num, r);
      const v = obj && obj.gen === ref.gen ? obj.value : undefined;
      return v?.kind === 'number' && v.isInteger && v.value >= 0 ? v.value : undefined;
    } finally {
      this.lengthInProgress.delete(ref.num);
    }
  }
}

const EOF_MARKER = [0x25, 0x25, 0x45, 0x4f, 0x46]; // %%EOF

function afterEofMarker(bytes: Uint8Array, offset: number): boolean {
  if (offset < EOF_MARKER.length) return false;
  return EOF_MARKER.every((b, i) => bytes[offset - EOF_MARKER.length + i] === b);
}
