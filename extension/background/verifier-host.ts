/**
 * The side of attachment checking that needs a document: fetch the attachment, then verify it in a Worker that
 * is terminated at the time limit. Runs in Chrome's offscreen document (a service worker cannot start Workers)
 * and directly in Firefox's event page. The background has already decided that the URL may be fetched (exact
 * origin, host permission) and with which credentials; a job says exactly that and nothing more.
 *
 * Workers are warmed before the first job and shared fairly between tabs (every core for one tab, as many
 * workers again for the others).
 */
import { getSetting } from '../../core/store/settings.js';
import { database } from '../services/db.js';
import { createWorkerPool, spawnVerifyWorker, VERIFY_HARD_LIMIT_MS, VerifyTimeoutError, type WorkerPool } from '../services/worker-pool.js';
import type { BadgeResult } from '../shared/messages.js';
import { createYieldingQueue, type YieldingQueue } from './yield-slow.js';
import { CORES, VERIFY_WORKERS, VERIFYING_PER_TAB } from './parallelism.js';
import { verifyAttachment } from './verify-attachment.js';

export interface CheckJob {
  type: 'offscreenCheck';
  url: string;
  credentials: boolean;
  /** Whose check it is, for the fair share of workers (a tab id, or "pages"). */
  tab: string;
}

export function parseCheckJob(msg: unknown): CheckJob | undefined {
  const m = msg as Record<string, unknown> | null;
  if (typeof m !== 'object' || m === null || Object.keys(m).sort().join(',') !== 'credentials,tab,type,url') return undefined;
  return m.type === 'offscreenCheck' && typeof m.url === 'string' && m.url.length <= 4096 && typeof m.credentials === 'boolean' && typeof m.tab === 'string' && m.tab.length <= 32
    ? { type: 'offscreenCheck', url: m.url, credentials: m.credentials, tab: m.tab }
    : undefined;
}

let pool: WorkerPool | undefined;
let share: YieldingQueue | undefined;

function workers(): { pool: WorkerPool; share: YieldingQueue } {
  pool ??= createWorkerPool({ size: VERIFY_WORKERS, timeoutMs: VERIFY_HARD_LIMIT_MS, spawn: spawnVerifyWorker });
  // The background bounds what waits per tab; here who gets the next free worker, and long jobs yield (yield-slow.ts).
  const started = pool;
  share ??= createYieldingQueue({ concurrency: VERIFY_WORKERS, perTab: VERIFYING_PER_TAB, onSlow: () => started.warm(VERIFY_WORKERS) });
  return { pool, share };
}

/** Workers for every core started (script loaded, database open, trust lists read) before the first job. */
export function warmWorkers(): Promise<void> {
  workers().pool.warm(CORES);
  return Promise.resolve();
}

export function checkAttachment(job: CheckJob): Promise<BadgeResult> {
  const w = workers();
  return verifyAttachment(job.url, {
    hasPermission: async () => true, // checked by the background, which has the permissions API
    // The worker fetches and verifies; the bytes are not kept: 50 attachments would write 50 MB to the cache per
    // page. "Tải bản đã kiểm tra" fetches again and saves only bytes with the verified SHA-256. With the credentials
    // decision, so the report's re-fetch of these bytes sends cookies exactly when this one did.
    check: (url, meta) => w.share.run(job.tab, (signal) => w.pool.fetchAndVerify(url, job.credentials, { ...meta, credentials: job.credentials, answerBeforeStored: true }, signal)),
    language: async () => getSetting(await database(), 'language'),
  }).then((r) => r, (e: unknown): BadgeResult => ({ verdict: 'error', fetchError: { kind: e instanceof VerifyTimeoutError ? 'VERIFY_TIMEOUT' : 'INTERNAL' } }));
}
