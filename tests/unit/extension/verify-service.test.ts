/** The extension's verification service: cache by SHA-256, re-check when the trust generation moves. */
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { certifyCopy } from '../../../core/certify/certify-copy.js';
import { createDemoIdentity, DEMO_NAMES } from '../../../core/signers/demo.js';
import { loadPkcs12 } from '../../../core/signers/pkcs12.js';
import { createWebCryptoSigner } from '../../../core/signers/webcrypto.js';
import { addTrustAnchors, listTrustAnchors, removeTrustAnchor } from '../../../core/store/trust-anchors.js';
import { getCachedVerification } from '../../../core/store/verify-cache.js';
import { database } from '../../../extension/services/db.js';
import { verifyBytes, verifyThenStore } from '../../../extension/services/verify.js';
import { sha256Hex } from '../../../core/bytes/sha.js';
import { copyFonts, sampleFields, signingDay } from '../../helpers/ecopy.js';
import { makeJpeg } from '../../helpers/images.js';

let copy: Uint8Array;
let root: Uint8Array;

beforeAll(async () => {
  const id = await createDemoIdentity();
  root = id.rootCertificate;
  const c = await loadPkcs12(id.certifierP12, id.password);
  const a = await loadPkcs12(id.authorityP12, id.password);
  const made = await certifyCopy({
    pages: [{ bytes: makeJpeg(200, 260, { dpi: 50 }), name: 'p.jpg' }],
    // Statement consistent with the demo certificates and the signing day, so the e-copy checks pass.
    fields: sampleFields({ date: signingDay(new Date(Date.now() - 60_000)), office: `${DEMO_NAMES.authority.organization}, tỉnh Thanh Hóa`, certifier: DEMO_NAMES.certifier.commonName }),
    fonts: copyFonts(),
    certifier: createWebCryptoSigner(c.privateKey, c.certificates),
    authority: createWebCryptoSigner(a.privateKey, a.certificates),
    signingTime: new Date(Date.now() - 60_000),
  });
  copy = made.final as Uint8Array;
});

describe('verifyBytes', () => {
  it('verifies once, answers from the cache after, and re-checks when trust changes', async () => {
    const first = await verifyBytes(copy, { fileName: 'a.pdf', source: 'http://127.0.0.1/a.pdf' });
    expect(first).toMatchObject({ cached: false, report: { verdict: 'indeterminate' } });
    expect((await verifyBytes(copy)).cached).toBe(true);

    const db = await database();
    await addTrustAnchors(db, [root], 'demo');
    const trusted = await verifyBytes(copy);
    expect(trusted).toMatchObject({ cached: false, report: { verdict: 'valid' } });
    expect((await getCachedVerification(db, trusted.report.sha256))?.source).toBe('http://127.0.0.1/a.pdf');

    await removeTrustAnchor(db, (await listTrustAnchors(db))[0].id);
    expect(await verifyBytes(copy)).toMatchObject({ cached: false, report: { verdict: 'indeterminate' } });
  });

  it("answers before the cache write and reports the file's own SHA-256 (hashed once, reused by core)", async () => {
    const other = new Uint8Array([...copy, 0x0a, 0x0a]);
    const db = await database();
    const { outcome, stored } = await verifyThenStore(other, { source: 'http://127.0.0.1/b.pdf' });
    expect(outcome.cached).toBe(false);
    expect(outcome.report.sha256).toBe(await sha256Hex(other));
    expect(outcome.report.signatures.length).toBeGreaterThan(0);
    await stored;
    expect((await getCachedVerification(db, outcome.report.sha256))?.source).toBe('http://127.0.0.1/b.pdf');
    expect((await verifyBytes(other)).cached).toBe(true);
  });

  it('keeps the bytes of a local file for the report page', async () => {
    const local = new Uint8Array([...copy, 0x0a]); // one more EOL after %%EOF: another file, another hash
    const { report } = await verifyBytes(local, { fileName: 'local.pdf', keepBytes: true });
    expect((await getCachedVerification(await database(), report.sha256))?.bytes?.length).toBe(local.length);
  });
});
