/**
 * Mutation engine for fuzzing the verifier (used by tests/verify/fuzz.test.ts and scripts/fuzz.ts).
 *
 * Every mutation of a signed copy records its edits in the ORIGINAL file's coordinates, so we know whether it
 * touched a signed byte: a changed byte inside a ByteRange, or an insertion/deletion before the end of a
 * signature's coverage (which shifts its second range). A verifier that still says `valid` for such a file has
 * been fooled — unless the result is exactly the original cut at the end of a signature's coverage (an earlier,
 * genuinely signed revision).
 */
import type { VerificationReport, Verdict } from '../../core/verify/report.js';
import { makeCopy } from '../corpus/copies.js';
import { equalBytes, revisionEnds, sigDicts, txt } from '../corpus/pdf-bytes.js';
import { demoSigners } from '../corpus/pki.js';

export interface SignedSpan {
  /** Signed ranges [start, end) from the ByteRange. */
  ranges: [number, number][];
  /** End of the signature's coverage (c + d). */
  end: number;
}

export interface FuzzSeed {
  name: string;
  bytes: Uint8Array;
  trustAnchors: Uint8Array[];
  sigs: SignedSpan[];
  revisionEnds: number[];
}

export function seedOf(name: string, bytes: Uint8Array, trustAnchors: Uint8Array[]): FuzzSeed {
  const sigs = sigDicts(bytes).map(({ byteRange: [a, b, c, d] }) => ({ ranges: [[a, a + b], [c, c + d]] as [number, number][], end: c + d }));
  if (!sigs.length) throw new Error(`${name} has no signature`);
  return { name, bytes, trustAnchors, sigs, revisionEnds: revisionEnds(bytes) };
}

/** Two different RSA copies (for splicing) and an ECDSA one, with their demo roots. */
export async function makeFuzzSeeds(): Promise<FuzzSeed[]> {
  const [rsa, ec] = await Promise.all([demoSigners('RSA-2048'), demoSigners('ECDSA-P256')]);
  const [a, b, c] = await Promise.all([
    makeCopy('rsa-a', rsa, { pages: 1 }),
    makeCopy('rsa-b', rsa, { pages: 2, fields: { certNo: '27', docName: 'Giấy khai sinh' } }),
    makeCopy('ecdsa', ec, { pages: 1, fields: { certNo: '31' } }),
  ]);
  return [seedOf('rsa-a', a.final, [rsa.root]), seedOf('rsa-b', b.final, [rsa.root]), seedOf('ecdsa', c.final, [ec.root])];
}

/** mulberry32: small, fast, good enough for fuzzing, and reproducible from one 32-bit seed. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Edit = { kind: 'mod'; at: number } | { kind: 'ins'; at: number } | { kind: 'del'; from: number; to: number };

export const MUTATION_KINDS = [
  'flip',
  'flip-signed',
  'insert',
  'insert-token',
  'delete',
  'truncate',
  'duplicate',
  'splice',
  'byterange-digit',
  'xref-digit',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface Mutation {
  seed: string;
  kind: MutationKind;
  detail: string;
  bytes: Uint8Array;
  /** A byte inside a signed range changed (or moved), per the edits made. */
  touchesSigned: boolean;
  /** The result is the seed cut exactly at the end of one signature's coverage: `valid` is right for it. */
  earlierRevision: boolean;
}

const TOKENS = ['\n', ' ', '0', '%', '%%EOF\n', 'endobj\n', 'endstream', 'stream\n', 'xref\n0 1\n', 'trailer', 'startxref\n0\n', '<<', '>>', '[', ']', '(', ')', '<', '>', '/', ' 0 R', '1 0 obj\n', '/ByteRange [0 1 2 3]', '/Contents <00>', '\\', '9999999999'];

function hits(s: SignedSpan, e: Edit): boolean {
  switch (e.kind) {
    case 'mod':
      return s.ranges.some(([x, y]) => e.at >= x && e.at < y);
    case 'ins':
      return e.at < s.end;
    case 'del':
      return e.from < s.end && e.to > e.from;
  }
}

function insertAt(b: Uint8Array, at: number, ins: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length + ins.length);
  out.set(b.subarray(0, at), 0);
  out.set(ins, at);
  out.set(b.subarray(at), at + ins.length);
  return out;
}

function deleteRange(b: Uint8Array, from: number, to: number): Uint8Array {
  const out = new Uint8Array(b.length - (to - from));
  out.set(b.subarray(0, from), 0);
  out.set(b.subarray(to), from);
  return out;
}

/** Offsets of ASCII digits matched by `re`'s first group. */
function digitsIn(text: string, re: RegExp): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(re)) {
    const start = m.index + m[0].indexOf(m[1]);
    for (let i = 0; i < m[1].length; i++) if (/\d/.test(m[1][i])) out.push(start + i);
  }
  return out;
}

const digitCache = new WeakMap<Uint8Array, { byteRange: number[]; xref: number[] }>();

