/**
 * How much attachment checking runs at once, from the machine's core count (the same number in the service
 * worker, the offscreen document and Firefox's event page). Verification is CPU-bound: one tab may keep every
 * core busy, and one more worker stays in reserve so another tab never waits behind a flood of crafted PDFs.
 * Fetching is I/O: a tab has twice its verifying share in progress, so a fetch always overlaps a verification.
 */
const reported = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined;

/** Cores used for verification (at least 1, at most 8: beyond that, memory for the bytes in flight matters more). */
export const CORES = Math.max(1, Math.min(8, Number.isInteger(reported) && (reported as number) > 0 ? (reported as number) : 2));

/** Verifications one tab may run at once: every core. */
export const VERIFYING_PER_TAB = CORES;

/** Verification workers: one per core, plus one kept for the other tabs. */
export const VERIFY_WORKERS = CORES + 1;

/** Checks (fetch + verify) in progress for one tab, and across all tabs (room left for two other tabs). */
export const CHECKS_PER_TAB = 2 * CORES;
export const CHECKS_AT_ONCE = 2 * CORES + 2;
