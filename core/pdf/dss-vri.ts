/** ETSI EN 319 142-1 §5.4.2.2: a VRI key is the upper-case base-16 SHA-1 of the signature's /Contents bytes. */
export async function vriKey(contents: Uint8Array): Promise<string> {
  const h = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-1', contents as Uint8Array<ArrayBuffer>));
  let s = '';
  for (const b of h) s += b.toString(16).padStart(2, '0');
  return s.toUpperCase();
}
