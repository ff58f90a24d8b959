/** Built-in trust lists in the extension's store: on by default (legacy off), a switch bumps the trust generation. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { loadBuiltinCertificates } from '../../../core/pki/trust-builtin.js';
import { enabledBuiltinLists, extensionTrustLists, setBuiltinListEnabled } from '../../../core/store/builtin-trust.js';
import { getSetting, setSetting } from '../../../core/store/settings.js';
import { addTrustAnchors, listTrustAnchors } from '../../../core/store/trust-anchors.js';
import { makeRoot } from '../../helpers/pki.js';
import { freshDb } from './fresh-db.js';

describe('built-in trust lists in the store', () => {
  it('VGCA, NEAC and NEAC TSA on by default, legacy off; switching bumps the generation once per real change', async () => {
    const { db } = await freshDb();
    expect(await enabledBuiltinLists(db)).toEqual(['vgca', 'neac', 'neac-tsa']);
    const g0 = await getSetting(db, 'trustGeneration');
    await setBuiltinListEnabled(db, 'vgca', false);
    expect(await enabledBuiltinLists(db)).toEqual(['neac', 'neac-tsa']);
    expect(await getSetting(db, 'trustGeneration')).toBe(g0 + 1);
    await setBuiltinListEnabled(db, 'vgca', false); // no change, no bump
    expect(await getSetting(db, 'trustGeneration')).toBe(g0 + 1);
    await setBuiltinListEnabled(db, 'legacy', true);
    expect(await enabledBuiltinLists(db)).toEqual(['neac', 'neac-tsa', 'legacy']);
    expect(await getSetting(db, 'trustGeneration')).toBe(g0 + 2);
    // A bad stored value falls back to the default rather than trusting something unknown.
    await expect(setSetting(db, 'builtinTrustLists', ['vgca', 'my-own'])).rejects.toThrow();
  });

  it('the lists the extension verifies with: built-in (enabled only), demo, and the user\'s imports', async () => {
    const { db } = await freshDb();
    const [demoRoot, userRoot] = await Promise.all([makeRoot(), makeRoot()]);
    await addTrustAnchors(db, [demoRoot.certificate], 'demo');
    await addTrustAnchors(db, [userRoot.certificate], 'vgca'); // filed under "VGCA" by the user: still the user's anchor
    const lists = await extensionTrustLists(['neac'], await listTrustAnchors(db));
    expect(lists.map((l) => [l.id, l.anchors.length])).toEqual([['neac', 2], ['demo', 1], ['user', 1]]);
    const loaded = await loadBuiltinCertificates();
    expect(lists[0].anchors).toEqual(loaded.filter((c) => c.list === 'neac' && c.role === 'anchor').map((c) => c.der));
    expect(lists[2].anchors[0]).toEqual(userRoot.certificate);
  });
});
