/**
 * Verification off the calling thread, interruptible: parsing and checking an untrusted PDF runs in a dedicated
 * Worker, and a job that passes its time limit gets its worker terminated (synchronous parser work cannot be
 * interrupted any other way) and replaced. Used by the background's verifier host (offscreen document in
 * Chrome, the event page in Firefox) and by extension pages, whose main thread stays responsive.
 */
import browser from 'webextension-polyfill';
import type { VerificationReport } from '../../core/verify/report.js';
import type { VerifyMeta, VerifyOutcome } from './verify.js';
import type { FetchErrorKind } from '../shared/messages.js';

/** A job stopped by its caller (`signal`): its worker was terminated, the job may be run again later. */
export class JobStoppedError extends Error {
  constructor() {
    super('stopped to make room for other work');
    this.name = 'JobStoppedError';
  }
}

export class VerifyTimeoutError extends Error {
  constructor(ms: number) {
    super(`verification took longer than ${ms} ms`);
    this.name = 'VerifyTimeoutError';
  }
}

/**
 * Worker ⇄ pool messages. A local file goes as its Blob: the worker reads it, the page never holds its bytes. A
 * portal attachment goes as the URL to fetch (`fetch`): the worker downloads it itself, so reading 50 bodies is
 * spread over the workers instead of queueing on the one thread that hosts them, and the bytes never cross a thread.
 */
export type WorkerRequest = { id: number; bytes: Uint8Array | Blob; meta: VerifyMeta; stop?: StopFlag };
export type WorkerReply = { id: number; ok: true; report: VerificationReport; cached: boolean } | { id: number; ok: false; error: string };
/** Only the extension's own worker takes these (the web app's worker answers WorkerRequest alone). */
export type FetchRequest = { id: number; fetch: { url: string; credentials: boolean }; meta: VerifyMeta; stop?: StopFlag };
/**
 * Shared memory the pool sets to 1 to stop a job: the worker's parser reads it while it runs. Only where shared
 * memory exists (an extension page made cross-origin isolated by the manifest's COOP/COEP); elsewhere stopping is
 * terminating alone.
 */
export type StopFlag = Int32Array;

function newStopFlag(): StopFlag | undefined {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  return isolated && typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
}
export type FetchReply =
  /** The download is over: verification starts now, and with it the time limit. */
  | { id: number; fetched: true }
  | { id: number; ok: false; fetchError: FetchFailure };

/** A download that did not give the bytes (the worker's fetchAttachment said why). */
export type FetchFailure = { kind: FetchErrorKind; status?: number };

export interface PoolOptions {
  size: number;
  /** Verification time limit; past it the worker is terminated. */
  timeoutMs: number;
  /** For fetchAndVerify: how long the download may take before the worker is given up on. */
  fetchMs?: number;
  spawn: () => Worker;
}

interface Slot {
  worker: Worker;
  busy: boolean;
  /** Its worker was terminated: the slot goes when released, and a fresh worker is started only when needed. */
  dead?: boolean;
}

export interface WorkerPool {
  /** `transfer`: hand the buffer to the worker instead of copying it (the caller no longer needs the bytes). */
  verify(bytes: Uint8Array | Blob, meta?: VerifyMeta, transfer?: boolean): Promise<VerifyOutcome>;
  /**
   * Fetch `url` in a worker and verify what came. The fetch is bounded by its own limits (fetchMs here is only the
   * backstop if the worker never says it is done); the verification by the pool's time limit, from the moment the
   * download is over.
   */
  fetchAndVerify(url: string, credentials: boolean, meta?: VerifyMeta, signal?: AbortSignal): Promise<VerifyOutcome | { fetchError: FetchFailure }>;
  /** Starts up to `n` workers now (each loads its script and trust lists), so the first jobs do not wait for that. */
  warm(n: number): void;
}

