import { beforeAll, describe, expect, it } from 'vitest';
import { ecopyFieldsFor } from '../../../core/book/ecopy-fields';
import { certifyCopy, signAuthority } from '../../../core/certify/certify-copy';
import { isSaoyError } from '../../../core/errors';
import { createDemoIdentity } from '../../../core/signers/demo';
import { loadPkcs12 } from '../../../core/signers/pkcs12';
import { createWebCryptoSigner } from '../../../core/signers/webcrypto';
import type { Signer } from '../../../core/signers/signer';
import { openBook, readRows } from '../../../core/store/book';
import { reserveAndRecord } from '../../../core/store/book-ledger';
import { writeContainer } from '../../../core/store/container';
import { getCopy, markFinal } from '../../../core/store/copies';
import { exportPending, importPending, listPending, PENDING_MAGIC, pendingFileName, readPendingFile } from '../../../core/store/pending';
import { copyFonts, sampleFields, signingDay } from '../../helpers/ecopy';
import { makeJpeg } from '../../helpers/images';
import { draft, freshDb, OFFICE } from './fresh-db';
import { concatBytes } from '../../../core/bytes/concat.js';
import { sha256Hex } from '../../../core/bytes/sha.js';

let certifier: Signer;
let authority: Signer;
let certified: { bookId: string; copyId: string; pdf: Uint8Array; certNo: string };
let clerk: Awaited<ReturnType<typeof freshDb>>;

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return isSaoyError(e) ? e.code : String(e);
  }
  return undefined;
}

beforeAll(async () => {
  const demo = await createDemoIdentity();
  const c = await loadPkcs12(demo.certifierP12, demo.password);
  const a = await loadPkcs12(demo.authorityP12, demo.password);
  certifier = createWebCryptoSigner(c.privateKey, c.certificates);
  authority = createWebCryptoSigner(a.privateKey, a.certificates);
  clerk = await freshDb();
  // The copy is signed now, so it is dated today (Vietnam time) in this year's book.
  const today = signingDay();
  const year = Number(today.slice(0, 4));
  const book = await openBook(clerk.db, { office: OFFICE, year, bookNo: `01/${year}-SCT/BS`, openedOn: `${year}-01-01` });
  const { copy } = await reserveAndRecord(clerk.db, book.config.id, draft({ pages: 1, date: today }), async (r) => {
    const fields = ecopyFieldsFor(r, { pageCount: 1, authority: sampleFields().authority });
    const out = await certifyCopy({ pages: [{ bytes: makeJpeg(120, 160, { dpi: 72 }) }], fields, fonts: copyFonts(), certifier });
    return out.certified;
  });
  certified = { bookId: book.config.id, copyId: copy.id, pdf: copy.pdf, certNo: copy.certNo };
});

