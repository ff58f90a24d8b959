/**
 * resolveTrust: anchors per purpose, intermediates, the list an anchor came from, and the one-entry cache that lets
 * many files resolve the same lists once (a fresh empty array from the caller must not defeat it; a changed list must).
 */
import { describe, expect, it } from 'vitest';
import { builtinTrustLists, resolveTrust, type TrustList } from '../../../core/pki/trust-lists.js';

const b = (...v: number[]) => new Uint8Array(v);

describe('resolveTrust', () => {
  const a1 = b(1, 1);
  const a2 = b(2, 2);
  const tsa = b(3, 3);
  const mid = b(9);
  const lists = (): TrustList[] => [
    { id: 'vgca', anchors: [a1], intermediates: [mid] },
    { id: 'neac', anchors: [a2, a1] },
    { id: 'neac-tsa', purpose: 'timestamping', anchors: [tsa] },
  ];

  it('signing anchors, timestamp anchors (signing ones too), intermediates, and the first list holding an anchor', () => {
    const t = resolveTrust(lists());
    expect(t.anchors).toEqual([a1, a2, a1]);
    expect(t.timestampAnchors).toEqual([a1, a2, a1, tsa]);
    expect(t.intermediates).toEqual([mid]);
    expect(t.listOf(a1)).toBe('vgca');
    expect(t.listOf(b(1, 1))).toBe('vgca'); // equal bytes in another array
    expect(t.listOf(a2)).toBe('neac');
    expect(t.listOf(tsa)).toBe('neac-tsa');
    expect(t.listOf(b(1))).toBeUndefined();
    expect(t.listOf(mid)).toBeUndefined(); // an intermediate is never an anchor
  });

  it('the same lists again give the same resolution, also when the caller passes a fresh empty array each time', () => {
    const shared = lists();
    const first = resolveTrust([{ id: 'user', anchors: [] }, ...shared]);
    expect(resolveTrust([{ id: 'user', anchors: [] }, ...shared])).toBe(first);
    expect(resolveTrust([{ id: 'user', anchors: [], intermediates: [] }, ...shared])).toBe(first);
  });

  it('a list whose anchors changed, grew in place, or changed purpose or id is resolved again', () => {
    const shared = lists();
    const first = resolveTrust(shared);
    const other = [{ ...shared[0], anchors: [a2] }, shared[1], shared[2]];
    const second = resolveTrust(other);
    expect(second).not.toBe(first);
    expect(second.listOf(a2)).toBe('vgca');
    (other[0].anchors as Uint8Array[]).push(tsa); // grown in place
    const third = resolveTrust(other);
    expect(third).not.toBe(second);
    expect(third.anchors).toContain(tsa);
    const asTsa = resolveTrust([{ ...other[0], purpose: 'timestamping' }, other[1], other[2]]);
    expect(asTsa.anchors).not.toContain(tsa);
    const renamed = resolveTrust([{ ...other[0], purpose: 'timestamping', id: 'x' }, other[1], other[2]]);
    expect(renamed.listOf(a2)).toBe('x');
    const nonEmpty = resolveTrust([{ id: 'user', anchors: [b(7)] }, ...shared]);
    expect(nonEmpty.listOf(b(7))).toBe('user');
    expect(resolveTrust([{ id: 'user', anchors: [b(8)] }, ...shared]).listOf(b(7))).toBeUndefined();
  });
});

describe('builtinTrustLists', () => {
  const cert = (list: 'vgca' | 'neac' | 'neac-tsa' | 'legacy', role: 'anchor' | 'intermediate', v: number) => ({
    file: `${list}-${v}.pem`, list, role, sha256: String(v).repeat(64).slice(0, 64), der: new Uint8Array([v]), subject: `CN=${v}`, notBefore: '', notAfter: '',
  });
  const loaded = [cert('vgca', 'anchor', 1), cert('vgca', 'intermediate', 2), cert('neac', 'anchor', 3), cert('neac', 'intermediate', 4), cert('neac-tsa', 'anchor', 5), cert('legacy', 'anchor', 6)];

  it('each enabled list gets its own anchors and its own intermediates, nothing of another list or role', () => {
    const byId = Object.fromEntries(builtinTrustLists(loaded, ['vgca', 'neac', 'neac-tsa']).map((l) => [l.id, l]));
    expect(Object.keys(byId).sort()).toEqual(['neac', 'neac-tsa', 'vgca']);
    expect(byId.vgca.anchors).toEqual([new Uint8Array([1])]);
    expect(byId.vgca.intermediates).toEqual([new Uint8Array([2])]);
    expect(byId.neac.anchors).toEqual([new Uint8Array([3])]);
    expect(byId.neac.intermediates).toEqual([new Uint8Array([4])]);
    expect(byId['neac-tsa']).toMatchObject({ purpose: 'timestamping', anchors: [new Uint8Array([5])], intermediates: [] });
    expect(byId.vgca.purpose).toBe('signing');
  });

  it('legacy only when asked for; the default is the lists enabled by default', () => {
    expect(builtinTrustLists(loaded).map((l) => l.id)).not.toContain('legacy');
    expect(builtinTrustLists(loaded, ['legacy'])).toEqual([{ id: 'legacy', purpose: 'signing', anchors: [new Uint8Array([6])], intermediates: [] }]);
  });
});
