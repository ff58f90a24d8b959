/**
 * The side of attachment checking that needs a document: fetch the attachment, then verify it in a Worker that
 * is terminated at the time limit. Runs in Chrome's offscreen document (a service worker cannot start Workers)
 * and directly in Firefox's event page. The background has already decided that the URL may be fetched (exact
 * origin, host permission) and with which credentials; a job says exactly that and nothing more.
 */
import { getSetting } from '../../core/store/settings.js';
import { database } from '../services/db.js';
import { DEFAULT_FETCH_LIMITS, fetchAttachment } from '../services/fetch-attachment.js';
import { createWorkerPool, spawnVerifyWorker, VERIFY_HARD_LIMIT_MS, VerifyTimeoutError, type WorkerPool } from '../services/worker-pool.js';
import type { BadgeResult } from '../shared/messages.js';
import { verifyAttachment } from './verify-attachment.js';

export interface CheckJob {
  type: 'offscreenCheck';
  url: string;
  credentials: boolean;
}

export function parseCheckJob(msg: unknown): CheckJob | undefined {
  const m = msg as Record<string, unknown> | null;
  if (typeof m !== 'object' || m === null || Object.keys(m).sort().join(',') !== 'credentials,type,url') return undefined;
  return m.type === 'offscreenCheck' && typeof m.url === 'string' && m.url.length <= 4096 && typeof m.credentials === 'boolean'
    ? { type: 'offscreenCheck', url: m.url, credentials: m.credentials }
    : undefined;
}

/** As many workers as the background runs checks at once (fair-queue concurrency), so no tab waits on a worker. */
export const VERIFY_WORKERS = 4;

let pool: WorkerPool | undefined;

export function checkAttachment(job: CheckJob): Promise<BadgeResult> {
  pool ??= createWorkerPool({ size: VERIFY_WORKERS, timeoutMs: VERIFY_HARD_LIMIT_MS, spawn: spawnVerifyWorker });
  const workers = pool;
  return verifyAttachment(job.url, {
    hasPermission: async () => true, // checked by the background, which has the permissions API
    fetch: (url) => fetchAttachment(url, { ...DEFAULT_FETCH_LIMITS, credentials: job.credentials }),
    // The bytes go to the worker (transferred, not copied) and are not kept: 50 attachments would write 50 MB to
    // the cache per page. "Tải bản đã kiểm tra" fetches again and saves only bytes with the verified SHA-256.
    verify: (bytes, meta) => workers.verify(bytes, meta, true),
    language: async () => getSetting(await database(), 'language'),
  }).then((r) => r, (e: unknown): BadgeResult => ({ verdict: 'error', fetchError: { kind: e instanceof VerifyTimeoutError ? 'VERIFY_TIMEOUT' : 'INTERNAL' } }));
}
