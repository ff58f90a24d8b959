/**
 * Native-messaging framing: each message is UTF-8 JSON preceded by its length as a 32-bit unsigned integer in
 * the machine's native byte order (Chromium and Firefox both). We cap both directions well below the
 * browsers' own limits (extension/shared/native-protocol.ts).
 */
import { endianness } from 'node:os';

const LITTLE = endianness() === 'LE';

export type Frame = { kind: 'message'; body: Uint8Array } | { kind: 'too-large'; length: number };

/** Length prefix + body, for writing to stdout. */
export function encodeFrame(json: string, max: number): Uint8Array {
  const body = new TextEncoder().encode(json);
  if (body.length > max) throw new RangeError(`message of ${body.length} bytes exceeds the ${max}-byte cap`);
  const out = new Uint8Array(4 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length, LITTLE);
  out.set(body, 4);
  return out;
}

/**
 * Splits a byte stream into frames. An oversized length is reported (never buffered): the caller answers and
 * stops, since skipping gigabytes from a confused peer helps nobody.
 */
export class FrameReader {
  private buffer = new Uint8Array(0);

  constructor(private readonly max: number) {}

  /** Adds received bytes; returns the frames now complete. */
  push(chunk: Uint8Array): Frame[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    this.buffer = joined;
    const frames: Frame[] = [];
    while (this.buffer.length >= 4) {
      const length = new DataView(this.buffer.buffer, this.buffer.byteOffset, 4).getUint32(0, LITTLE);
      if (length > this.max) {
        frames.push({ kind: 'too-large', length });
        this.buffer = new Uint8Array(0);
        break;
      }
      if (this.buffer.length < 4 + length) break;
      frames.push({ kind: 'message', body: this.buffer.slice(4, 4 + length) });
      this.buffer = this.buffer.slice(4 + length);
    }
    return frames;
  }

  /** Bytes of an unfinished frame left when the stream ended. */
  get pending(): number {
    return this.buffer.length;
  }
}
