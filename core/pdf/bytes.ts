/** Byte helpers for PDF syntax, which is ASCII/Latin-1 at the structure level. */

export function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) throw new RangeError(`non Latin-1 character in PDF syntax at ${i}`);
    out[i] = c;
  }
  return out;
}

export function fromLatin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = '';
  // Chunked to keep String.fromCharCode's argument count bounded.
  for (let i = start; i < end; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 0x8000)));
  }
  return s;
}

/** Last index of an ASCII needle at or before `from` (inclusive start position), or -1. */
export function lastIndexOfAscii(hay: Uint8Array, needle: string, from = hay.length - needle.length): number {
  const n = latin1(needle);
  outer: for (let i = Math.min(from, hay.length - n.length); i >= 0; i--) {
    for (let j = 0; j < n.length; j++) if (hay[i + j] !== n[j]) continue outer;
    return i;
  }
  return -1;
}

export function indexOfAscii(hay: Uint8Array, needle: string, from = 0): number {
  const n = latin1(needle);
  const first = n[0];
  outer: for (let i = Math.max(0, from); i <= hay.length - n.length; i++) {
    if (hay[i] !== first) continue;
    for (let j = 1; j < n.length; j++) if (hay[i + j] !== n[j]) continue outer;
    return i;
  }
  return -1;
}

export function isPdfWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;
}
