/**
 * Byte-level PDF surgery for the attack corpus, written independently of core/ (regexes over Latin-1 text and
 * classic xref tables) so the corpus does not trust the code it checks. Only what the corpus needs: read the
 * xref chain of a file with classic tables, read objects, append hand-made incremental updates (with or without
 * xref, with pointer-only xref entries, with any generation), and find and rewrite signature dictionaries.
 */

export const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
export const txt = (b: Uint8Array, start = 0, end = b.length): string => Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('latin1');

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Offsets just after each `%%EOF` (plus its end-of-line), i.e. where each revision ends. */
export function revisionEnds(pdf: Uint8Array): number[] {
  const s = txt(pdf);
  const out: number[] = [];
  for (const m of s.matchAll(/%%EOF(\r\n|\r|\n)?/g)) out.push(m.index + m[0].length);
  return out;
}

/** The number after the last `startxref`. */
export function lastStartxref(pdf: Uint8Array): number {
  const s = txt(pdf, Math.max(0, pdf.length - 4096));
  const all = [...s.matchAll(/startxref\s+(\d+)/g)];
  if (!all.length) throw new Error('no startxref');
  return Number(all[all.length - 1][1]);
}

export interface XrefEntry {
  offset: number;
  gen: number;
}

/** Newest xref entry of every object, following /Prev through classic xref tables. */
export function xrefTable(pdf: Uint8Array): Map<number, XrefEntry> {
  const out = new Map<number, XrefEntry>();
  const seen = new Set<number>();
  let at: number | undefined = lastStartxref(pdf);
  while (at !== undefined && !seen.has(at)) {
    seen.add(at);
    const s = txt(pdf, at, Math.min(pdf.length, at + (1 << 20)));
    if (!s.startsWith('xref')) throw new Error(`no classic xref table at ${at}`);
    const trailerAt = s.indexOf('trailer');
    const lines = s.slice(4, trailerAt).split(/\r\n|\r|\n/).map((l) => l.trim()).filter(Boolean);
    let num = 0;
    for (const line of lines) {
      const head = /^(\d+) (\d+)$/.exec(line);
      if (head) {
        num = Number(head[1]);
        continue;
      }
      const e = /^(\d{10}) (\d{5}) ([nf])$/.exec(line);
      if (!e) throw new Error(`bad xref line ${JSON.stringify(line)}`);
      if (!out.has(num) && e[3] === 'n') out.set(num, { offset: Number(e[1]), gen: Number(e[2]) });
      num++;
    }
    const prev = /\/Prev\s+(\d+)/.exec(s.slice(trailerAt, s.indexOf('startxref', trailerAt)));
    at = prev ? Number(prev[1]) : undefined;
  }
  return out;
}

export interface TrailerInfo {
  size: number;
  root: string;
  info?: string;
  /** Serialised /ID array, e.g. "[<..> <..>]". */
  id?: string;
  startxref: number;
}

/** The newest trailer dictionary (classic tables). */
export function lastTrailer(pdf: Uint8Array): TrailerInfo {
  const startxref = lastStartxref(pdf);
  const s = txt(pdf, startxref);
  const t = s.slice(s.indexOf('trailer'), s.indexOf('startxref'));
  const size = /\/Size\s+(\d+)/.exec(t);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(t);
  const info = /\/Info\s+(\d+\s+\d+\s+R)/.exec(t);
  const id = idArray(t);
  if (!size || !root) throw new Error('trailer without /Size or /Root');
  return { size: Number(size[1]), root: root[1], info: info?.[1], id, startxref };
}

