import { streamError, unsupportedError } from './errors.js';
import { limitError } from './limits.js';

export interface Inflated {
  readonly bytes: Uint8Array;
  /** False when the data ended early or was corrupt after producing output (e.g. a missing checksum). */
  readonly complete: boolean;
}

/**
 * zlib inflate through the web-standard DecompressionStream, reading chunk by chunk and giving up as
 * soon as the output passes maxBytes, so a small "bomb" never materialises in memory.
 */
export async function inflate(data: Uint8Array, maxBytes: number): Promise<Inflated> {
  if (typeof DecompressionStream !== 'function') throw unsupportedError('DecompressionStream is not available');
  const ds = new DecompressionStream('deflate');
  const writer = ds.writable.getWriter();
  // Errors surface on the readable side; these promises only need a handler.
  // BufferSource must be ArrayBuffer-backed; copy only a view of a SharedArrayBuffer.
  const input = data.buffer instanceof ArrayBuffer ? (data as Uint8Array<ArrayBuffer>) : data.slice();
  writer.write(input).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = ds.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let complete = true;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        reader.cancel().catch(() => undefined);
        throw limitError(`a stream inflates to more than ${maxBytes} bytes`, `một luồng giải nén ra hơn ${maxBytes} byte`);
      }
      chunks.push(value);
    }
  } catch (e) {
    if ((e as { code?: string }).code === 'PDF_LIMIT') throw e;
    if (total === 0) throw streamError('invalid Flate data');
    complete = false;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { bytes: out, complete };
}
