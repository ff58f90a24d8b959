/**
 * Issue 12 UX defect: importing a certificate again under the other role silently dropped the first import.
 * Now the clerk is asked; on "no" (or without a question) nothing changes and the message says why.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isSaoyError } from '../../../core/errors';
import { createDemoIdentity, type DemoIdentity } from '../../../core/signers/demo';
import { getKey, importPkcs12ToStore, listKeys, setKeyImage } from '../../../core/store/keys';
import { makePng } from '../../helpers/images';
import { freshDb } from './fresh-db';

let demo: DemoIdentity;
beforeAll(async () => {
  demo = await createDemoIdentity();
});

describe('one certificate, one role: never changed silently', () => {
  it('refuses the other role without a question, and changes nothing', async () => {
    const { db } = await freshDb();
    const first = await importPkcs12ToStore(db, demo.certifierP12, demo.password, 'certifier', { label: 'Chị Demo' });
    const err = await importPkcs12ToStore(db, demo.certifierP12, demo.password, 'authority').catch((e: unknown) => e);
    expect(isSaoyError(err) && err.code).toBe('KEY_OTHER_ROLE');
    expect(isSaoyError(err) && err.vi).toMatch(/đã có trong danh sách với vai trò Người thực hiện chứng thực \(“Chị Demo”\); không thay đổi gì/);
    expect((await listKeys(db)).map((k) => [k.id, k.role, k.label])).toEqual([[first.id, 'certifier', 'Chị Demo']]);
  });

  it('asks with the stored key; "no" keeps it, "yes" moves it to the new role without the old image', async () => {
    const { db } = await freshDb();
    const first = await importPkcs12ToStore(db, demo.certifierP12, demo.password, 'certifier');
    await setKeyImage(db, first.id, makePng(40, 20));
    const asked: string[] = [];
    const no = await importPkcs12ToStore(db, demo.certifierP12, demo.password, 'authority', {
      confirmRoleChange: (stored) => (asked.push(`${stored.role}:${stored.id}`), false),
    }).catch((e: unknown) => e);
    expect(isSaoyError(no) && no.code).toBe('KEY_OTHER_ROLE');
    expect(asked).toEqual([`certifier:${first.id}`]);
    expect((await getKey(db, first.id))?.role).toBe('certifier');
    expect((await getKey(db, first.id))?.signatureImage).toBeDefined();

    const moved = await importPkcs12ToStore(db, demo.certifierP12, demo.password, 'authority', { confirmRoleChange: () => true });
    expect(moved).toMatchObject({ id: first.id, role: 'authority' });
    expect(moved.imageBytes).toBeUndefined(); // a signature image is not a seal
    expect((await listKeys(db)).map((k) => k.role)).toEqual(['authority']);
  });

  it('the same role again keeps the key\'s image and asks nothing', async () => {
    const { db } = await freshDb();
    const first = await importPkcs12ToStore(db, demo.authorityP12, demo.password, 'authority');
    await setKeyImage(db, first.id, makePng(40, 40));
    const again = await importPkcs12ToStore(db, demo.authorityP12, demo.password, 'authority', {
      confirmRoleChange: () => {
        throw new Error('must not ask');
      },
    });
    expect(again.imageBytes).toBeGreaterThan(0);
  });
});
