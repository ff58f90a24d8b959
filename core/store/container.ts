/**
 * A small binary container for files saoy writes (backups, pending copies): no base64, so large PDFs cost
 * their own size, and the parts can be handed to a Blob without one giant concatenation.
 *
 *   magic (8 ASCII bytes, ends with the format version) · envelope length (u32 BE) · SHA-256 of the envelope
 *   (32 bytes) · envelope (UTF-8 JSON: { manifest, blobs: [{ length, sha256 }] }) · the blobs, back to back
 *
 * The header hash covers the envelope, the envelope covers each blob: together they check the whole file.
 */
import { SaoyError } from '../errors.js';
import { bytesEqual } from '../bytes/concat.js';
import { sha256, sha256Hex } from '../bytes/sha.js';

const HEADER = 8 + 4 + 32;
const MAX_ENVELOPE = 64 << 20;

export interface Container {
  manifest: unknown;
  /** Copies, not views: a view would make IndexedDB store the whole file's buffer with each blob. */
  blobs: Uint8Array[];
  /** SHA-256 (hex) of each blob, checked. */
  blobSha256: string[];
}

export async function writeContainer(magic: string, manifest: unknown, blobs: readonly Uint8Array[]): Promise<Uint8Array[]> {
  if (!/^[A-Z0-9]{8}$/.test(magic)) throw new RangeError('magic must be 8 ASCII letters/digits');
  const blobInfo = [];
  for (const b of blobs) blobInfo.push({ length: b.length, sha256: await sha256Hex(b) });
  const envelope = new TextEncoder().encode(JSON.stringify({ manifest, blobs: blobInfo }));
  const header = new Uint8Array(HEADER);
  header.set(new TextEncoder().encode(magic), 0);
  new DataView(header.buffer).setUint32(8, envelope.length);
  header.set(await sha256(envelope), 12);
  return [header, envelope, ...blobs];
}

/** Reads and checks a container; `invalid(why)` builds the caller's error (BACKUP_INVALID, PENDING_INVALID…). */
export async function readContainer(bytes: Uint8Array, magic: string, invalid: (why: string) => SaoyError): Promise<Container> {
  if (bytes.length < HEADER || new TextDecoder().decode(bytes.subarray(0, 8)) !== magic) throw invalid('not a saoy file of this kind');
  const envLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8);
  if (envLength > MAX_ENVELOPE || HEADER + envLength > bytes.length) throw invalid('the file is truncated');
  const envelope = bytes.subarray(HEADER, HEADER + envLength);
  if (!bytesEqual(await sha256(envelope), bytes.subarray(12, HEADER))) throw invalid('checksum mismatch (the file is damaged)');
  let parsed: { manifest?: unknown; blobs?: unknown };
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(envelope)) as typeof parsed;
  } catch {
    throw invalid('the manifest is not valid JSON');
  }
  if (!Array.isArray(parsed.blobs)) throw invalid('the manifest lists no blobs');
  const blobs: Uint8Array[] = [];
  const blobSha256: string[] = [];
  let at = HEADER + envLength;
  for (const b of parsed.blobs as { length?: unknown; sha256?: unknown }[]) {
    if (!Number.isSafeInteger(b?.length) || (b.length as number) < 0 || typeof b.sha256 !== 'string') throw invalid('a blob entry is malformed');
    const end = at + (b.length as number);
    if (end > bytes.length) throw invalid('the file is truncated');
    const blob = bytes.slice(at, end);
    if ((await sha256Hex(blob)) !== b.sha256) throw invalid('checksum mismatch in a stored file (the file is damaged)');
    blobs.push(blob);
    blobSha256.push(b.sha256);
    at = end;
  }
  if (at !== bytes.length) throw invalid('unexpected bytes after the last stored file');
  return { manifest: parsed.manifest, blobs, blobSha256 };
}
