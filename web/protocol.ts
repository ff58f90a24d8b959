/** Page ⇄ web verification worker messages (the worker also answers the extension pool's WorkerRequest as is). */
import type { VerifyMeta } from '../extension/services/verify.js';

/** A file handed over as is: the worker reads it, so the page never holds (or copies) the bytes. */
export interface FileRequest {
  id: number;
  file: Blob;
  meta: VerifyMeta;
}

export type Phase = 'read' | 'verify';

/** Sent while working; it carries no `id`, so the extension pool (which matches replies by `id`) ignores it. */
export interface ProgressMessage {
  progressOf: number;
  phase: Phase;
  /** Bytes read so far (phase "read"). */
  done: number;
  total: number;
}

/** After the reply to a FileRequest: the bytes are now kept with the cached report (the report page may use them). */
export interface StoredMessage {
  storedOf: number;
}
