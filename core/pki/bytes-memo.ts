/**
 * Remembers a pure function of some bytes (a certificate, a public key) across verifications: verifying many
 * copies by the same certifier parses the same certificates and imports the same keys again and again. The same
 * array is found by identity; equal bytes in a new array (each file's own copy of the certificate) by a hash of
 * the content, confirmed byte for byte (a hash collision is a miss, never a wrong hit). Bounded, oldest out first.
 */
export interface BytesMemo<T> {
  /**
   * `compute` gets the memo's own copy of the bytes and must read only that: a remembered value may hold views
   * into them, and the caller's array may be a view into a file buffer that is later transferred (detached) or
   * reused — a browser worker hands the file back after verifying it.
   */
  get(bytes: Uint8Array, compute: (own: Uint8Array) => T): T;
  /** Drops what is remembered for these bytes (e.g. a promise that rejected). */
  forget(bytes: Uint8Array): void;
}

interface Entry<T> {
  readonly bytes: Uint8Array;
  readonly value: T;
}

/** FNV-1a over the bytes: cheap, and collisions only cost a comparison. */
function hashOf(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

let remembering = false;

/**
 * Cross-file memos are off unless a caller that verifies many files in one process turns them on (the CLI's worker
 * pool does). Browsers verify a file or a page's attachments at a time, where they gain little, and their workers
 * move file buffers around; off there, every verification computes afresh as before.
 */
export function rememberAcrossFiles(on: boolean): void {
  remembering = on;
}

export function bytesMemo<T>(maxEntries: number, maxBytes = 16 * 1024): BytesMemo<T> {
  let byIdentity = new WeakMap<Uint8Array, T>();
  const byHash = new Map<number, Entry<T>[]>();
  let size = 0;
  return {
    get(bytes, compute) {
      if (!remembering) return compute(bytes.slice());
      if (byIdentity.has(bytes)) return byIdentity.get(bytes) as T;
      if (bytes.length > maxBytes) return compute(bytes.slice());
      const h = hashOf(bytes);
      const bucket = byHash.get(h);
      const hit = bucket?.find((e) => sameBytes(e.bytes, bytes));
      if (hit) {
        byIdentity.set(bytes, hit.value);
        return hit.value;
      }
      const own = bytes.slice();
      const value = compute(own);
      if (size >= maxEntries) {
        const oldest = byHash.keys().next().value as number;
        size -= byHash.get(oldest)?.length ?? 0;
        byHash.delete(oldest);
      }
      const entry = { bytes: own, value };
      if (bucket) bucket.push(entry);
      else byHash.set(h, [entry]);
      size++;
      byIdentity.set(bytes, value);
      return value;
    },
    forget(bytes) {
      byIdentity = new WeakMap();
      const h = hashOf(bytes);
      const bucket = byHash.get(h)?.filter((e) => !sameBytes(e.bytes, bytes));
      if (bucket === undefined) return;
      size -= (byHash.get(h)?.length ?? 0) - bucket.length;
      if (bucket.length) byHash.set(h, bucket);
      else byHash.delete(h);
    },
  };
}
