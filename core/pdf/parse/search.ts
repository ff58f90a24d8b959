import type { Budget } from './limits.js';

export function ascii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/** First index of `needle` in hay[from, to), charged to the budget; -1 when absent. */
export function findBytes(hay: Uint8Array, needle: Uint8Array, from: number, to: number, budget: Budget): number {
  const last = Math.min(to, hay.length) - needle.length;
  const first = needle[0];
  let i = Math.max(0, from);
  let found = -1;
  outer: for (; i <= last; i++) {
    if (hay[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    found = i;
    break;
  }
  budget.tickBytes(Math.max(0, i - from));
  return found;
}

/** Last index of `needle` starting in hay[from, to), scanning backwards, charged to the budget. */
export function findBytesBackward(hay: Uint8Array, needle: Uint8Array, from: number, to: number, budget: Budget): number {
  const first = needle[0];
  let i = Math.min(to, hay.length - needle.length + 1) - 1;
  const top = i;
  let found = -1;
  outer: for (; i >= from; i--) {
    if (hay[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    found = i;
    break;
  }
  budget.tickBytes(Math.max(0, top - i));
  return found;
}