function digitPositions(seed: FuzzSeed): { byteRange: number[]; xref: number[] } {
  let d = digitCache.get(seed.bytes);
  if (!d) {
    const t = txt(seed.bytes);
    d = {
      byteRange: digitsIn(t, /\/ByteRange\s*(\[[^\]]*\])/g),
      xref: [
        ...digitsIn(t, /(\d{10} \d{5} [nf])/g),
        ...digitsIn(t, /startxref\s+(\d+)/g),
        ...digitsIn(t, /\/Prev\s+(\d+)/g),
        ...digitsIn(t, /\/Size\s+(\d+)/g),
        ...digitsIn(t, /\/Length\s+(\d+)/g),
        ...digitsIn(t, /\n(\d+ \d+)\r?\n\d{10}/g),
      ],
    };
    digitCache.set(seed.bytes, d);
  }
  return d;
}

/** One random mutation of a random seed. */
export function mutate(rand: () => number, seeds: readonly FuzzSeed[]): Mutation {
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const seed = pick(seeds);
  const src = seed.bytes;
  const kind = pick(MUTATION_KINDS);
  const edits: Edit[] = [];
  let bytes: Uint8Array;
  let detail: string;

  switch (kind) {
    case 'flip': {
      bytes = src.slice();
      const n = 1 + int(4);
      const at: number[] = [];
      for (let i = 0; i < n; i++) {
        const p = int(src.length);
        bytes[p] ^= 1 + int(255);
        at.push(p);
      }
      for (const p of at) if (bytes[p] !== src[p]) edits.push({ kind: 'mod', at: p });
      detail = `flip at ${at.join(',')}`;
      break;
    }
    case 'flip-signed': {
      const s = pick(seed.sigs);
      const [x, y] = pick(s.ranges);
      const p = x + int(Math.max(1, y - x));
      bytes = src.slice();
      bytes[p] ^= 1 << int(8);
      edits.push({ kind: 'mod', at: p });
      detail = `flip bit at ${p}`;
      break;
    }
    case 'insert':
    case 'insert-token': {
      const p = int(src.length + 1);
      const ins =
        kind === 'insert'
          ? Uint8Array.from({ length: 1 + int(16) }, () => int(256))
          : new Uint8Array(Buffer.from(pick(TOKENS), 'latin1'));
      bytes = insertAt(src, p, ins);
      edits.push({ kind: 'ins', at: p });
      detail = `insert ${ins.length} bytes at ${p}`;
      break;
    }
    case 'delete': {
      const from = int(src.length);
      const to = Math.min(src.length, from + 1 + int(rand() < 0.8 ? 8 : 512));
      bytes = deleteRange(src, from, to);
      edits.push({ kind: 'del', from, to });
      detail = `delete [${from}, ${to})`;
      break;
    }
    case 'truncate': {
      const ends = [...seed.revisionEnds, ...seed.sigs.map((s) => s.end)];
      const r = rand();
      const at = r < 0.3 ? pick(ends) : r < 0.45 ? Math.max(0, pick(ends) - 1 - int(40)) : int(src.length);
      bytes = src.slice(0, at);
      edits.push({ kind: 'del', from: at, to: src.length });
      detail = `truncate at ${at}`;
      break;
    }
    case 'duplicate': {
      const from = int(src.length);
      const to = Math.min(src.length, from + 1 + int(rand() < 0.5 ? 64 : 4096));
      const p = rand() < 0.3 ? src.length : int(src.length + 1);
      bytes = insertAt(src, p, src.slice(from, to));
      edits.push({ kind: 'ins', at: p });
      detail = `duplicate [${from}, ${to}) at ${p}`;
      break;
    }
    case 'splice': {
      const other = pick(seeds.filter((s) => s !== seed).length ? seeds.filter((s) => s !== seed) : seeds);
      const cutA = rand() < 0.7 ? pick(seed.revisionEnds.slice(0, -1).length ? seed.revisionEnds.slice(0, -1) : seed.revisionEnds) : int(src.length);
      const cutB = rand() < 0.7 ? pick(other.revisionEnds.slice(0, -1).length ? other.revisionEnds.slice(0, -1) : other.revisionEnds) : int(other.bytes.length);
      const tail = other.bytes.subarray(cutB);
      bytes = new Uint8Array(cutA + tail.length);
      bytes.set(src.subarray(0, cutA), 0);
      bytes.set(tail, cutA);
      edits.push({ kind: 'del', from: cutA, to: src.length }, { kind: 'ins', at: cutA });
      detail = `${seed.name}[0,${cutA}) + ${other.name}[${cutB},end)`;
      break;
    }
    case 'byterange-digit':
    case 'xref-digit': {
      const d = digitPositions(seed);
      const positions = kind === 'byterange-digit' ? d.byteRange : d.xref;
      const p = pick(positions);
      bytes = src.slice();
      let digit = 0x30 + int(10);
      if (digit === src[p]) digit = 0x30 + ((digit - 0x30 + 1) % 10);
      bytes[p] = digit;
      edits.push({ kind: 'mod', at: p });
      detail = `digit at ${p}: ${String.fromCharCode(src[p])} -> ${String.fromCharCode(digit)}`;
      break;
    }
  }

  const unchanged = equalBytes(bytes, src);
  const touchesSigned = !unchanged && edits.some((e) => seed.sigs.some((s) => hits(s, e)));
  const earlierRevision = seed.sigs.some((s) => bytes.length === s.end && equalBytes(bytes, src.subarray(0, s.end)));
  return { seed: seed.name, kind, detail, bytes, touchesSigned, earlierRevision };
}

