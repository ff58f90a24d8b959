/**
 * The page's side of verification: one worker, one file at a time, progress reported, and a worker that runs
 * past the hard limit is terminated (synchronous parsing cannot be interrupted otherwise) and replaced.
 */
import type { VerifyOutcome } from '../extension/services/verify.js';
import { VERIFY_HARD_LIMIT_MS, VerifyTimeoutError, type WorkerReply } from '../extension/services/worker-pool.js';
import type { FileRequest, ProgressMessage } from './protocol.js';
import { VERIFY_WORKER_URL } from './worker-url.js';

let worker: Worker | undefined;
let nextId = 1;

/**
 * Starts the worker before the first file (called when the page is idle): loading and compiling the verification
 * code then overlaps with the user choosing a file, instead of adding to the first verdict.
 */
export function warmUp(): void {
  worker ??= new Worker(VERIFY_WORKER_URL);
}

export function verifyFile(file: File, onProgress: (p: ProgressMessage) => void): Promise<VerifyOutcome> {
  worker ??= new Worker(VERIFY_WORKER_URL);
  const w = worker;
  const id = nextId++;
  return new Promise<VerifyOutcome>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      w.terminate();
      worker = undefined;
      reject(new VerifyTimeoutError(VERIFY_HARD_LIMIT_MS));
    }, VERIFY_HARD_LIMIT_MS);
    const onMessage = (e: MessageEvent<WorkerReply | ProgressMessage>) => {
      const m = e.data;
      if ('progressOf' in m) return void (m.progressOf === id && onProgress(m));
      if (m.id !== id) return;
      cleanup();
      if (m.ok) resolve({ report: m.report, cached: m.cached });
      else reject(new Error(m.error));
    };
    const onError = (e: ErrorEvent) => {
      cleanup();
      w.terminate();
      worker = undefined;
      reject(new Error(e.message || 'worker failed'));
    };
    const cleanup = () => {
      clearTimeout(timer);
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    w.postMessage({ id, file, meta: { fileName: file.name, keepBytes: true } } satisfies FileRequest);
  });
}
