/**
 * The bytes behind a cached report: kept locally for files the user chose, otherwise fetched again from the
 * attachment URL and accepted only if they still hash to the same SHA-256. The re-fetch sends the user's
 * cookies exactly when the badge's fetch did (an attachment on the portal page's own origin): a portal behind
 * a login serves nothing to a fetch without them, and "Tải bản đã kiểm tra" would fail there.
 */
import type { CachedVerification } from '../../../core/store/verify-cache.js';
import { DEFAULT_FETCH_LIMITS, fetchAttachment } from '../../services/fetch-attachment.js';
import type { FetchErrorKind } from '../../shared/messages.js';
import { sha256Hex } from '../../../core/bytes/sha.js';

export type SourceBytes = { ok: true; bytes: Uint8Array } | { ok: false; why: 'gone' | 'changed' | FetchErrorKind; status?: number };

export async function sourceBytes(rec: CachedVerification): Promise<SourceBytes> {
  if (rec.bytes) return { ok: true, bytes: rec.bytes };
  if (!rec.source) return { ok: false, why: 'gone' };
  const got = await fetchAttachment(rec.source, { ...DEFAULT_FETCH_LIMITS, credentials: rec.sourceCredentials === true });
  if (!got.ok) return { ok: false, why: got.kind, ...(got.status !== undefined ? { status: got.status } : {}) };
  if ((await sha256Hex(got.bytes)) !== rec.sha256) return { ok: false, why: 'changed' };
  return got;
}
