import { isRegular, isWhite } from './lexer.js';
import type { Budget } from './limits.js';

/** An "N G obj" header found by brute force, whether or not any xref section points at it. */
export interface ScannedObject {
  readonly num: number;
  readonly gen: number;
  /** Offset of the first digit of N. */
  readonly offset: number;
}

/**
 * Finds every "N G obj" header in the bytes, including ones inside stream data: signature dictionaries
 * hidden from the xref (shadow and sneaky-signature attacks) live exactly where a normal reader never looks.
 */
export function scanObjectHeaders(bytes: Uint8Array, budget: Budget, max: number): { objects: ScannedObject[]; truncated: boolean } {
  const objects: ScannedObject[] = [];
  const n = bytes.length;
  budget.tickBytes(n);
  for (let i = 1; i + 2 < n; i++) {
    if (bytes[i] !== 0x6f || bytes[i + 1] !== 0x62 || bytes[i + 2] !== 0x6a) continue; // "obj"
    if (isRegular(bytes[i + 3])) continue;
    const hit = headerBefore(bytes, i);
    if (!hit) continue;
    if (objects.length >= max) return { objects, truncated: true };
    objects.push(hit);
  }
  return { objects, truncated: false };
}

/** Walks back from "obj" at i over white-space, G, white-space, N. */
function headerBefore(bytes: Uint8Array, i: number): ScannedObject | undefined {
  let p = i - 1;
  const stop = Math.max(0, i - 64);
  if (!isWhite(bytes[p])) return undefined;
  while (p > stop && isWhite(bytes[p])) p--;
  const gen = digitsBack(bytes, p, 5);
  if (!gen) return undefined;
  p = gen.start - 1;
  if (p < 0 || !isWhite(bytes[p])) return undefined;
  while (p > stop && isWhite(bytes[p])) p--;
  const num = digitsBack(bytes, p, 10);
  if (!num) return undefined;
  if (num.start > 0 && isRegular(bytes[num.start - 1])) return undefined;
  return { num: num.value, gen: gen.value, offset: num.start };
}

function digitsBack(bytes: Uint8Array, end: number, max: number): { value: number; start: number } | undefined {
  let p = end;
  while (p >= 0 && end - p < max && bytes[p] >= 0x30 && bytes[p] <= 0x39) p--;
  const start = p + 1;
  if (start > end || (p >= 0 && bytes[p] >= 0x30 && bytes[p] <= 0x39)) return undefined;
  let value = 0;
  for (let q = start; q <= end; q++) value = value * 10 + (bytes[q] - 0x30);
  return { value, start };
}