export interface Finding {
  index: number;
  seed: string;
  kind: MutationKind;
  detail: string;
  millis: number;
  verdict?: Verdict;
  error?: string;
  bytes: Uint8Array;
}

export interface FuzzResult {
  count: number;
  seed: number;
  crashes: Finding[];
  hangs: Finding[];
  /** Mutations that touched a signed byte and were still reported valid. */
  failures: Finding[];
  verdicts: Record<string, number>;
  kinds: Record<string, number>;
  touched: number;
  millis: number;
  slowest: { index: number; millis: number; kind: string; detail: string };
}

export interface FuzzOptions {
  seeds: readonly FuzzSeed[];
  count: number;
  seed: number;
  verify: (bytes: Uint8Array, seed: FuzzSeed) => Promise<VerificationReport>;
  /** A verification longer than this is reported as a hang (default 1000 ms). */
  hangMillis?: number;
  /** Only run this mutation index (for reproducing a finding). */
  only?: number;
  /** Called before each verification (e.g. to feed a watchdog). */
  onStart?: (index: number, m: Mutation) => void;
  onDone?: (index: number) => void;
}

const VERDICTS = new Set(['valid', 'invalid', 'indeterminate', 'unsigned', 'error']);

export async function runFuzz(opts: FuzzOptions): Promise<FuzzResult> {
  const hangMillis = opts.hangMillis ?? 1000;
  const rand = prng(opts.seed);
  const result: FuzzResult = {
    count: 0,
    seed: opts.seed,
    crashes: [],
    hangs: [],
    failures: [],
    verdicts: {},
    kinds: {},
    touched: 0,
    millis: 0,
    slowest: { index: -1, millis: 0, kind: '', detail: '' },
  };
  const bySeed = new Map(opts.seeds.map((s) => [s.name, s]));
  const t0 = performance.now();
  for (let i = 0; i < opts.count; i++) {
    const m = mutate(rand, opts.seeds);
    if (opts.only !== undefined && i !== opts.only) continue;
    result.count++;
    result.kinds[m.kind] = (result.kinds[m.kind] ?? 0) + 1;
    if (m.touchesSigned) result.touched++;
    opts.onStart?.(i, m);
    const start = performance.now();
    let report: VerificationReport | undefined;
    let error: string | undefined;
    try {
      report = await opts.verify(m.bytes, bySeed.get(m.seed)!);
      if (!report || !VERDICTS.has(report.verdict)) error = `not a report: verdict ${JSON.stringify(report?.verdict)}`;
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e);
    }
    const millis = performance.now() - start;
    opts.onDone?.(i);
    const finding: Finding = { index: i, seed: m.seed, kind: m.kind, detail: m.detail, millis, verdict: report?.verdict, error, bytes: m.bytes };
    if (millis > result.slowest.millis) result.slowest = { index: i, millis, kind: m.kind, detail: m.detail };
    if (error) {
      result.crashes.push(finding);
      continue;
    }
    const verdict = report!.verdict;
    result.verdicts[verdict] = (result.verdicts[verdict] ?? 0) + 1;
    if (millis > hangMillis) result.hangs.push(finding);
    if (verdict === 'valid' && m.touchesSigned && !m.earlierRevision) result.failures.push(finding);
  }
  result.millis = performance.now() - t0;
  return result;
}

export function summaryLine(r: FuzzResult): string {
  const v = Object.entries(r.verdicts)
    .map(([k, n]) => `${k}=${n}`)
    .join(' ');
  return (
    `fuzz: ${r.count} mutations (seed ${r.seed}, ${r.touched} touching signed bytes) in ${(r.millis / 1000).toFixed(1)} s; ` +
    `crashes=${r.crashes.length} hangs=${r.hangs.length} failures=${r.failures.length}; verdicts ${v}; ` +
    `slowest ${r.slowest.millis.toFixed(0)} ms (#${r.slowest.index} ${r.slowest.kind})`
  );
}

export function describeFinding(f: Finding): string {
  return `#${f.index} ${f.seed} ${f.kind} (${f.detail}) ${f.millis.toFixed(0)} ms${f.verdict ? ` verdict=${f.verdict}` : ''}${f.error ? `\n  ${f.error.split('\n').slice(0, 6).join('\n  ')}` : ''}`;
}
