/**
 * How much attachment checking runs at once, from the machine's core count (the same number in the service
 * worker, the offscreen document and Firefox's event page). Verification is CPU-bound: one tab may keep every
 * core busy, and as many workers again are there for other tabs, so a tab flooded with crafted PDFs (each
 * running to the time limit) holds at most half the machine while another tab's badges are checked.
 * A check is one worker's download and verification of the file (services/verify-worker.ts). A tab has one check
 * in progress more than it may verify: the extra one already waits at the verifier host, so a worker that finishes
 * starts the tab's next file without a round trip through the background. Not more than one: with two or more
 * ahead (CORES + 2) a flooding tab's crafted files went through faster and the other tab's badges were not done
 * before the flood (tests/e2e/attack-flood.test.ts failed under heavy load). Twice the workers per tab (each
 * downloading while another verifies) was measured too: no faster on 2 cores (more workers warming up their JIT).
 */
const reported = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined;

/** Cores used for verification (at least 1, at most 8: beyond that, memory for the bytes in flight matters more). */
export const CORES = Math.max(1, Math.min(8, Number.isInteger(reported) && (reported as number) > 0 ? (reported as number) : 2));

/** Verifications one tab may run at once: every core. */
export const VERIFYING_PER_TAB = CORES;

/** Verification workers (started when needed): one tab's share, and the same again for the other tabs. */
export const VERIFY_WORKERS = 2 * CORES;

/** Checks in progress for one tab (its workers' and one waiting at the verifier host), and across all tabs. */
export const CHECKS_PER_TAB = VERIFYING_PER_TAB + 1;
export const CHECKS_AT_ONCE = 2 * CHECKS_PER_TAB;
