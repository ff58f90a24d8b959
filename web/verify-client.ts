/**
 * The page's side of verification: one worker, one file at a time, progress reported, and a worker that runs
 * past the hard limit is terminated (synchronous parsing cannot be interrupted otherwise) and replaced.
 */
import type { VerifyOutcome } from '../extension/services/verify.js';
import { VERIFY_HARD_LIMIT_MS, VerifyTimeoutError, type WorkerReply } from '../extension/services/worker-pool.js';
import type { FileRequest, ProgressMessage, StoredMessage } from './protocol.js';
import { VERIFY_WORKER_URL } from './worker-url.js';

let worker: Worker | undefined;
let nextId = 1;
/** Waiters for kept bytes: released when their worker is dropped (the bytes will never come then). */
const pendingStores = new Set<() => void>();

function dropWorker(w: Worker): void {
  w.terminate();
  if (worker === w) worker = undefined;
  for (const done of pendingStores) done();
  pendingStores.clear();
}

/**
 * Starts the worker before the first file (called when the page is idle): loading and compiling the verification
 * code then overlaps with the user choosing a file, instead of adding to the first verdict.
 */
export function warmUp(): void {
  worker ??= new Worker(VERIFY_WORKER_URL);
}

/** The verdict, and `stored`: settles once the bytes are kept for the report page (or the worker is gone). */
export function verifyFile(file: File, onProgress: (p: ProgressMessage) => void): Promise<VerifyOutcome & { stored: Promise<void> }> {
  worker ??= new Worker(VERIFY_WORKER_URL);
  const w = worker;
  const id = nextId++;
  let storedDone: () => void = () => undefined;
  const stored = new Promise<void>((r) => (storedDone = r));
  const onStored = (e: MessageEvent<StoredMessage>) => {
    if (e.data?.storedOf !== id) return;
    storedDone();
  };
  const done = storedDone;
  storedDone = () => {
    w.removeEventListener('message', onStored);
    pendingStores.delete(storedDone);
    done();
  };
  pendingStores.add(storedDone);
  w.addEventListener('message', onStored);
  return new Promise<VerifyOutcome & { stored: Promise<void> }>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      dropWorker(w);
      reject(new VerifyTimeoutError(VERIFY_HARD_LIMIT_MS));
    }, VERIFY_HARD_LIMIT_MS);
    const onMessage = (e: MessageEvent<WorkerReply | ProgressMessage | StoredMessage>) => {
      const m = e.data;
      if ('storedOf' in m) return;
      if ('progressOf' in m) return void (m.progressOf === id && onProgress(m));
      if (m.id !== id) return;
      cleanup();
      if (m.ok) resolve({ report: m.report, cached: m.cached, stored });
      else {
        storedDone();
        reject(new Error(m.error));
      }
    };
    const onError = (e: ErrorEvent) => {
      cleanup();
      dropWorker(w);
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
