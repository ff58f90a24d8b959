import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesMemo, rememberAcrossFiles } from '../../../core/pki/bytes-memo.js';
import { describeCertificate } from '../../../core/pki/certificate.js';
import { buildChain } from '../../../core/pki/chain.js';
import { makeChain } from '../../helpers/pki-pool.js';

describe('bytesMemo (certificates and keys remembered across files)', () => {
  beforeAll(() => rememberAcrossFiles(true));
  afterAll(() => rememberAcrossFiles(false));

  it('is off until a many-file caller turns it on: then every call computes', () => {
    rememberAcrossFiles(false);
    const m = bytesMemo<number>(10);
    let calls = 0;
    m.get(new Uint8Array([1]), () => ++calls);
    m.get(new Uint8Array([1]), () => ++calls);
    expect(calls).toBe(2);
    rememberAcrossFiles(true);
  });

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

  it('computes from its own copy, so a remembered value never views the caller’s buffer', () => {
    const m = bytesMemo<Uint8Array>(10);
    const file = new Uint8Array([0, 5, 6, 7, 0]);
    const seen = m.get(file.subarray(1, 4), (own) => own.subarray(0, 2));
    file.fill(0);
    expect([...m.get(new Uint8Array([5, 6, 7]), () => new Uint8Array())]).toEqual([5, 6]);
    expect([...seen]).toEqual([5, 6]);
  });

  // A browser worker hands the verified file's buffer back (transfer), which detaches every view into it: the
  // next file by the same certifier must still find usable certificate data (this broke badges in the extension).
  it('certificates described from a file whose buffer is later detached still serve the next file', async () => {
    const { root, leaf } = await makeChain();
    const der = leaf.certificate;
    const file = new Uint8Array(der.length + 8);
    file.set(der, 4);
    const inFile = file.subarray(4, 4 + der.length);
    const first = describeCertificate(inFile);
    const before = await buildChain(inFile, [], [root.certificate]);
    structuredClone(file.buffer, { transfer: [file.buffer] });
    expect(file.byteLength).toBe(0);
    expect(describeCertificate(der.slice())).toEqual(first);
    const after = await buildChain(der.slice(), [], [root.certificate]);
    expect(after.status).toBe(before.status);
    expect(after.status).toBe('TRUSTED');
  });
});
