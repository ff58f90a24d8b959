import { beforeAll, describe, expect, it } from 'vitest';
import { isSaoyError } from '../../../core/errors';
import { createDemoIdentity, DEMO_NAMES, type DemoIdentity } from '../../../core/signers/demo';
import { openSaoyDb } from '../../../core/store/db';
import { getKey, importPkcs12ToStore, listKeys, putKey, removeKey, signerForKey } from '../../../core/store/keys';
import { freshDb } from './fresh-db';

let demo: DemoIdentity;
beforeAll(async () => {
  demo = await createDemoIdentity();
});

describe('key store', () => {
  it('imports a PKCS#12 file; the key survives IndexedDB as a non-extractable CryptoKey that still signs', async () => {
    const { db, name } = await freshDb();
    const info = await importPkcs12ToStore(db, demo.certifierP12, demo.password, 'certifier');
    expect(info).toMatchObject({ role: 'certifier', demo: true, label: DEMO_NAMES.certifier.commonName, keyAlgorithm: 'RSA', chainLength: 2, expired: false });
    expect(info.subject).toContain('CN=Nguyễn Thị Demo (DEMO)');
    expect(info.issuer).toContain('saoy DEMO Root CA');
    expect(info.id).toMatch(/^[0-9a-f]{64}$/);
    db.close();

    // A new connection reads the structured clone back from (fake) IndexedDB.
    const again = await openSaoyDb(name);
    const stored = await getKey(again, info.id);
    expect(stored?.privateKey).toBeInstanceOf(CryptoKey);
    expect(stored?.privateKey.extractable).toBe(false);
    await expect(globalThis.crypto.subtle.exportKey('pkcs8', stored!.privateKey)).rejects.toThrow();
    await expect(globalThis.crypto.subtle.exportKey('jwk', stored!.privateKey)).rejects.toThrow();
    // Nothing but these fields is kept: no password, no PKCS#12 bytes.
    expect(Object.keys(stored!).sort()).toEqual(['certificates', 'createdAt', 'demo', 'id', 'label', 'notAfter', 'privateKey', 'role', 'subject']);
    const signer = await signerForKey(again, info.id);
    const data = new TextEncoder().encode('signed attributes');
    expect((await signer.sign({ data, digest: new Uint8Array(32) })).length).toBe(256);
  });

  it('lists by role, replaces the same identity, removes', async () => {
    const { db } = await freshDb();
    const a = await importPkcs12ToStore(db, demo.certifierP12, 'demo', 'certifier');
    const b = await importPkcs12ToStore(db, demo.authorityP12, 'demo', 'authority', { label: 'Con dấu phường' });
    await importPkcs12ToStore(db, demo.certifierP12, 'demo', 'certifier', { label: 'Chị Demo' });
    expect((await listKeys(db)).map((k) => k.label)).toEqual(['Chị Demo', 'Con dấu phường']);
    expect((await listKeys(db, 'authority')).map((k) => k.id)).toEqual([b.id]);
    expect(await removeKey(db, a.id)).toBe(true);
    expect(await removeKey(db, a.id)).toBe(false);
    expect((await listKeys(db)).map((k) => k.id)).toEqual([b.id]);
  });

  it('reports expiry relative to now', async () => {
    const { db } = await freshDb();
    await importPkcs12ToStore(db, demo.certifierP12, 'demo', 'certifier');
    const [k] = await listKeys(db, undefined, { now: new Date(Date.now() + 5 * 365 * 86_400_000) });
    expect(k.expired).toBe(true);
  });

  it('refuses a wrong password and an extractable key', async () => {
    const { db } = await freshDb();
    const wrong = await importPkcs12ToStore(db, demo.certifierP12, 'nope', 'certifier').catch((e: unknown) => e);
    expect(isSaoyError(wrong) && wrong.code).toBe('P12_WRONG_PASSWORD');
    const keys = await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
    const bad = await putKey(db, { privateKey: keys.privateKey, certificates: [], role: 'certifier' }).catch((e: unknown) => e);
    expect(isSaoyError(bad) && bad.code).toBe('KEY_EXTRACTABLE');
    expect(await listKeys(db)).toEqual([]);
  });
});