export function createWorkerPool(opts: PoolOptions): WorkerPool {
  const slots: Slot[] = [];
  const waiting: ((s: Slot) => void)[] = [];
  let nextId = 1;

  const acquire = (): Promise<Slot> => {
    const idle = slots.find((s) => !s.busy);
    if (idle) {
      idle.busy = true;
      return Promise.resolve(idle);
    }
    if (slots.length < opts.size) {
      const s: Slot = { worker: opts.spawn(), busy: true };
      slots.push(s);
      return Promise.resolve(s);
    }
    return new Promise((r) => waiting.push(r));
  };
  const release = (s: Slot) => {
    const next = waiting.shift();
    if (s.dead) {
      slots.splice(slots.indexOf(s), 1);
      if (next) {
        const fresh: Slot = { worker: opts.spawn(), busy: true };
        slots.push(fresh);
        next(fresh);
      }
    } else if (next) next(s);
    else s.busy = false;
  };
  /**
   * A stuck or stopped worker is killed. Its replacement starts when a job needs it, not now: a stopped flood job's
   * replacement starting at once took CPU from the very tab it was stopped for. The job's stop flag goes up first:
   * Chromium lets a terminated worker that is running script go on for up to 2 s (a flood job kept a core busy
   * that long after its stop), while the flag ends the parse at once and termination then completes.
   */
  const replace = (s: Slot, stop: StopFlag | undefined) => {
    if (stop) Atomics.store(stop, 0, 1);
    s.worker.terminate();
    s.dead = true;
  };

  return {
    warm(n) {
      while (slots.length < Math.min(n, opts.size)) slots.push({ worker: opts.spawn(), busy: false });
    },
    verify(bytes, meta = {}, transfer = false) {
      // Copied unless the caller gives the bytes away: copying 30 MB is main-thread work.
      return run({ bytes, meta }, transfer && bytes instanceof Uint8Array ? [bytes.buffer] : [], false) as Promise<VerifyOutcome>;
    },
    fetchAndVerify(url, credentials, meta = {}, signal) {
      return run({ fetch: { url, credentials }, meta }, [], true, signal);
    },
  };

  async function run(request: DistributiveOmit<WorkerRequest | FetchRequest, 'id'>, transfer: Transferable[], fetching: boolean, signal?: AbortSignal): Promise<VerifyOutcome | { fetchError: FetchFailure }> {
    if (signal?.aborted) throw new JobStoppedError();
    const slot = await acquire();
    const id = nextId++;
    const stop = newStopFlag();
    try {
      return await new Promise<VerifyOutcome | { fetchError: FetchFailure }>((resolve, reject) => {
        const w = slot.worker;
        const expire = () => {
          cleanup();
          replace(slot, stop);
          reject(new VerifyTimeoutError(opts.timeoutMs));
        };
        let timer = setTimeout(expire, fetching ? (opts.fetchMs ?? DEFAULT_FETCH_BACKSTOP_MS) : opts.timeoutMs);
        const onMessage = (e: MessageEvent<WorkerReply | FetchReply>) => {
          const m = e.data;
          if (m?.id !== id) return;
          if ('fetched' in m) {
            clearTimeout(timer);
            timer = setTimeout(expire, opts.timeoutMs);
            return;
          }
          cleanup();
          if (m.ok) resolve({ report: m.report, cached: m.cached });
          else if ('fetchError' in m) resolve({ fetchError: m.fetchError });
          else reject(new Error(m.error));
        };
        const onError = (e: ErrorEvent) => {
          cleanup();
          replace(slot, stop);
          reject(new Error(e.message || 'worker failed'));
        };
        // Synchronous work cannot be interrupted: stopping a job means terminating its worker (a fresh one takes the slot).
        const onStop = () => {
          cleanup();
          replace(slot, stop);
          reject(new JobStoppedError());
        };
        const cleanup = () => {
          clearTimeout(timer);
          w.removeEventListener('message', onMessage);
          w.removeEventListener('error', onError);
          signal?.removeEventListener('abort', onStop);
        };
        signal?.addEventListener('abort', onStop);
        w.addEventListener('message', onMessage);
        w.addEventListener('error', onError);
        w.postMessage({ ...request, id, ...(stop ? { stop } : {}) } as WorkerRequest | FetchRequest, transfer);
      });
    } finally {
      release(slot);
    }
  }
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** A worker's download has its own 30 s limit (fetch-attachment.ts); this only catches a worker that never answers. */
const DEFAULT_FETCH_BACKSTOP_MS = 40_000;

/** Where the build puts the worker (vite.config.ts lists it as an input of its own: one self-contained script). */
export const VERIFY_WORKER_PATH = 'extension/services/verify-worker.js';

/** The verification worker of this build, by its extension URL (works from pages, offscreen and event page). */
export function spawnVerifyWorker(): Worker {
  return new Worker(browser.runtime.getURL(VERIFY_WORKER_PATH));
}

/** A job past this has its worker terminated: core's own 10 s limit cannot interrupt synchronous parsing. */
export const VERIFY_HARD_LIMIT_MS = 12_000;

let pagePool: WorkerPool | undefined;

/**
 * Verification for extension pages (verify page, popup, report): in a Worker, so a 30 MB file never freezes
 * the page, and stopped at the hard limit. Give a local file as its File: reading and hashing it happen in the
 * worker, and the page's main thread never touches the 30 MB.
 */
export function verifyInWorker(bytes: Uint8Array | Blob, meta: VerifyMeta = {}, transfer = false): Promise<VerifyOutcome> {
  return pageWorkers().verify(bytes, meta, transfer);
}

/** Starts the page's worker before the first file (script loaded, trust read): choosing a file then only posts it. */
export function warmPageWorker(): void {
  pageWorkers().warm(1);
}

function pageWorkers(): WorkerPool {
  pagePool ??= createWorkerPool({ size: 1, timeoutMs: VERIFY_HARD_LIMIT_MS, spawn: spawnVerifyWorker });
  return pagePool;
}
