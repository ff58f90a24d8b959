/// <reference lib="webworker" />
/**
 * The web page's verification worker: extension/services/verify.ts as is (SHA-256, IndexedDB cache under the
 * trust generation, core verifyPdf with the built-in lists and the user's anchors), fed either a File (the web
 * page: read here, with progress) or bytes (the shared report page's re-check, the extension pool's protocol).
 */
import type { WorkerReply, WorkerRequest } from '../extension/services/worker-pool.js';
import { currentTrust, verifyBytes, type VerifyOutcome } from '../extension/services/verify.js';
import type { FileRequest, ProgressMessage, StoredMessage } from './protocol.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;

// The page starts this worker while the user is still choosing a file: open the database and build the trust
// lists (parsing the built-in certificates) now, so the first verdict does not wait for them.
void currentTrust().catch(() => undefined);

/** Reads a file in pieces, telling the page how far it got (a 30 MB file on a slow phone takes a moment). */
async function readWithProgress(id: number, file: Blob): Promise<Uint8Array> {
  const out = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let at = 0;
  let told = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (at + value.length > out.length) throw new Error('file changed while reading');
    out.set(value, at);
    at += value.length;
    if (at - told >= 1 << 20) {
      told = at;
      scope.postMessage({ progressOf: id, phase: 'read', done: at, total: file.size } satisfies ProgressMessage);
    }
  }
  return at === out.length ? out : out.slice(0, at);
}

const reply = (id: number, run: Promise<VerifyOutcome>) =>
  run.then(
    ({ report, cached }) => scope.postMessage({ id, ok: true, report, cached } satisfies WorkerReply),
    (err: unknown) => scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply),
  );

scope.addEventListener('message', (e: MessageEvent<WorkerRequest | FileRequest>) => {
  const { id, meta } = e.data;
  if (!('file' in e.data)) {
    // The shared request type also allows a Blob (the extension's verify page hands over the File itself).
    const given = e.data.bytes;
    return void reply(id, given instanceof Uint8Array ? verifyBytes(given, meta) : given.arrayBuffer().then((b) => verifyBytes(new Uint8Array(b), meta)));
  }
  const file = e.data.file;
  void (async () => {
    const bytes = await readWithProgress(id, file).catch(() => undefined);
    if (!bytes) return scope.postMessage({ id, ok: false, error: 'unreadable file' } satisfies WorkerReply);
    scope.postMessage({ progressOf: id, phase: 'verify', done: bytes.length, total: bytes.length } satisfies ProgressMessage);
    // The verdict first; the copy of the bytes the report page needs ("open the signed revision", download) is
    // written afterwards (a few MB into IndexedDB take as long as the check itself), as verify.ts's cache hit does.
    await reply(id, verifyBytes(bytes, { ...meta, keepBytes: false }));
    if (meta.keepBytes) await verifyBytes(bytes, meta).catch(() => undefined);
    scope.postMessage({ storedOf: id } satisfies StoredMessage);
  })();
});
