import { SaoyError } from '../../errors.js';

/**
 * Every bound the parser enforces. Hostile files must fail fast with PDF_LIMIT instead of exhausting
 * the stack, memory or time of a service worker.
 */
export interface ParseLimits {
  /** Largest accepted file, in bytes. */
  maxFileSize: number;
  /** Nesting of arrays and dictionaries. Kept small so recursion never nears the JS stack limit. */
  maxDepth: number;
  /** Decoded length of one string token, in bytes. */
  maxStringLength: number;
  /** Items in one array. */
  maxArrayLength: number;
  /** Entries in one dictionary. */
  maxDictEntries: number;
  /** Objects per object stream, parsed objects, and scanObjects hits. */
  maxObjects: number;
  /** Cross-reference entries over all sections together (each costs memory for the document's life). */
  maxXrefEntries: number;
  /** Cross-reference sections followed through /Prev and /XRefStm. */
  maxXrefSections: number;
  /** Decoded size of one stream. */
  maxStreamBytes: number;
  /** Decoded bytes over the whole document (xref streams, object streams, decodeStream calls). */
  maxTotalDecodedBytes: number;
  /** How far to look for `endstream` when /Length is wrong. */
  maxEndstreamSearch: number;
  /** Links followed when a reference points to another reference. */
  maxResolveDepth: number;
  /**
   * Work units for the document's lifetime (parse and later getObject/scan calls): one per token or xref
   * entry, one per 64 bytes scanned. Every parsed value costs at least one, so this also bounds memory.
   */
  maxSteps: number;
}

export const DEFAULT_LIMITS: Readonly<ParseLimits> = Object.freeze({
  maxFileSize: 100 * 1024 * 1024,
  maxDepth: 64,
  maxStringLength: 8 * 1024 * 1024,
  maxArrayLength: 500_000,
  maxDictEntries: 100_000,
  maxObjects: 1_000_000,
  maxXrefEntries: 1_000_000,
  maxXrefSections: 1000,
  maxStreamBytes: 64 * 1024 * 1024,
  maxTotalDecodedBytes: 256 * 1024 * 1024,
  maxEndstreamSearch: 100 * 1024 * 1024,
  maxResolveDepth: 32,
  maxSteps: 10_000_000,
});

export function resolveLimits(partial?: Partial<ParseLimits>): ParseLimits {
  const out: ParseLimits = { ...DEFAULT_LIMITS };
  if (partial) {
    for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ParseLimits)[]) {
      const v = partial[key];
      if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[key] = v;
    }
  }
  return out;
}

export function limitError(what: string, whatVi: string): SaoyError {
  return new SaoyError('PDF_LIMIT', `The PDF exceeds a safety limit: ${what}`, `Tệp PDF vượt quá giới hạn an toàn: ${whatVi}`);
}

/**
 * Called every INTERRUPT_EVERY work units while the parser runs; it throws to stop the parse. Parsing is synchronous
 * work that no timer or message can break into: this is how a time limit or a caller's "stop" reaches it.
 */
export type Interrupt = () => void;

/** About a millisecond of parsing: often enough to stop promptly, rare enough to cost nothing measurable. */
export const INTERRUPT_EVERY = 4096;

/** Shared work counter: every loop that depends on input size ticks it, so no input can make us spin. */
export class Budget {
  private steps = 0;
  private decoded = 0;
  private entries = 0;
  private nextInterrupt = INTERRUPT_EVERY;
  constructor(
    readonly limits: ParseLimits,
    private readonly interrupt?: Interrupt,
  ) {}

  tick(n = 1): void {
    this.steps += n;
    if (this.steps > this.limits.maxSteps) {
      throw limitError(`more than ${this.limits.maxSteps} parser steps`, `quá ${this.limits.maxSteps} bước phân tích`);
    }
    if (this.interrupt && this.steps >= this.nextInterrupt) {
      this.nextInterrupt = this.steps + INTERRUPT_EVERY;
      this.interrupt();
    }
  }

  /** Bulk byte scans (a tight loop, far cheaper than a token) cost one step per 64 bytes. */
  tickBytes(bytes: number): void {
    this.tick(Math.ceil(bytes / 64));
  }

  addXrefEntries(n: number): void {
    this.entries += n;
    if (this.entries > this.limits.maxXrefEntries) {
      throw limitError(`more than ${this.limits.maxXrefEntries} cross-reference entries`, `hơn ${this.limits.maxXrefEntries} mục tham chiếu chéo`);
    }
  }

  addDecoded(n: number): void {
    this.decoded += n;
    if (this.decoded > this.limits.maxTotalDecodedBytes) {
      throw limitError(
        `more than ${this.limits.maxTotalDecodedBytes} decoded stream bytes in total`,
        `tổng dữ liệu luồng giải nén vượt quá ${this.limits.maxTotalDecodedBytes} byte`,
      );
    }
  }

  get used(): number {
    return this.steps;
  }
}
