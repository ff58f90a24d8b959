/** Any error as one sentence in the UI's language: SaoyErrors carry both; a few codes get a fuller explanation. */
import { isSaoyError } from '../../../core/errors.js';
import { lang, t } from './i18n.js';

/** Codes whose message the UI words itself (what to do next, not only what went wrong). */
const EXPLAINED = new Set(['P12_WRONG_PASSWORD', 'P12_INVALID', 'STORE_QUOTA', 'BOOK_ENTRY_CANCELLED', 'BOOK_YEAR_MISMATCH', 'CERT_EXPIRED']);

export function errorText(e: unknown): string {
  if (isSaoyError(e)) {
    const core = lang() === 'vi' ? e.vi : e.message;
    return EXPLAINED.has(e.code) ? t(`err_${e.code}`, core) : core;
  }
  if (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'QuotaExceededError') return t('err_STORE_QUOTA', '');
  return t('err_unexpected', e instanceof Error ? e.message : String(e));
}

export function errorCode(e: unknown): string | undefined {
  return isSaoyError(e) ? e.code : undefined;
}
