import { describe, expect, it } from 'vitest';
import { bytesMemo } from '../../../core/pki/bytes-memo.js';

describe('bytesMemo (certificates and keys remembered across files)', () => {
  it('computes once for the same array and for equal bytes in a new array', () => {
    const m = bytesMemo<number>(10);
    let calls = 0;
    const f = () => ++calls;
    const a = new Uint8Array([1, 2, 3]);
    expect(m.get(a, f)).toBe(1);
    expect(m.get(a, f)).toBe(1);
    expect(m.get(new Uint8Array([1, 2, 3]), f)).toBe(1);
    expect(calls).toBe(1);
    expect(m.get(new Uint8Array([1, 2, 4]), f)).toBe(2);
    expect(m.get(new Uint8Array([1, 2]), f)).toBe(3);
  });

  it('keeps its own copy: changing the caller’s array later does not change what equal bytes find', () => {
    const m = bytesMemo<string>(10);
    const a = new Uint8Array([9, 9, 9]);
    m.get(a, () => 'nines');
    a[0] = 1;
    expect(m.get(new Uint8Array([9, 9, 9]), () => 'again')).toBe('nines');
    expect(m.get(new Uint8Array([1, 9, 9]), () => 'other')).toBe('other');
  });

  it('forgets on request and stays bounded (oldest out first)', () => {
    const m = bytesMemo<number>(2);
    let calls = 0;
    const f = () => ++calls;
    m.get(new Uint8Array([1]), f);
    m.get(new Uint8Array([2]), f);
    m.get(new Uint8Array([3]), f); // evicts [1]
    expect(m.get(new Uint8Array([1]), f)).toBe(4);
    m.forget(new Uint8Array([1]));
    expect(m.get(new Uint8Array([1]), f)).toBe(5);
  });

  it('does not remember inputs over the size bound, and rethrows a failing computation', () => {
    const m = bytesMemo<number>(10, 4);
    let calls = 0;
    const big = new Uint8Array(8);
    m.get(big, () => ++calls);
    m.get(new Uint8Array(8), () => ++calls);
    expect(calls).toBe(2);
    const bad = new Uint8Array([7]);
    expect(() => m.get(bad, () => { throw new Error('no'); })).toThrow('no');
    expect(m.get(bad, () => 42)).toBe(42);
  });
});
