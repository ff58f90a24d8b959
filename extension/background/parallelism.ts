/**
 * How much attachment checking runs at once, from the machine's core count (the same number in the service
 * worker, the offscreen document and Firefox's event page). Verification is CPU-bound: one tab may keep every
 * core busy, and as many workers again are there for other tabs, so a tab flooded with crafted PDFs (each
 * running to the time limit) holds at most half the machine while another tab's badges are checked.
 * A tab has one check in progress (fetch + verify) more than it may verify: while its workers verify, its next
 * file is being fetched, so a worker never sits idle through a download (50 badges of 1 MB: each check was a
 * fetch, then a verification, on the same slot). Not more than one: the verifier's own fair share still gives a
 * tab at most VERIFYING_PER_TAB workers, but with two or more fetched ahead (CORES + 2) a flooding tab's crafted
 * files went through faster and the other tab's badges were not done before the flood
 * (tests/e2e/attack-flood.test.ts failed under heavy load).
 */
const reported = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined;

/** Cores used for verification (at least 1, at most 8: beyond that, memory for the bytes in flight matters more). */
export const CORES = Math.max(1, Math.min(8, Number.isInteger(reported) && (reported as number) > 0 ? (reported as number) : 2));

/** Verifications one tab may run at once: every core. */
export const VERIFYING_PER_TAB = CORES;

/** Verification workers (started when needed): one tab's share, and the same again for the other tabs. */
export const VERIFY_WORKERS = 2 * CORES;

/** Checks (fetch + verify) in progress for one tab (its verifications and one fetch ahead), and across all tabs. */
export const CHECKS_PER_TAB = VERIFYING_PER_TAB + 1;
export const CHECKS_AT_ONCE = 2 * CHECKS_PER_TAB;
