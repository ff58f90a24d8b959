/**
 * sameEntry (core/verify/diff/same-entry.ts): when two cross-reference entries say an object was not rewritten.
 * "Same" lets the difference analysis skip the object, so every field that places an object must be compared.
 */
import { describe, expect, it } from 'vitest';
import type { XrefEntry } from '../../../core/pdf/parse/index.js';
import { sameEntry } from '../../../core/verify/diff/same-entry.js';

const at = (offset: number, gen = 0): XrefEntry => ({ type: 'offset', num: 5, gen, offset });
const inStream = (streamNum: number, index: number): XrefEntry => ({ type: 'compressed', num: 5, gen: 0, streamNum, index });
const free = (gen: number, nextFree = 0): XrefEntry => ({ type: 'free', num: 5, gen, nextFree });

describe('sameEntry', () => {
  const cases: [string, XrefEntry | undefined, XrefEntry | undefined, boolean][] = [
    ['absent from both', undefined, undefined, true],
    ['new in the later revision', undefined, at(100), false],
    ['gone from the later revision', at(100), undefined, false],
    ['the same offset and generation', at(100), at(100), true],
    ['another offset (rewritten)', at(100), at(200), false],
    ['another generation', at(100, 0), at(100, 1), false],
    ['the same object-stream slot', inStream(9, 2), inStream(9, 2), true],
    ['another object stream', inStream(9, 2), inStream(10, 2), false],
    ['another slot of the same object stream', inStream(9, 2), inStream(9, 3), false],
    ['moved from the file body into an object stream', at(100), inStream(9, 2), false],
    ['moved from an object stream into the file body', inStream(9, 2), at(100), false],
    ['freed', at(100), free(1), false],
    ['free in both, same generation', free(1, 0), free(1, 7), true],
    ['free in both, another generation', free(1), free(2), false],
  ];
  for (const [name, a, b, same] of cases) {
    it(`${name}: ${same ? 'same' : 'different'}`, () => {
      expect(sameEntry(a, b)).toBe(same);
    });
  }
});
