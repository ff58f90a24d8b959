/**
 * The report page's "Kiểm tra trực tuyến": core's online check with the extension's trust, its answer stored in
 * the verification cache (same trust generation) so the report keeps saying where the answers came from.
 */
import { httpFetcher } from '../../core/pki/online/fetcher.js';
import { putCachedVerification, type CachedVerification } from '../../core/store/verify-cache.js';
import { verifyPdfOnline } from '../../core/verify/online.js';
import { database } from './db.js';
import { currentTrust } from './verify.js';

export async function checkOnline(rec: CachedVerification, bytes: Uint8Array): Promise<CachedVerification> {
  const trust = await currentTrust();
  const report = await verifyPdfOnline(bytes, { trustAnchors: [], trustLists: trust.lists, fileName: rec.fileName }, httpFetcher());
  const fresh: CachedVerification = { ...rec, report, trustGeneration: trust.generation, checkedAt: new Date().toISOString() };
  await putCachedVerification(await database(), fresh);
  return fresh;
}
