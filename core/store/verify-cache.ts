/**
 * Verification cache keyed by the file's SHA-256. A record remembers the trust generation it was computed
 * under; callers treat another generation as stale and re-check. Bounded: oldest records go first, and the
 * bytes of local files are dropped before the reports.
 */
import type { VerificationReport } from '../verify/report.js';
import type { SaoyDatabase, VerifyCacheRecord } from './db.js';

export interface CachedVerification extends Omit<VerifyCacheRecord, 'report'> {
  report: VerificationReport;
}

export const CACHE_LIMITS = { maxRecords: 2000, maxWithBytes: 50 };

const isHex64 = (s: string) => /^[0-9a-f]{64}$/.test(s);

function isReport(v: unknown): v is VerificationReport {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.verdict === 'string' && typeof r.sha256 === 'string' && Array.isArray(r.signatures) && Array.isArray(r.reasons);
}

export async function getCachedVerification(db: SaoyDatabase, sha256: string): Promise<CachedVerification | undefined> {
  if (!isHex64(sha256)) return undefined;
  const rec = await db.get('verifyCache', sha256);
  if (!rec || !isReport(rec.report)) return undefined;
  return rec as CachedVerification;
}

export async function putCachedVerification(db: SaoyDatabase, rec: CachedVerification): Promise<void> {
  if (!isHex64(rec.sha256)) throw new TypeError('cache key must be a SHA-256 in lowercase hex');
  await db.put('verifyCache', rec);
}

/** Drops the oldest records beyond the limits; cheap enough to call after a batch of puts. */
export async function pruneVerifyCache(db: SaoyDatabase, limits = CACHE_LIMITS): Promise<void> {
  const tx = db.transaction('verifyCache', 'readwrite');
  const rows: { key: string; at: string; bytes: boolean }[] = [];
  for (let c = await tx.store.openCursor(); c; c = await c.continue()) {
    rows.push({ key: c.value.sha256, at: c.value.checkedAt, bytes: c.value.bytes !== undefined });
  }
  rows.sort((a, b) => (a.at < b.at ? 1 : -1)); // newest first
  let withBytes = 0;
  for (const [i, row] of rows.entries()) {
    if (i >= limits.maxRecords) await tx.store.delete(row.key);
    else if (row.bytes && ++withBytes > limits.maxWithBytes) {
      const rec = await tx.store.get(row.key);
      if (rec) {
        delete rec.bytes;
        await tx.store.put(rec);
      }
    }
  }
  await tx.done;
}