/** The trailer's /ID array text; its literal strings may hold any byte, ']' and escaped parentheses included (pdfsig). */
function idArray(t: string): string | undefined {
  const at = /\/ID\s*\[/.exec(t);
  if (!at) return undefined;
  const start = at.index + at[0].length - 1;
  let depth = 0;
  for (let i = start + 1; i < t.length; i++) {
    const ch = t[i];
    if (depth > 0) {
      if (ch === '\\') i++;
      else if (ch === '(') depth++;
      else if (ch === ')') depth--;
    } else if (ch === '(') depth = 1;
    else if (ch === ']') return t.slice(start, i + 1);
  }
  return undefined;
}

export interface ObjectAt {
  num: number;
  gen: number;
  /** Offset of `N G obj`. */
  offset: number;
  /** Offset just after `endobj`. */
  end: number;
  /** Text between `obj` and `endobj`, trimmed (for streams: dictionary, stream keyword, data, endstream). */
  body: string;
}

/** The current definition of object `num` (through the xref chain). */
export function getObject(pdf: Uint8Array, num: number): ObjectAt {
  const e = xrefTable(pdf).get(num);
  if (!e) throw new Error(`object ${num} not in xref`);
  return objectAtOffset(pdf, e.offset);
}

export function objectAtOffset(pdf: Uint8Array, offset: number): ObjectAt {
  const head = /^(\d+)\s+(\d+)\s+obj/.exec(txt(pdf, offset, Math.min(pdf.length, offset + 40)));
  if (!head) throw new Error(`no object at ${offset}`);
  const rest = txt(pdf, offset);
  const endAt = rest.indexOf('endobj');
  return {
    num: Number(head[1]),
    gen: Number(head[2]),
    offset,
    end: offset + endAt + 'endobj'.length,
    body: rest.slice(head[0].length, endAt).trim(),
  };
}

/** Dictionary text of a non-stream object. */
export const dictOf = (pdf: Uint8Array, num: number): string => getObject(pdf, num).body;

export function refOf(dict: string, key: string): number {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
  if (!m) throw new Error(`no /${key} reference in ${dict.slice(0, 200)}`);
  return Number(m[1]);
}

export function refsIn(text: string): number[] {
  return [...text.matchAll(/(\d+)\s+0\s+R/g)].map((m) => Number(m[1]));
}

export function catalogNum(pdf: Uint8Array): number {
  return Number(/^(\d+)/.exec(lastTrailer(pdf).root)![1]);
}

/** Page object numbers in order (a flat /Pages tree, as pdf-lib writes it). */
export function pages(pdf: Uint8Array): number[] {
  const catalog = dictOf(pdf, catalogNum(pdf));
  const tree = dictOf(pdf, refOf(catalog, 'Pages'));
  const kids = /\/Kids\s*\[([^\]]*)\]/.exec(tree);
  if (!kids) throw new Error('pages tree without /Kids');
  return refsIn(kids[1]);
}

