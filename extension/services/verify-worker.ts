/// <reference lib="webworker" />
/**
 * The verification worker: bytes in (or a portal URL it fetches itself), report out (services/verify.ts as is:
 * SHA-256, cache under the trust generation, core verifyPdf). It may be terminated at any moment by its pool when
 * it runs past the limit.
 */
import type { FetchReply, FetchRequest, WorkerReply, WorkerRequest } from './worker-pool.js';
import { currentTrust, verifyThenStore, type VerifyMeta } from './verify.js';
import { rememberAcrossFiles } from '../../core/pki/bytes-memo.js';
import { DEFAULT_FETCH_LIMITS, fetchAttachment } from './fetch-attachment.js';

// A worker verifies file after file (a portal page's 50 attachments, signed by the same few officials): parsed
// certificates, chains and imported keys are remembered across them, as the CLI's pool does. The memo computes from
// its own copy of the bytes, so handing a file's buffer back to the pool cannot empty what it remembered.
rememberAcrossFiles(true);

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** Database and trust lists read once at start (a pool warms its workers before the first job). */
const ready = currentTrust().then(() => undefined, () => undefined);

scope.addEventListener('message', (e: MessageEvent<WorkerRequest | FetchRequest>) => {
  const req = e.data;
  const { id, meta } = req;
  const reply = (m: WorkerReply | FetchReply) => scope.postMessage(m);
  const fail = (err: unknown) => reply({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
  // The pool raises the flag to stop this job: the parser sees it within about a millisecond and the job ends with
  // nothing stored (a terminated worker still busy in synchronous work runs on for up to 2 s in Chromium).
  const flag = req.stop;
  const interrupt = flag
    ? () => {
        if (Atomics.load(flag, 0) !== 0) throw new Error('stopped by the pool');
      }
    : undefined;
  const verify = async (bytes: Uint8Array, m: VerifyMeta) => {
    await ready;
    const { outcome, stored } = await verifyThenStore(bytes, m, interrupt);
    // A portal's badge answers before the cache write commits; pages read the record right after, so they wait.
    if (!m.answerBeforeStored) await stored;
    reply({ id, ok: true, report: outcome.report, cached: outcome.cached });
    await stored.catch(() => undefined); // an early answer's failed write only costs a later cache miss
  };
  if ('fetch' in req) {
    // The background decided that this URL may be fetched, and whether with the user's cookies.
    fetchAttachment(req.fetch.url, { ...DEFAULT_FETCH_LIMITS, credentials: req.fetch.credentials })
      .then(async (got) => {
        if (!got.ok) return reply({ id, ok: false, fetchError: got.status === undefined ? { kind: got.kind } : { kind: got.kind, status: got.status } });
        reply({ id, fetched: true });
        await verify(got.bytes, meta);
      })
      .catch(fail);
    return;
  }
  const { bytes } = req;
  (bytes instanceof Uint8Array ? Promise.resolve(bytes) : bytes.arrayBuffer().then((b) => new Uint8Array(b)))
    .then((b) => verify(b, meta))
    .catch(fail);
});
