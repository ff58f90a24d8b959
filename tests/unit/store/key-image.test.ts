/** The image drawn in a key's visible signatures (keys page): PNG/JPEG within the cap, stored with the key, removable. */
import { describe, expect, it } from 'vitest';
import { createDemoIdentity } from '../../../core/signers/demo';
import { getKey, importPkcs12ToStore, listKeys, setKeyImage } from '../../../core/store/keys';
import { makeJpeg, makePng } from '../../helpers/images';
import { freshDb } from './fresh-db';

describe('key images', () => {
  it('stores a seal image with the authority key, refuses other formats and oversized files, removes it', async () => {
    const { db } = await freshDb();
    const id = await createDemoIdentity();
    const key = await importPkcs12ToStore(db, id.authorityP12, id.password, 'authority');
    const seal = makePng(120, 120);
    await setKeyImage(db, key.id, seal);
    expect((await getKey(db, key.id))?.signatureImage).toEqual(seal);
    expect((await listKeys(db))[0].imageBytes).toBe(seal.length);

    await expect(setKeyImage(db, key.id, new TextEncoder().encode('GIF89a......'))).rejects.toMatchObject({ code: 'SIGNATURE_IMAGE_INVALID' });
    const huge = new Uint8Array(300 * 1024);
    huge.set(makeJpeg(8, 8));
    await expect(setKeyImage(db, key.id, huge)).rejects.toMatchObject({ code: 'SIGNATURE_IMAGE_TOO_LARGE' });
    expect((await getKey(db, key.id))?.signatureImage).toEqual(seal); // a refused image changes nothing

    await setKeyImage(db, key.id, undefined);
    expect((await getKey(db, key.id))?.signatureImage).toBeUndefined();
    expect((await listKeys(db))[0].imageBytes).toBeUndefined();
    await expect(setKeyImage(db, 'nope', seal)).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' });
  });
});