/** First content stream of a page (`/Contents [ N 0 R ]` or `/Contents N 0 R`). */
export function pageContents(pdf: Uint8Array, page: number): number {
  const m = /\/Contents\s*\[?\s*(\d+)\s+0\s+R/.exec(dictOf(pdf, page));
  if (!m) throw new Error(`page ${page} has no /Contents`);
  return Number(m[1]);
}

/** A stream object body: dictionary entries (without << >>), the data, /Length computed. */
export function streamBody(dictEntries: string, data: string | Uint8Array): Uint8Array {
  const bytes = typeof data === 'string' ? enc(data) : data;
  return concat(enc(`<< ${dictEntries} /Length ${bytes.length} >>\nstream\n`), bytes, enc('\nendstream'));
}

export interface NewObject {
  num: number;
  gen?: number;
  /** What goes between `N G obj` and `endobj`. */
  body: string | Uint8Array;
  /** Written to the file but left out of this update's xref section (a hidden "shadow" body). */
  unlisted?: boolean;
}

export interface UpdateOptions {
  /** Xref entries without a body in this update: the object number now lives at `offset`. */
  pointers?: { num: number; gen?: number; offset: number }[];
  /** false: append the object bodies only, no xref, trailer, startxref or %%EOF. */
  xref?: boolean;
  /** Overrides of the trailer (defaults: the previous trailer's /Root, /Info, /ID; /Size grown as needed). */
  root?: string;
  size?: number;
}

export interface Update {
  bytes: Uint8Array;
  /** Offset of each written object (`N G obj`). */
  offsets: Map<number, number>;
}

/** Appends one incremental update in classic xref table form. */
export function appendUpdate(base: Uint8Array, objects: NewObject[], opts: UpdateOptions = {}): Update {
  const prev = lastTrailer(base);
  const parts: Uint8Array[] = [base];
  let at = base.length;
  const push = (b: Uint8Array) => {
    parts.push(b);
    at += b.length;
  };
  const last = base[base.length - 1];
  if (last !== 0x0a && last !== 0x0d) push(enc('\n'));
  const offsets = new Map<number, number>();
  const entries: { num: number; gen: number; offset: number }[] = [];
  for (const o of objects) {
    offsets.set(o.num, at);
    if (!o.unlisted) entries.push({ num: o.num, gen: o.gen ?? 0, offset: at });
    push(enc(`${o.num} ${o.gen ?? 0} obj\n`));
    push(typeof o.body === 'string' ? enc(o.body) : o.body);
    push(enc('\nendobj\n'));
  }
  if (opts.xref === false) return { bytes: concat(...parts), offsets };
  for (const p of opts.pointers ?? []) entries.push({ num: p.num, gen: p.gen ?? 0, offset: p.offset });
  entries.sort((a, b) => a.num - b.num);
  const xrefAt = at;
  let s = 'xref\n';
  for (let i = 0; i < entries.length; ) {
    let j = i;
    while (j + 1 < entries.length && entries[j + 1].num === entries[j].num + 1) j++;
    s += `${entries[i].num} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) s += `${String(entries[k].offset).padStart(10, '0')} ${String(entries[k].gen).padStart(5, '0')} n\r\n`;
    i = j + 1;
  }
  const size = opts.size ?? Math.max(prev.size, ...entries.map((e) => e.num + 1));
  s += `trailer\n<< /Size ${size} /Root ${opts.root ?? prev.root}`;
  if (prev.info) s += ` /Info ${prev.info}`;
  if (prev.id) s += ` /ID ${prev.id}`;
  s += ` /Prev ${prev.startxref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  push(enc(s));
  return { bytes: concat(...parts), offsets };
}

export interface SigDict {
  /** Object number of the signature dictionary. */
  num: number;
  offset: number;
  end: number;
  byteRange: [number, number, number, number];
  /** Offset of `/ByteRange` and just after its closing `]`. */
  byteRangeKeyAt: number;
  byteRangeEnd: number;
  /** Offset of `/Contents`, of its `<`, and just after its `>`. */
  contentsKeyAt: number;
  contentsLt: number;
  contentsEnd: number;
  /** The DER CMS (hex decoded, zero padding removed). */
  cms: Uint8Array;
}

/** Every signature dictionary in file order (found by `/ByteRange`, like a careless verifier would). */
export function sigDicts(pdf: Uint8Array): SigDict[] {
  const s = txt(pdf);
  const out: SigDict[] = [];
  for (const m of s.matchAll(/\/ByteRange\s*\[\s*(-?\d+)\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)\s*\]/g)) {
    const objStart = s.lastIndexOf(' obj', m.index);
    const head = /(\d+)\s+\d+\s*$/.exec(s.slice(Math.max(0, objStart - 20), objStart));
    const offset = s.lastIndexOf(head![0], objStart);
    const end = s.indexOf('endobj', m.index) + 6;
    const contentsKeyAt = s.indexOf('/Contents', offset);
    const contentsLt = s.indexOf('<', contentsKeyAt);
    const contentsEnd = s.indexOf('>', contentsLt) + 1;
    const hex = s.slice(contentsLt + 1, contentsEnd - 1);
    out.push({
      num: Number(head![1]),
      offset,
      end,
      byteRange: [1, 2, 3, 4].map((i) => Number(m[i])) as SigDict['byteRange'],
      byteRangeKeyAt: m.index,
      byteRangeEnd: m.index + m[0].length,
      contentsKeyAt,
      contentsLt,
      contentsEnd,
      cms: derPrefix(new Uint8Array(Buffer.from(hex, 'hex'))),
    });
  }
  return out;
}

/** The DER element at the start of `b` (drops the zero padding after a CMS). */
export function derPrefix(b: Uint8Array): Uint8Array {
  if (b.length < 2 || b[0] !== 0x30) return b;
  const l = b[1];
  if (l < 0x80) return b.subarray(0, 2 + l);
  const n = l & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[2 + i];
  return b.subarray(0, Math.min(b.length, 2 + n + len));
}

/** Overwrites [start, end) with `text` padded with spaces to the same length (offsets stay valid). */
export function overwrite(pdf: Uint8Array, start: number, end: number, text: string): Uint8Array {
  if (text.length > end - start) throw new Error(`replacement longer than ${end - start}: ${text.slice(0, 60)}`);
  const out = pdf.slice();
  out.set(enc(text.padEnd(end - start, ' ')), start);
  return out;
}

/** Rewrites a signature's /ByteRange array in place (same width, space padded inside the brackets). */
export function setByteRange(pdf: Uint8Array, sig: SigDict, values: readonly (number | string)[]): Uint8Array {
  const width = sig.byteRangeEnd - sig.byteRangeKeyAt;
  const inner = `/ByteRange [${values.join(' ')}`;
  if (inner.length + 1 > width) throw new Error('ByteRange does not fit');
  return overwrite(pdf, sig.byteRangeKeyAt, sig.byteRangeEnd, `${inner.padEnd(width - 1, ' ')}]`);
}

export function flipByte(pdf: Uint8Array, at: number, mask = 0x01): Uint8Array {
  const out = pdf.slice();
  out[at] ^= mask;
  return out;
}

/** Offset of the first byte of a stream's data inside the object at `obj`. */
export function streamDataAt(pdf: Uint8Array, obj: ObjectAt): { start: number; end: number } {
  const s = txt(pdf, obj.offset, obj.end);
  const k = /stream\r?\n/.exec(s);
  if (!k) throw new Error(`object ${obj.num} is not a stream`);
  const start = obj.offset + k.index + k[0].length;
  return { start, end: obj.offset + s.lastIndexOf('endstream') };
}

export const hexOf = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

// ------------------------------------------------------------------ minimal DER surgery on a CMS ContentInfo

interface Tlv {
  tag: number;
  header: number;
  start: number;
  end: number;
}

function readTlv(b: Uint8Array, at: number): Tlv {
  const tag = b[at];
  let len = b[at + 1];
  let header = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[at + 2 + i];
    header = 2 + n;
  }
  return { tag, header, start: at, end: at + header + len };
}

function children(b: Uint8Array, t: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = t.start + t.header; at < t.end; ) {
    const c = readTlv(b, at);
    out.push(c);
    at = c.end;
  }
  return out;
}

function tlv(tag: number, content: Uint8Array): Uint8Array {
  const n = content.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 255] : [0x83, n >> 16, (n >> 8) & 255, n & 255];
  return concat(Uint8Array.of(tag, ...len), content);
}

/**
 * The same CMS with only the first certificate in SignedData.certificates (the signer's): the certificate set is
 * not covered by the signature, so an attacker may shrink it to make room in the /Contents placeholder.
 */
export function cmsWithOnlyFirstCertificate(cms: Uint8Array): Uint8Array {
  const outer = readTlv(cms, 0);
  const [oid, explicit] = children(cms, outer);
  const sd = children(cms, explicit)[0];
  const parts = children(cms, sd).map((c) => {
    if (c.tag !== 0xa0) return cms.subarray(c.start, c.end);
    const first = children(cms, c)[0];
    return tlv(0xa0, cms.subarray(first.start, first.end));
  });
  return tlv(0x30, concat(cms.subarray(oid.start, oid.end), tlv(0xa0, tlv(0x30, concat(...parts)))));
}
