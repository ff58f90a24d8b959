/** Byte helper of the store. */

/** The bytes in a buffer of their own: IndexedDB clones a view's whole underlying buffer. */
export function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}
