import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../core/book/canonical';
import { formatCertNo, suggestBookNo } from '../../../core/book/numbering';
import { buildLedger } from './ledger-fixture';

describe('canonical encoding', () => {
  it('sorts keys, drops undefined, keeps UTF-8 text as is', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'Đức'], c: undefined, nested: { z: 0, y: 'x' } })).toBe('{"a":[true,null,"Đức"],"b":1,"nested":{"y":"x","z":0}}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('refuses what has no single spelling', () => {
    expect(() => canonicalJson({ fee: 1.5 })).toThrow(TypeError);
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(TypeError);
    expect(() => canonicalJson({ b: new Uint8Array(1) })).toThrow(TypeError);
  });

  it('says why it refuses', () => {
    expect(() => canonicalJson({ fee: 1.5 })).toThrow('canonical JSON takes safe integers only, got 1.5');
    expect(() => canonicalJson(2 ** 53)).toThrow(`canonical JSON takes safe integers only, got ${2 ** 53}`);
    expect(() => canonicalJson([undefined])).toThrow('canonical JSON cannot encode undefined');
    expect(() => canonicalJson(() => 1)).toThrow('canonical JSON cannot encode function');
    expect(() => canonicalJson(1n)).toThrow('canonical JSON cannot encode bigint');
    expect(() => canonicalJson(Object.create(null))).toThrow('canonical JSON cannot encode object');
  });

  it('hashes a ledger deterministically', () => {
    const one = buildLedger(5).records.map((r) => r.hash);
    expect(buildLedger(5).records.map((r) => r.hash)).toEqual(one);
    expect(new Set(one).size).toBe(one.length);
  });
});

describe('numbering helpers', () => {
  it('formats numbers with padding and suffix', () => {
    expect(formatCertNo(1, { numberDigits: 2, numberSuffix: '' })).toBe('01');
    expect(formatCertNo(15, { numberDigits: 2, numberSuffix: '/ĐT' })).toBe('15/ĐT');
    expect(formatCertNo(1234, { numberDigits: 2, numberSuffix: '' })).toBe('1234');
  });

  it('suggests the next book number', () => {
    const { book } = buildLedger(1);
    expect(suggestBookNo([book], book.config.office, book.config.series, 2026)).toBe('02/2026-SCT/BS');
    expect(suggestBookNo([book], book.config.office, book.config.series, 2027)).toBe('01/2027-SCT/BS');
  });
});
