/**
 * Storage errors as SaoyErrors. A full disk/quota must tell the clerk what to do (back up, then delete old
 * copies); the failing transaction is aborted as a whole, so nothing stored before is lost or half-written.
 */
import { SaoyError } from '../errors.js';

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

function errorName(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string' ? (e as { name: string }).name : undefined;
}

export function isQuotaError(e: unknown): boolean {
  for (let x = e, depth = 0; x && depth < 4; x = (x as { cause?: unknown }).cause, depth++) {
    if (QUOTA_NAMES.has(errorName(x) ?? '') || (x as { code?: unknown }).code === 22) return true;
  }
  return false;
}

export function quotaError(cause?: unknown): SaoyError {
  return new SaoyError(
    'STORE_QUOTA',
    "the browser's storage is full: back up, then delete old copies",
    'Bộ nhớ của trình duyệt đã đầy: hãy sao lưu rồi xóa bớt bản sao cũ',
    { cause },
  );
}

/** SaoyErrors pass; quota errors become STORE_QUOTA; other IndexedDB (DOMException) errors STORE_FAILED. */
export function mapStoreError(e: unknown): unknown {
  if (e instanceof SaoyError) return e;
  if (isQuotaError(e)) return quotaError(e);
  if (typeof DOMException !== 'undefined' && e instanceof DOMException) {
    return new SaoyError('STORE_FAILED', `the browser's storage failed (${e.name}: ${e.message})`, `Lỗi bộ nhớ của trình duyệt (${e.name}: ${e.message})`, { cause: e });
  }
  return e;
}
