/**
 * The extension's long-term validation (extension/services/ltv.ts over core/ltv): the level setting finishes a
 * final copy at B-LTA through a real TSA (`openssl ts -reply` on 127.0.0.1), the copies due for renewal are listed
 * and renewed in one call, a TSA that does not answer leaves the stored copy exactly as it was, revocation is
 * fetched only from allowed origins, and bad settings are refused with Vietnamese texts. fake-indexeddb.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTimestamper } from '../../../core/ltv/tsa-fetch.js';
import { copyRenewal, finishAtLevel, needsTsa, renewCopy } from '../../../core/ltv/level.js';
import { PADES_LEVELS } from '../../../core/ltv/extend.js';
import { signPdf } from '../../../core/certify/sign-pdf.js';
import { tolerantTimestamper } from '../../../core/certify/tolerant-timestamp.js';
import { CERTIFIER_FIELD } from '../../../core/ecopy/fields.js';
import { httpFetcher } from '../../../core/pki/online/fetcher.js';
import { documentSignatures } from '../../../core/ltv/signatures.js';
import { parsePdf } from '../../../core/pdf/parse/index.js';
import { allowedOriginsFetcher, normaliseOrigin } from '../../../core/pki/online/allowed-origins.js';
import { getCopy, putCopy } from '../../../core/store/copies.js';
import type { CopyRecord, SaoyDatabase } from '../../../core/store/db.js';
import { getSetting, setSetting } from '../../../core/store/settings.js';
import { startsWith } from '../../../core/bytes/concat.js';
import { verifyPdf } from '../../../core/verify/index.js';
import { finishFinalCopy, renewalList, renewCopies, saveLtvSettings, signingTimestamper } from '../../../extension/services/ltv.js';
import { database } from '../../../extension/services/db.js';
import { signerOf } from '../../corpus/pki.js';
import { signedEcopy } from '../../helpers/ecopy-signed.js';
import { freePort, startTsa, type Loopback } from '../../helpers/ltv-servers.js';
import { makeLeaf, makeRoot, makeTempDir, type TestIdentity } from '../../helpers/pki.js';
import { assertTools, skipWithout } from '../../helpers/tools.js';
import { freshDb } from '../store/fresh-db.js';
import { DAY, opensslIssue } from '../trust/fixtures.js';

const docTimestamps = async (pdf: Uint8Array) => (await documentSignatures(pdf, await parsePdf(pdf))).filter((s) => s.kind === 'document-timestamp').length;

async function code(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

describe.skipIf(skipWithout('openssl'))('extension long-term validation (services/ltv) with a loopback TSA', () => {
  const tmp = makeTempDir('saoy-ext-ltv-');
  let tsa: Loopback;
  let root: TestIdentity;
  let tsaRoot: TestIdentity;
  let db: SaoyDatabase;
  let finalPdf: Uint8Array;
  let officer: TestIdentity;
  let n = 0;

  beforeAll(async () => {
    assertTools('openssl');
    tsaRoot = await makeRoot({ subject: { country: 'VN', commonName: 'saoy TEST TSA Root' } });
    const tsaCert = await opensslIssue(tmp.dir, tsaRoot, { cn: 'saoy TEST TSA', days: 730, extensions: ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=critical,timeStamping'] });
    tsa = await startTsa(tmp.dir, () => tsaCert);
    root = await makeRoot({ notBefore: new Date(Date.now() - 100 * DAY) });
    officer = await makeLeaf(root, { subject: { commonName: 'Nguyễn Thị Hồng Nhung' } });
    const office = await makeLeaf(root, { subject: { commonName: 'UBND phường Hạc Thành' } });
    finalPdf = (await signedEcopy({ certifier: signerOf(officer, [root.certificate]), authority: signerOf(office, [root.certificate]) })).final as Uint8Array;
    db = (await freshDb()).db;
  }, 120_000);

  afterAll(async () => {
    await tsa?.close();
    tmp.cleanup();
  });

  async function storeFinal(): Promise<CopyRecord> {
    n++;
    return putCopy(db, { id: `book#${n}`, certNo: `${n}/SCT/BS`, number: n, bookId: 'book', bookNo: '01/2026-SCT/BS', requester: 'Lê Văn Đức', docName: 'Bằng tốt nghiệp', date: '2026-12-04', status: 'final', pdf: finalPdf });
  }

  it('defaults: level B-B, no TSA, revocation fetching off, 12 months; B-B signs without a timestamp', async () => {
    expect(await getSetting(db, 'padesLevel')).toBe('B-B');
    expect(await getSetting(db, 'fetchRevocation')).toBe(false);
    expect(await getSetting(db, 'revocationOrigins')).toEqual([]);
    expect(await getSetting(db, 'renewalMonths')).toBe(12);
    expect(await signingTimestamper(db)).toBeUndefined();
    const copy = await storeFinal();
    const r = await finishFinalCopy(db, copy);
    expect(r.problem).toBeUndefined();
    expect(r.copy.sha256).toBe(copy.sha256);
    // Not listed: an office at B-B does not keep copies long-term.
    expect((await renewalList(db)).find((x) => x.copy.id === copy.id)?.renewal.due).toBe(false);
  });

  it('B-T without a TSA is refused before anything is signed', async () => {
    await setSetting(db, 'padesLevel', 'B-T');
    const e = await signingTimestamper(db).catch((x: unknown) => x as { code: string; vi: string });
    expect(e).toMatchObject({ code: 'LTV_NO_TSA' });
    expect((e as { vi: string }).vi).toMatch(/cần máy chủ cấp dấu thời gian/);
  });

  it('B-LTA: the final copy gets the /DSS and a document timestamp from the TSA, and still verifies', async () => {
    await setSetting(db, 'padesLevel', 'B-LTA');
    await setSetting(db, 'tsaUrl', tsa.url);
    const copy = await storeFinal();
    const before = tsa.requests();
    const r = await finishFinalCopy(db, copy);
    expect(r.problem).toBeUndefined();
    expect(tsa.requests()).toBe(before + 1);
    expect(startsWith(r.copy.pdf, copy.pdf)).toBe(true);
    expect(r.copy.pdf.length).toBeGreaterThan(copy.pdf.length);
    expect(await docTimestamps(r.copy.pdf)).toBe(1);
    expect((await getCopy(db, copy.id))?.sha256).toBe(r.copy.sha256);
    const report = await verifyPdf(r.copy.pdf, { trustAnchors: [root.certificate, tsaRoot.certificate] });
    expect(report.verdict, JSON.stringify([report.reasons, report.ecopyChecks])).toBe('valid');
    expect(report.ltv?.timestamps.some((t) => t.kind === 'document' && t.relied)).toBe(true);
  });

  it('a TSA that does not answer: the copy is kept exactly as signed, the problem is said in Vietnamese', async () => {
    await setSetting(db, 'tsaUrl', `http://127.0.0.1:${await freePort()}/tsa`);
    const copy = await storeFinal();
    const r = await finishFinalCopy(db, copy);
    expect(r.problem?.code).toBe('TSA_UNREACHABLE');
    expect(r.problem?.vi).toMatch(/Không lấy được dấu thời gian/);
    expect((await getCopy(db, copy.id))?.sha256).toBe(copy.sha256);
  });

  it('renewal: copies due are listed (expiring within the margin, or missing the archive timestamp), renewed in one call', async () => {
    await setSetting(db, 'tsaUrl', tsa.url);
    await setSetting(db, 'renewalMonths', 120); // the TSA certificate (2 years) expires within 10 years: due
    const rows = await renewalList(db);
    const due = rows.filter((r) => r.renewal.due);
    expect(due.length).toBe(rows.length);
    expect(new Set(due.map((r) => r.renewal.reason))).toEqual(new Set(['expiring', 'no-timestamp']));
    const olds = await Promise.all(due.map(async (r) => (await getCopy(db, r.copy.id)) as CopyRecord));
    const out = await renewCopies(db, due.map((r) => r.copy.id));
    expect(out.every((o) => o.ok)).toBe(true);
    for (const old of olds) {
      const now = (await getCopy(db, old.id)) as CopyRecord;
      expect(startsWith(now.pdf, old.pdf)).toBe(true);
      expect(await docTimestamps(now.pdf)).toBe((await docTimestamps(old.pdf)) + 1);
      expect(now.extendedAt).toBeTruthy();
    }
    await setSetting(db, 'renewalMonths', 12);
    expect((await renewalList(db)).filter((r) => r.renewal.due)).toEqual([]);
  }, 60_000);

  it('one failing renewal leaves that copy as it was and reports it; the others go on', async () => {
    await setSetting(db, 'renewalMonths', 120);
    const ids = (await renewalList(db)).filter((r) => r.renewal.due).map((r) => r.copy.id);
    const broken = await putCopy(db, { id: 'book#broken', certNo: '99/SCT/BS', number: 99, bookId: 'book', bookNo: '01/2026-SCT/BS', requester: 'x', docName: 'y', date: '2026-12-04', status: 'final', pdf: new TextEncoder().encode('%PDF-1.7\nnot a pdf') });
    const out = await renewCopies(db, [broken.id, ...ids]);
    expect(out[0]).toMatchObject({ id: broken.id, ok: false });
    expect(out[0]?.error?.vi).toBeTruthy();
    expect(out.slice(1).every((o) => o.ok)).toBe(true);
    expect((await getCopy(db, broken.id))?.sha256).toBe(broken.sha256);
  }, 60_000);

  it('a TSA that fails while signing: the signature is made once, without a token, and the failure is kept', async () => {
    const unsigned = (await signedEcopy({ certifier: signerOf(officer, [root.certificate]) })).unsigned;
    let signs = 0;
    const signer = signerOf(officer, [root.certificate]);
    const counting: typeof signer = { ...signer, sign: async (req) => (signs++, signer.sign(req)) };
    const tolerant = tolerantTimestamper(fetchTimestamper(`http://127.0.0.1:${await freePort()}/tsa`, httpFetcher({ timeoutMs: 5000 })));
    const pdf = await signPdf(unsigned, { fieldName: CERTIFIER_FIELD, signer: counting, signingTime: new Date(Date.now() - 60_000), timestamp: tolerant.timestamp });
    expect(signs).toBe(1);
    expect(tolerant.problem()?.code).toBe('TSA_UNREACHABLE');
    const sigs = await documentSignatures(pdf, await parsePdf(pdf));
    expect(sigs).toHaveLength(1);
    expect(sigs[0]?.timestamp).toBeUndefined();
    // With a TSA that answers, the same path puts the token in.
    const ok = tolerantTimestamper(fetchTimestamper(tsa.url, httpFetcher({ timeoutMs: 15_000 })));
    const stamped = await signPdf(unsigned, { fieldName: CERTIFIER_FIELD, signer, signingTime: new Date(Date.now() - 60_000), timestamp: ok.timestamp });
    expect(ok.problem()).toBeUndefined();
    expect((await documentSignatures(stamped, await parsePdf(stamped)))[0]?.timestamp).toBeDefined();
  });

  it('a tolerant timestamper keeps the first failure, wraps a plain error in both languages, passes tokens through', async () => {
    let calls = 0;
    const t = tolerantTimestamper(async () => {
      calls++;
      if (calls === 1) throw new Error('socket hang up');
      if (calls === 2) throw new Error('second');
      return new Uint8Array([7]);
    });
    expect(t.problem()).toBeUndefined();
    expect(await t.timestamp(new Uint8Array(1))).toBeUndefined();
    expect(await t.timestamp(new Uint8Array(1))).toBeUndefined();
    expect(await t.timestamp(new Uint8Array(1))).toEqual(new Uint8Array([7]));
    expect(t.problem()?.code).toBe('TSA_UNREACHABLE');
    expect(t.problem()?.message).toBe('the timestamp authority failed: Error: socket hang up');
    expect(t.problem()?.vi).toBe('Không lấy được dấu thời gian: Error: socket hang up');
  });

  it('core levels: B-B/B-T add nothing, B-LT only the /DSS (no TSA asked), B-LTA and renewal need a TSA', async () => {
    expect(PADES_LEVELS.map(needsTsa)).toEqual([false, true, false, true]);
    const stamp = fetchTimestamper(tsa.url, httpFetcher({ timeoutMs: 15_000 }));
    expect(await finishAtLevel(finalPdf, 'B-B', { timestamp: stamp })).toBeUndefined();
    expect(await finishAtLevel(finalPdf, 'B-T', { timestamp: stamp })).toBeUndefined();
    const before = tsa.requests();
    const lt = await finishAtLevel(finalPdf, 'B-LT', {});
    expect(tsa.requests()).toBe(before);
    expect(lt && startsWith(lt.bytes, finalPdf) && lt.bytes.length > finalPdf.length).toBe(true);
    expect(await docTimestamps((lt as { bytes: Uint8Array }).bytes)).toBe(0);
    expect(lt?.timestampField).toBeUndefined();
    // The extension's own words (where to set the TSA), not the CLI's "--tsa-url".
    await expect(finishAtLevel(finalPdf, 'B-LTA', {})).rejects.toMatchObject({ code: 'LTV_NO_TSA', message: 'B-LTA needs a timestamp authority', vi: 'Mức B-LTA cần máy chủ cấp dấu thời gian: nhập địa chỉ trong Cài đặt' });
    await expect(renewCopy(finalPdf, {})).rejects.toMatchObject({ code: 'LTV_NO_TSA', message: 'renewal needs a timestamp authority', vi: 'Gia hạn cần máy chủ cấp dấu thời gian: nhập địa chỉ trong Cài đặt' });
    // A copy with no timestamp: not due for an office at B-B, due ('no-timestamp') above it.
    expect(await copyRenewal(finalPdf, 12, 'B-B')).toEqual({ due: false, documentTimestamps: 0 });
    expect(await copyRenewal(finalPdf, 12, 'B-T')).toEqual({ due: true, reason: 'no-timestamp', documentTimestamps: 0 });
  });

  it('revocation data only from allowed origins: others are refused without a request', async () => {
    const asked: string[] = [];
    const f = allowedOriginsFetcher(async (req) => {
      asked.push(req.url);
      return new Uint8Array([1]);
    }, ['http://crl.example.vn', 'https://ocsp.example.vn:8443']);
    expect(await f({ url: 'http://crl.example.vn/ca.crl' })).toEqual(new Uint8Array([1]));
    expect(await code(f({ url: 'http://crl.example.vn:8080/ca.crl' }))).toBeDefined(); // another port
    expect(await code(f({ url: 'https://crl.example.vn/ca.crl' }))).toBeDefined(); // another scheme
    expect(await code(f({ url: 'http://127.0.0.1:631/' }))).toBeDefined();
    expect(await code(f({ url: 'https://ocsp.example.vn:8443/' }))).toBeUndefined();
    expect(asked).toEqual(['http://crl.example.vn/ca.crl', 'https://ocsp.example.vn:8443/']);
    expect(normaliseOrigin('https://ca.example.vn:443/')).toBe('https://ca.example.vn');
    expect(normaliseOrigin('https://ca.example.vn/path')).toBeUndefined();
    expect(normaliseOrigin('ftp://ca.example.vn')).toBeUndefined();
    expect(normaliseOrigin('  http://crl.example.vn:8080  ')).toBe('http://crl.example.vn:8080');
    expect(normaliseOrigin('https://ca.example.vn')).toBe('https://ca.example.vn');
    for (const bad of ['https://user@ca.example.vn', 'https://:pw@ca.example.vn', 'https://user:pw@ca.example.vn', 'https://ca.example.vn/?x=1', 'https://ca.example.vn/#h', 'not a url']) {
      expect(normaliseOrigin(bad), bad).toBeUndefined();
    }
    // The refusal names the origin (never the path, which may carry identifiers), or says "the URL" when unparsable.
    await expect(f({ url: 'http://127.0.0.1:631/secret/path' })).rejects.toThrow(/^http:\/\/127\.0\.0\.1:631 is not in the allowed origins$/);
    await expect(f({ url: 'not a url' })).rejects.toThrow(/^the URL is not in the allowed origins$/);
  });

  it('the TSA client names the TSA and says what to do when it refuses', async () => {
    const refusing = fetchTimestamper('http://127.0.0.1:9/tsa', async () => new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x02]));
    const e = (await refusing(new Uint8Array(32)).catch((x: unknown) => x)) as { code: string; vi: string };
    expect(e.code).toBe('TSA_REFUSED');
    expect(e.vi).toMatch(/Máy chủ dấu thời gian http:\/\/127\.0\.0\.1:9/);
  });

  it('the options form is checked before anything is saved', async () => {
    const xdb = await database();
    await setSetting(xdb, 'padesLevel', 'B-B');
    expect(await code(saveLtvSettings({ level: 'B-LTA', tsaUrl: '', fetchRevocation: false, revocationOrigins: [], renewalMonths: 12 }))).toBe('LTV_NO_TSA');
    expect(await code(saveLtvSettings({ level: 'B-T', tsaUrl: 'ftp://tsa', fetchRevocation: false, revocationOrigins: [], renewalMonths: 12 }))).toBe('TSA_URL_INVALID');
    expect(await code(saveLtvSettings({ level: 'B-B', tsaUrl: '', fetchRevocation: true, revocationOrigins: [], renewalMonths: 12 }))).toBe('ORIGINS_EMPTY');
    expect(await code(saveLtvSettings({ level: 'B-B', tsaUrl: '', fetchRevocation: true, revocationOrigins: ['http://crl.example.vn/ca.crl'], renewalMonths: 12 }))).toBe('ORIGIN_INVALID');
    expect(await code(saveLtvSettings({ level: 'B-B', tsaUrl: '', fetchRevocation: false, revocationOrigins: [], renewalMonths: 0 }))).toBe('MONTHS_INVALID');
    expect(await getSetting(xdb, 'padesLevel')).toBe('B-B');
    const saved = await saveLtvSettings({ level: 'B-LTA', tsaUrl: ' http://127.0.0.1:3180/tsa ', fetchRevocation: true, revocationOrigins: ['http://crl.example.vn/', 'http://crl.example.vn'], renewalMonths: 24 });
    expect(saved).toEqual({ level: 'B-LTA', tsaUrl: 'http://127.0.0.1:3180/tsa', fetchRevocation: true, revocationOrigins: ['http://crl.example.vn'], renewalMonths: 24 });
  });
});
