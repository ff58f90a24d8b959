/** The certification book: pure data and logic (no storage). IndexedDB operations are in core/store/book*.ts. */
export type * from './types.js';
export { canonicalJson } from './canonical.js';
export { genesisHash, recordHash, sealRecord } from './hash.js';
export { verifyBookIntegrity, type IntegrityProblem, type IntegrityProblemKind, type IntegrityReport } from './integrity.js';
export { appendCancellation, appendClose, appendCompletion, appendEntry, type Appended, type CopyLink } from './ledger.js';
export { newBookState, normalizeBookInput, type NormalizedBookInput, type OpenBookInput } from './config.js';
export { normalizeDraft, type NormalizedDraft } from './draft.js';
export { DEFAULT_SERIES, formatCertNo, planNumbering, seriesKey, suggestBookNo, type NumberingPlan } from './numbering.js';
export { BOOK_COLUMN_TEMPLATES, columnsTemplateById, selectColumnsTemplate, type BookColumn, type BookColumnKey, type BookColumnsTemplate } from './columns.js';
export { computeFee, DEFAULT_FEE_RULES, parseFeeRules, selectFeeRule, TT226_2016, type FeeResult, type FeeRule, type FeeTier } from './fee.js';
export { noteText, rowsOf, signerText } from './rows.js';
export { guardCell, parseCsv, toCsv, unguardCell, UTF8_BOM } from './csv.js';
export { bookCsv, bookCsvBytes, bookPrintView, cellText, rowCells, type BookPrintView, type PrintRow } from './export.js';
export { filterRows, foldVietnamese, leadingNumber, matchesQuery, matchesText, type RowQuery, type Searchable } from './search.js';
export { formatDateVn, isoDay, parseDateVn } from './dates.js';
export { ecopyFieldsFor } from './ecopy-fields.js';
export { bookError, type BookErrorCode } from './errors.js';
