/// <reference lib="webworker" />
/**
 * The verification worker: bytes in, report out (services/verify.ts as is: SHA-256, cache under the trust
 * generation, core verifyPdf). It may be terminated at any moment by its pool when it runs past the limit.
 */
import type { WorkerReply, WorkerRequest } from './worker-pool.js';
import { currentTrust, verifyBytes } from './verify.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** Database and trust lists read once at start (a pool warms its workers before the first job). */
const ready = currentTrust().then(() => undefined, () => undefined);

scope.addEventListener('message', (e: MessageEvent<WorkerRequest>) => {
  const { id, bytes, meta } = e.data;
  ready
    .then(async () => verifyBytes(bytes instanceof Uint8Array ? bytes : new Uint8Array(await bytes.arrayBuffer()), meta))
    .then(
      ({ report, cached }) => scope.postMessage({ id, ok: true, report, cached } satisfies WorkerReply),
      (err: unknown) => scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply),
    );
});
