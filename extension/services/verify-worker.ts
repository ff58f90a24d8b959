/// <reference lib="webworker" />
/**
 * The verification worker: bytes in, report out (services/verify.ts as is: SHA-256, cache under the trust
 * generation, core verifyPdf). It may be terminated at any moment by its pool when it runs past the limit.
 */
import type { WorkerReply, WorkerRequest } from './worker-pool.js';
import { currentTrust, verifyThenStore } from './verify.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** Database and trust lists read once at start (a pool warms its workers before the first job). */
const ready = currentTrust().then(() => undefined, () => undefined);

scope.addEventListener('message', (e: MessageEvent<WorkerRequest>) => {
  const { id, bytes, meta } = e.data;
  const fail = (err: unknown) => scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply);
  ready
    .then(async () => verifyThenStore(bytes instanceof Uint8Array ? bytes : new Uint8Array(await bytes.arrayBuffer()), meta))
    .then(async ({ outcome: { report, cached }, stored }) => {
      // A portal's badge answers before the cache write commits; pages read the record right after, so they wait.
      if (!meta.answerBeforeStored) await stored;
      scope.postMessage({ id, ok: true, report, cached } satisfies WorkerReply);
      await stored.catch(() => undefined); // an early answer's failed write only costs a later cache miss
    })
    .catch(fail);
});
