/**
 * Verification in extension context (background and extension pages share it): SHA-256 → cache lookup under
 * the current trust generation → core verifyPdf → cache. Core is used as is, never forked.
 */
import { getSetting } from '../../core/store/settings.js';
import type { TrustList } from '../../core/pki/trust-lists.js';
import { enabledBuiltinLists, extensionTrustLists } from '../../core/store/builtin-trust.js';
import { trustSnapshot } from '../../core/store/trust-anchors.js';
import { getCachedVerification, pruneVerifyCache, putCachedVerification, type CachedVerification } from '../../core/store/verify-cache.js';
import { verifyPdf } from '../../core/verify/index.js';
import type { VerificationReport } from '../../core/verify/report.js';
import { database } from './db.js';
import { sha256 as sha256Of } from '../../core/bytes/sha.js';
import { toHex } from '../../core/bytes/hex.js';
import { webCryptoDigester, type RangeDigester } from '../../core/verify/hash.js';

export interface VerifyMeta {
  fileName?: string;
  /** URL the bytes came from (portal attachments). */
  source?: string;
  /** The fetch of `source` sent the user's cookies (decided by the background's origin policy). */
  credentials?: boolean;
  /** Keep the bytes in the cache (local files: there is nowhere to fetch them again). */
  keepBytes?: boolean;
  /** In a worker: reply once the report is known, before its cache record is written (portal badges; see verifyThenStore). */
  answerBeforeStored?: boolean;
}

export interface VerifyOutcome {
  report: VerificationReport;
  /** The report came from the cache (same file, same trust generation). */
  cached: boolean;
}

/** Files above this are refused before reading them into memory (core has the same default limit). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
/**
 * Files up to this size are kept so the report page can open the signed revision and save the verified bytes
 * later: every file saoy accepts (a 30 MiB cap left larger local files without "open the signed revision").
 * The cache keeps bytes for its newest records only (core/store/verify-cache.ts).
 */
const MAX_KEPT_BYTES = MAX_FILE_BYTES;

let anchorsMemo: { generation: number; lists: TrustList[] } | undefined;
let putsSincePrune = 0;

export async function verifyBytes(bytes: Uint8Array, meta: VerifyMeta = {}): Promise<VerifyOutcome> {
  const { outcome, stored } = await verifyThenStore(bytes, meta);
  await stored;
  return outcome;
}

/**
 * The outcome as soon as it is known, and the cache write still under way (`stored`): a badge need not wait for the
 * database's commit (a reload that comes sooner than that only verifies once more). Pages that open the report
 * right after verifying use verifyBytes, which waits for both.
 */
export async function verifyThenStore(bytes: Uint8Array, meta: VerifyMeta = {}, interrupt?: () => void): Promise<{ outcome: VerifyOutcome; stored: Promise<void> }> {
  const db = await database();
  const digest = await sha256Of(bytes);
  const sha256 = toHex(digest);
  const trust = await currentTrust();
  const generation = trust.generation;
  const hit = await getCachedVerification(db, sha256);
  if (hit && hit.trustGeneration === generation) {
    if (meta.keepBytes && !hit.bytes && bytes.length <= MAX_KEPT_BYTES) await putCachedVerification(db, { ...hit, bytes });
    // The same bytes seen at another link: the report's "save the verified bytes" fetches from where they are now.
    else if (meta.source !== undefined && (meta.source !== hit.source || (meta.credentials !== undefined && meta.credentials !== hit.sourceCredentials))) {
      await putCachedVerification(db, { ...hit, source: meta.source, ...(meta.credentials !== undefined ? { sourceCredentials: meta.credentials } : {}) });
    }
    return { outcome: { report: hit.report, cached: true }, stored: Promise.resolve() };
  }
  const report = await verifyPdf(bytes, { trustAnchors: [], trustLists: trust.lists, fileName: meta.fileName ?? hit?.fileName, interrupt }, { createDigester: () => knownFileHash(bytes, digest) });
  const rec: CachedVerification = {
    sha256,
    trustGeneration: generation,
    report,
    checkedAt: new Date().toISOString(),
    fileName: meta.fileName ?? hit?.fileName,
    source: meta.source ?? hit?.source,
    sourceCredentials: meta.source !== undefined && meta.credentials !== undefined ? meta.credentials : hit?.sourceCredentials,
    bytes: meta.keepBytes && bytes.length <= MAX_KEPT_BYTES ? bytes : hit?.bytes,
  };
  if (rec.bytes === undefined) delete rec.bytes;
  if (rec.sourceCredentials === undefined) delete rec.sourceCredentials;
  const stored = putCachedVerification(db, rec).then(async () => {
    if (++putsSincePrune >= 100) {
      putsSincePrune = 0;
      await pruneVerifyCache(db);
    }
  });
  return { outcome: { report, cached: false }, stored };
}

/** Core hashes the whole file for its report: these very bytes were just hashed for the cache key, once is enough. */
function knownFileHash(bytes: Uint8Array, sha256OfBytes: Uint8Array): RangeDigester {
  return (algorithm, b, spans) =>
    algorithm === 'SHA-256' && b === bytes && spans.length === 1 && spans[0][0] === 0 && spans[0][1] === bytes.length
      ? Promise.resolve(sha256OfBytes.slice())
      : webCryptoDigester(algorithm, b, spans);
}

/** Anchors are re-read only when the generation moved (one small settings read per file otherwise). */
export async function currentTrust(): Promise<{ generation: number; lists: TrustList[] }> {
  const db = await database();
  if (anchorsMemo && (await getSetting(db, 'trustGeneration')) === anchorsMemo.generation) return anchorsMemo;
  const snap = await trustSnapshot(db);
  anchorsMemo = { generation: snap.generation, lists: await extensionTrustLists(await enabledBuiltinLists(db), snap.anchors) };
  return anchorsMemo;
}

/** The trust generation now (the report page compares a cached record against it). */
export async function trustGeneration(): Promise<number> {
  return getSetting(await database(), 'trustGeneration');
}
