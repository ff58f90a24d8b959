/**
 * `saoy verify` over many files on every core: a node:worker_threads pool. Each worker loads this very module
 * (the bundle chunk it ends up in, via import.meta.url), reads and verifies the files it is handed one at a time,
 * and posts the report back; the caller receives reports in input order, as soon as each one's turn comes.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, threadId, Worker, workerData } from 'node:worker_threads';
import { verifyPdf } from '../core/verify/index.js';
import type { VerificationReport } from '../core/verify/report.js';
import type { VerifyOptions } from '../core/verify/options.js';
import type { TrustList } from '../core/pki/trust-lists.js';
import { CliError } from './fail.js';
import { readInputSync } from './files.js';
import { createNodeDigester } from './node-digester.js';
import { nodeRsaVerifier } from './node-verify.js';
import { usePlatformVerifier } from '../core/pki/verify-signature.js';
import { rememberAcrossFiles } from '../core/pki/bytes-memo.js';

// Every thread that verifies (this one and each worker, which loads this module too) checks RSA with node:crypto.
usePlatformVerifier(nodeRsaVerifier);
rememberAcrossFiles(true);

/** What every verification of one run shares (structured-cloned into each worker once). */
export interface VerifyRunOptions {
  trustAnchors: Uint8Array[];
  trustLists: TrustList[];
  intermediates: Uint8Array[];
  crls: Uint8Array[];
  ocspResponses: Uint8Array[];
  /** ISO time, or undefined for "now". */
  at?: string;
}

interface WorkerInit {
  saoyVerifyPool: true;
  options: VerifyRunOptions;
}
type Task = { i: number; file: string } | null;
type Done = { i: number; report: VerificationReport };

/** The core options of one file of a run. */
export function verifyOptionsOf(o: VerifyRunOptions, file: string): VerifyOptions {
  return { trustAnchors: o.trustAnchors, trustLists: o.trustLists, intermediates: o.intermediates, crls: o.crls, ocspResponses: o.ocspResponses, at: o.at ? new Date(o.at) : undefined, fileName: file };
}

type Verifier = (data: Uint8Array, file: string) => Promise<VerificationReport>;

/** Reads and verifies one file (offline unless `verify` says otherwise); unreadable input becomes an `error` report, never an exception. */
export async function verifyFile(file: string, o: VerifyRunOptions, bytes?: Promise<Uint8Array>, verify?: Verifier): Promise<VerificationReport> {
  try {
    const data = bytes ? await bytes : readInputSync(file, 'file');
    if (verify) return await verify(data, file);
    return await verifyPdf(data, verifyOptionsOf(o, file), { createDigester: createNodeDigester });
  } catch (e) {
    const message = e instanceof CliError ? e.message : `${file}: verification failed (${e instanceof Error ? e.message : String(e)})`;
    return { file, size: 0, sha256: '', verdict: 'error', signatures: [], checkedAt: new Date().toISOString(), reasons: [{ code: 'PDF_UNREADABLE', en: message, vi: message }] };
  }
}

/** Files handed to each worker ahead of time (paths only; the worker reads each when its turn comes). */
const QUEUED = 8;

/** Threads for `files` inputs: SAOY_VERIFY_THREADS when set, else one per core; 1 means no pool. */
export function poolSize(files: number): number {
  const env = Number(process.env.SAOY_VERIFY_THREADS);
  const cores = Number.isInteger(env) && env > 0 ? env : availableParallelism();
  // Starting a worker costs about as much as verifying a small copy: a handful of files is faster in-process.
  return files < 4 ? 1 : Math.max(1, Math.min(cores, files, 16));
}

/**
 * Verifies `files` on `threads` workers and calls `emit` with each report in input order. Falls back to the
 * calling thread when workers cannot start (e.g. a runtime that cannot load this module as a worker).
 */
export async function verifyInPool(files: readonly string[], o: VerifyRunOptions, threads: number, emit: (r: VerificationReport) => void): Promise<void> {
  const done = new Map<number, VerificationReport>();
  let nextOut = 0;
  let nextIn = 0;
  const flush = () => {
    while (done.has(nextOut)) {
      const r = done.get(nextOut) as VerificationReport;
      done.delete(nextOut++);
      emit(r);
    }
  };
  const retry: number[] = [];
  const take = () => (nextIn < files.length ? nextIn++ : undefined);
  const workersDone = new Promise<void>((resolve, reject) => {
    let live = 0;
    // The calling thread verifies too, so threads - 1 workers; each keeps QUEUED files queued so it never waits
    // for this thread, which hands out files only between its own (a loaded machine can stretch one to 50 ms).
    for (let k = 0; k < threads - 1; k++) {
      let w: Worker;
      try {
        w = new Worker(new URL(import.meta.url), { workerData: { saoyVerifyPool: true, options: o } satisfies WorkerInit });
      } catch (e) {
        if (k === 0) return reject(e);
        break;
      }
      live++;
      const queued = new Set<number>();
      const feed = () => {
        const i = take();
        if (i === undefined) {
          if (queued.size === 0) w.postMessage(null satisfies Task);
          return;
        }
        queued.add(i);
        w.postMessage({ i, file: files[i] } satisfies Task);
      };
      w.on('message', (m: Done) => {
        queued.delete(m.i);
        done.set(m.i, m.report);
        flush();
        feed();
      });
      w.on('error', () => {
        // A worker that cannot start or dies: its files are verified again on this thread, the others go on.
        retry.push(...queued);
        queued.clear();
      });
      w.on('exit', () => {
        if (--live === 0) resolve();
      });
      for (let q = 0; q < QUEUED; q++) feed();
    }
    if (live === 0) resolve();
  });
  let failed: unknown;
  workersDone.catch((e: unknown) => {
    failed = e;
  });
  // Let the workers receive their first files before this thread starts blocking on its own.
  await new Promise((r) => setImmediate(r));
  if (failed !== undefined) throw failed;
  for (let i = take(); i !== undefined; i = take()) {
    done.set(i, await verifyFile(files[i], o));
    flush();
    // Yield so worker results are flushed and workers refilled between this thread's files.
    await new Promise((r) => setImmediate(r));
  }
  await workersDone;
  for (const i of retry.sort((a, b) => a - b)) {
    done.set(i, await verifyFile(files[i], o));
    flush();
  }
}

function runWorker(init: WorkerInit): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (task: Task) => {
    if (task === null) {
      port.close();
      return;
    }
    void verifyFile(task.file, init.options).then((report) => {
      if (process.env.SAOY_VERIFY_DEBUG) process.stderr.write(`verify pool: thread ${threadId} verified file ${task.i}\n`);
      port.postMessage({ i: task.i, report } satisfies Done);
    });
  });
}

if (!isMainThread && (workerData as Partial<WorkerInit> | undefined)?.saoyVerifyPool) runWorker(workerData as WorkerInit);
