/** SaoyError codes of the book (stable: the UI looks them up). */
import { SaoyError } from '../errors.js';

export type BookErrorCode =
  | 'BOOK_NOT_FOUND'
  | 'BOOK_CLOSED'
  | 'BOOK_YEAR_CLOSED'
  | 'BOOK_EXISTS'
  | 'BOOK_INVALID'
  | 'BOOK_YEAR_MISMATCH'
  | 'BOOK_DATE_BEFORE_LAST'
  | 'BOOK_CORRUPT'
  | 'BOOK_HAS_RESERVATIONS'
  | 'BOOK_ENTRY_NOT_FOUND'
  | 'BOOK_ENTRY_NOT_RESERVED'
  | 'BOOK_ENTRY_CANCELLED'
  | 'BOOK_DRAFT_INVALID'
  | 'FEE_RULES_INVALID';

export function bookError(code: BookErrorCode, en: string, vi: string, cause?: unknown): SaoyError {
  return new SaoyError(code, en, vi, cause === undefined ? undefined : { cause });
}