describe('authority queue', () => {
  it('lists the certified copy as pending', async () => {
    const pending = await listPending(clerk.db);
    expect(pending.map((p) => [p.certNo, p.status, p.bookNo])).toEqual([['01', 'awaiting-authority', '01/2026-SCT/BS']]);
    expect(pending[0]).not.toHaveProperty('pdf');
    expect(pendingFileName(pending[0])).toBe('so-01-01-2026-SCT-BS.saoy-pending');
  });

  it('exports to one file that another profile imports, then takes the final copy back', async () => {
    const file = await exportPending(clerk.db, certified.copyId);
    expect(new TextDecoder().decode(file.subarray(0, 8))).toBe(PENDING_MAGIC);
    const office = await freshDb(); // the authority's profile
    const read = await readPendingFile(file);
    expect(read.manifest).toMatchObject({ certNo: '01', number: 1, bookNo: '01/2026-SCT/BS', requester: 'Lê Văn Đức', size: certified.pdf.length });
    const imported = await importPending(office.db, file);
    expect(imported).toMatchObject({ id: certified.copyId, status: 'awaiting-authority', certNo: '01' });
    expect(imported.pdf).toEqual(certified.pdf);
    expect(await importPending(office.db, file)).toMatchObject({ id: certified.copyId }); // idempotent

    // The authority signs; both profiles mark the copy final with the same bytes.
    const final = await signAuthority(imported.pdf, authority, { office: OFFICE }, new Date());
    expect((await markFinal(office.db, imported.id, final)).status).toBe('final');
    const back = await markFinal(clerk.db, certified.copyId, final);
    expect(back).toMatchObject({ status: 'final' });
    expect(back.finalizedAt).toBeDefined();
    expect((await getCopy(clerk.db, certified.copyId))?.pdf).toEqual(final);
    expect(await listPending(clerk.db)).toEqual([]);
    expect(await codeOf(exportPending(clerk.db, certified.copyId))).toBe('COPY_NOT_PENDING');
    // The book keeps the certified (rev1) hash; the final copy extends those bytes.
    expect((await readRows(clerk.db, certified.bookId))[0].sha256).toBe((await readPendingFile(file)).manifest.sha256);
  });

  it('refuses a damaged file, a changed PDF, an already final copy and a mismatching number', async () => {
    const file = await exportPending((await freshImport()).db, certified.copyId);
    const office = await freshDb();

    const flipped = file.slice();
    flipped[flipped.length - 100] ^= 1;
    await expect(importPending(office.db, flipped)).rejects.toThrow(/checksum mismatch/);
    expect(await codeOf(importPending(office.db, file.subarray(0, file.length - 1)))).toBe('PENDING_INVALID');
    expect(await codeOf(importPending(office.db, new TextEncoder().encode('%PDF-1.7 not ours')))).toBe('PENDING_INVALID');

    const { manifest } = await readPendingFile(file);
    const repack = async (pdf: Uint8Array, over: Record<string, unknown> = {}) => {
      const sha = await sha256Hex(pdf);
      return concatBytes(await writeContainer(PENDING_MAGIC, { ...manifest, sha256: sha, size: pdf.length, ...over }, [pdf]));
    };
    // A consistent container around a PDF whose signed bytes were changed.
    const tampered = certified.pdf.slice();
    const at = new TextDecoder('latin1').decode(tampered).indexOf('/Producer');
    tampered[at + 2] ^= 0x20;
    await expect(importPending(office.db, await repack(tampered))).rejects.toThrow(/signature is broken/);
    // Already signed by the authority: not pending any more.
    const final = await signAuthority(certified.pdf, authority, { office: OFFICE }, new Date());
    const err = await importPending(office.db, await repack(final)).catch((e: unknown) => e);
    expect(isSaoyError(err) && err.code).toBe('PENDING_INVALID');
    expect(isSaoyError(err) && err.message).toMatch(/exactly the certifier's signature/);
    // Manifest claims another number than the copy's statement.
    await expect(importPending(office.db, await repack(certified.pdf, { certNo: '99' }))).rejects.toThrow(/says number 01, the file's manifest 99/);
    expect(await listPending(office.db)).toEqual([]);
  });

  it('refuses a final copy that is not an update of the stored one', async () => {
    const other = await freshImport();
    expect(await codeOf(markFinal(other.db, certified.copyId, certified.pdf))).toBe('COPY_NOT_AN_UPDATE');
    expect(await codeOf(markFinal(other.db, certified.copyId, concatBytes([new Uint8Array([1]), certified.pdf])))).toBe('COPY_NOT_AN_UPDATE');
    expect(await codeOf(markFinal(other.db, 'missing', certified.pdf))).toBe('COPY_NOT_FOUND');
  });
});

/** A profile holding the certified copy as pending (the clerk's own copy is final after the test above). */
async function freshImport() {
  const p = await freshDb();
  const { putCopy } = await import('../../../core/store/copies');
  await putCopy(p.db, { id: certified.copyId, certNo: certified.certNo, number: 1, bookId: certified.bookId, bookNo: '01/2026-SCT/BS', requester: 'Lê Văn Đức', docName: 'Bằng tốt nghiệp đại học', date: '2026-03-05', status: 'awaiting-authority', pdf: certified.pdf });
  return p;
}
