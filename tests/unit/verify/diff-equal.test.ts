/**
 * core/verify/diff/equal.ts: the comparison every difference rule relies on. A difference it misses is a change
 * after signing that nobody judges; a reference it misses is a new object counted as unreferenced (allowed).
 */
import { describe, expect, it } from 'vitest';
import type { PdfDict, PdfValue } from '../../../core/pdf/parse/index.js';
import { changedKeys, refsIn, sameValue } from '../../../core/verify/diff/equal.js';

const num = (value: number): PdfValue => ({ kind: 'number', value, text: String(value), isInteger: Number.isInteger(value) });
const name = (value: string): PdfValue => ({ kind: 'name', value });
const str = (s: string, hex = false): PdfValue => ({ kind: 'string', bytes: new Uint8Array(Buffer.from(s, 'latin1')), hex });
const ref = (n: number, gen = 0): PdfValue => ({ kind: 'ref', num: n, gen });
const arr = (...items: PdfValue[]): PdfValue => ({ kind: 'array', items });
const dict = (o: Record<string, PdfValue>): PdfDict => ({ kind: 'dict', entries: new Map(Object.entries(o)) });
const stream = (o: Record<string, PdfValue>, data: string): PdfValue => {
  const raw = new Uint8Array(Buffer.from(data, 'latin1'));
  return { kind: 'stream', dict: dict(o), dataStart: 0, dataEnd: raw.length, raw, lengthMismatch: false };
};
const NULL: PdfValue = { kind: 'null' };
const T: PdfValue = { kind: 'bool', value: true };
const F: PdfValue = { kind: 'bool', value: false };

describe('sameValue', () => {
  it('each kind equals itself and differs from its neighbour', () => {
    const pairs: [PdfValue, PdfValue][] = [
      [T, F],
      [num(1), num(2)],
      [name('A'), name('B')],
      [str('ab'), str('ac')],
      [str('ab'), str('abc')],
      [ref(4), ref(5)],
      [ref(4, 0), ref(4, 1)],
      [arr(num(1), num(2)), arr(num(1), num(3))],
      [arr(num(1)), arr(num(1), num(1))],
      [dict({ A: num(1) }), dict({ A: num(2) })],
      [dict({ A: num(1) }), dict({ B: num(1) })],
      [dict({ A: num(1) }), dict({ A: num(1), B: NULL })],
      [stream({ A: num(1) }, 'x'), stream({ A: num(1) }, 'y')],
      [stream({ A: num(1) }, 'x'), stream({ A: num(2) }, 'x')],
      [NULL, F],
      [num(0), F],
      [name('1'), str('1')],
    ];
    for (const [a, b] of pairs) {
      expect(sameValue(a, structuredClone(a)), JSON.stringify(a)).toBe(true);
      expect(sameValue(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(false);
      expect(sameValue(b, a), `${JSON.stringify(b)} vs ${JSON.stringify(a)}`).toBe(false);
    }
    expect(sameValue(NULL, { kind: 'null' })).toBe(true);
    expect(sameValue(F, { kind: 'bool', value: false })).toBe(true);
  });

  it('a string is its bytes (hex or literal alike); a stream ignores /Length but not its other keys', () => {
    expect(sameValue(str('ab', true), str('ab', false))).toBe(true);
    expect(sameValue(stream({ Length: num(1), A: num(1) }, 'x'), stream({ Length: num(9), A: num(1) }, 'x'))).toBe(true);
    expect(sameValue(stream({ A: num(1) }, 'x'), stream({ A: num(1), Filter: name('FlateDecode') }, 'x'))).toBe(false);
  });

  it('undefined equals only undefined', () => {
    expect(sameValue(undefined, undefined)).toBe(true);
    expect(sameValue(undefined, NULL)).toBe(false);
    expect(sameValue(NULL, undefined)).toBe(false);
  });

  it('nested values: the difference deep inside is found', () => {
    const deep = (leaf: number) => dict({ K: arr(dict({ L: arr(num(0), stream({ M: num(leaf) }, 'd')) })) });
    expect(sameValue(deep(1), deep(1))).toBe(true);
    expect(sameValue(deep(1), deep(2))).toBe(false);
  });

  it('gives up (not equal) after its work budget, counted across the whole value', () => {
    const big = (n: number) => arr(...Array.from({ length: n }, () => num(1)));
    // 1 for the array + 1 per item.
    expect(sameValue(big(99_999), big(99_999))).toBe(true);
    expect(sameValue(big(100_000), big(100_000))).toBe(false);
    expect(sameValue(num(1), num(1), { left: 1 })).toBe(true);
    expect(sameValue(num(1), num(1), { left: 0 })).toBe(false);
    // Dictionaries and stream dictionaries share the same budget.
    const wide = (n: number) => dict(Object.fromEntries(Array.from({ length: n }, (_, i) => [`K${i}`, num(1)])));
    expect(sameValue(wide(3), wide(3), { left: 4 })).toBe(true);
    expect(sameValue(wide(3), wide(3), { left: 3 })).toBe(false);
    expect(sameValue(stream({ A: num(1), B: num(1) }, 'x'), stream({ A: num(1), B: num(1) }, 'x'), { left: 4 })).toBe(true);
    expect(sameValue(stream({ A: num(1), B: num(1) }, 'x'), stream({ A: num(1), B: num(1) }, 'x'), { left: 3 })).toBe(false);
  });
});

describe('changedKeys', () => {
  it('added, removed and changed keys; equal ones left out', () => {
    const a = dict({ Same: num(1), Changed: num(1), Removed: T }).entries;
    const b = dict({ Same: num(1), Changed: num(2), Added: T }).entries;
    expect(changedKeys(a, b).sort()).toEqual(['Added', 'Changed', 'Removed']);
    expect(changedKeys(a, a)).toEqual([]);
  });
});

describe('refsIn', () => {
  it('every reference inside arrays, dictionaries and stream dictionaries (not in stream data)', () => {
    const v = dict({ A: ref(1), B: arr(ref(2), arr(ref(3)), dict({ C: ref(4) })), S: stream({ D: ref(5), E: arr(ref(6)) }, '7 0 R'), N: num(8), X: name('R') });
    expect([...refsIn(v)].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...refsIn(undefined)]).toEqual([]);
    expect([...refsIn(ref(9))]).toEqual([9]);
    expect([...refsIn(str('1 0 R'))]).toEqual([]);
  });

  it('adds to the set given; stops after its work budget', () => {
    const out = new Set([42]);
    expect(refsIn(ref(1), out)).toBe(out);
    expect([...out]).toEqual([42, 1]);
    const many = (n: number) => arr(...Array.from({ length: n }, (_, i) => ref(i + 1)));
    expect(refsIn(many(99_999)).size).toBe(99_999);
    expect(refsIn(many(100_000)).size).toBe(99_999);
    expect(refsIn(ref(1), new Set(), { left: 1 }).size).toBe(1);
    expect(refsIn(ref(1), new Set(), { left: 0 }).size).toBe(0);
    expect(refsIn(dict({ A: ref(1), B: ref(2) }), new Set(), { left: 2 }).size).toBe(1);
    expect(refsIn(stream({ A: ref(1), B: ref(2) }, ''), new Set(), { left: 2 }).size).toBe(1);
  });
});
