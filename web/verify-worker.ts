/// <reference lib="webworker" />
/**
 * The web page's verification worker: extension/services/verify.ts as is (SHA-256, IndexedDB cache under the
 * trust generation, core verifyPdf with the built-in lists and the user's anchors), fed either a File (the web
 * page: read here, with progress) or bytes (the shared report page's re-check, the extension pool's protocol).
 */
import type { WorkerReply, WorkerRequest } from '../extension/services/worker-pool.js';
import { verifyBytes } from '../extension/services/verify.js';
import type { FileRequest, ProgressMessage } from './protocol.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;

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

scope.addEventListener('message', (e: MessageEvent<WorkerRequest | FileRequest>) => {
  const { id, meta } = e.data;
  const run = async () => {
    const bytes = 'file' in e.data ? await readWithProgress(id, e.data.file) : e.data.bytes;
    scope.postMessage({ progressOf: id, phase: 'verify', done: bytes.length, total: bytes.length } satisfies ProgressMessage);
    return verifyBytes(bytes, meta);
  };
  run().then(
    ({ report, cached }) => scope.postMessage({ id, ok: true, report, cached } satisfies WorkerReply),
    (err: unknown) => scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply),
  );
});
