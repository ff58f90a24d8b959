/** Structural equality of two parsed values; references compare by number (their targets are judged on their own). */
import type { PdfValue } from '../../pdf/parse/index.js';
import { bytesEqual } from '../../bytes/concat.js';

export function sameValue(x: PdfValue | undefined, y: PdfValue | undefined, budget = { left: 100_000 }): boolean {
  if (--budget.left < 0) return false;
  if (x === undefined || y === undefined) return x === y;
  if (x.kind !== y.kind) return false;
  switch (x.kind) {
    case 'null':
      return true;
    case 'bool':
      return x.value === (y as typeof x).value;
    case 'number':
      return x.value === (y as typeof x).value;
    case 'name':
      return x.value === (y as typeof x).value;
    case 'string':
      return bytesEqual(x.bytes, (y as typeof x).bytes);
    case 'ref':
      return x.num === (y as typeof x).num && x.gen === (y as typeof x).gen;
    case 'array': {
      const b = (y as typeof x).items;
      if (x.items.length !== b.length) return false;
      for (let i = 0; i < b.length; i++) if (!sameValue(x.items[i], b[i], budget)) return false;
      return true;
    }
    case 'dict': {
      const b = (y as typeof x).entries;
      if (x.entries.size !== b.size) return false;
      for (const [k, v] of x.entries) if (!sameValue(v, b.get(k), budget)) return false;
      return true;
    }
    case 'stream': {
      const s = y as typeof x;
      // /Length may legitimately differ in representation only if the data differs; compare dict minus Length, then data.
      if (!sameValue({ kind: 'dict', entries: withoutLength(x.dict.entries) }, { kind: 'dict', entries: withoutLength(s.dict.entries) }, budget)) return false;
      return bytesEqual(x.raw, s.raw);
    }
  }
}

function withoutLength(m: ReadonlyMap<string, PdfValue>): Map<string, PdfValue> {
  const out = new Map(m);
  out.delete('Length');
  return out;
}

/** Keys whose values differ between two dictionaries (added, removed or changed). */
export function changedKeys(a: ReadonlyMap<string, PdfValue>, b: ReadonlyMap<string, PdfValue>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => !sameValue(a.get(k), b.get(k)));
}

/** Every object number referenced anywhere inside a value (streams: their dictionary). */
export function refsIn(v: PdfValue | undefined, out: Set<number> = new Set(), budget = { left: 100_000 }): Set<number> {
  if (!v || --budget.left < 0) return out;
  switch (v.kind) {
    case 'ref':
      out.add(v.num);
      break;
    case 'array':
      for (const i of v.items) refsIn(i, out, budget);
      break;
    case 'dict':
      for (const i of v.entries.values()) refsIn(i, out, budget);
      break;
    case 'stream':
      for (const i of v.dict.entries.values()) refsIn(i, out, budget);
      break;
    default:
  }
  return out;
}
