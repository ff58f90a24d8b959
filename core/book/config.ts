/** Opening a book: validated configuration and the initial state (empty chain, head at the genesis hash). */
import { parseIsoDate } from '../ecopy/statement.js';
import { selectColumnsTemplate } from './columns.js';
import { bookError } from './errors.js';
import { genesisHash } from './hash.js';
import { DEFAULT_SERIES, type NumberingPlan } from './numbering.js';
import type { BookConfig, BookState } from './types.js';

export interface OpenBookInput {
  office: string;
  year: number;
  /** e.g. "01/2026-SCT/BS". */
  bookNo: string;
  /** Numbering series; default "SCT/BS". A separate electronic book uses its own series, e.g. "SCT/BS-ĐT". */
  series?: string;
  /** e.g. "/ĐT"; default none. */
  numberSuffix?: string;
  /** Default 2 ("01"). */
  numberDigits?: number;
  /** ISO date; default today. Chooses the column template. */
  openedOn: string;
}

export interface NormalizedBookInput {
  office: string;
  year: number;
  bookNo: string;
  series: string;
  numberSuffix: string;
  numberDigits: number;
  openedOn: string;
}

/** Trimmed, NFC, defaults filled; throws BOOK_INVALID. */
export function normalizeBookInput(input: OpenBookInput): NormalizedBookInput {
  const nfc = (s: unknown) => (typeof s === 'string' ? s.normalize('NFC').trim() : '');
  const invalid = (en: string, vi: string) => bookError('BOOK_INVALID', en, vi);
  const office = nfc(input.office);
  const bookNo = nfc(input.bookNo);
  if (!office) throw invalid("the office's name is empty", 'Chưa nhập tên cơ quan');
  if (!bookNo) throw invalid('the book number is empty', 'Chưa nhập quyển số');
  if (!Number.isSafeInteger(input.year) || input.year < 2000 || input.year > 9999) throw invalid(`the year ${input.year} is not valid`, `Năm ${input.year} không hợp lệ`);
  if (!parseIsoDate(input.openedOn)) throw invalid(`the opening date ${input.openedOn} is not valid`, `Ngày mở sổ ${input.openedOn} không hợp lệ`);
  const numberDigits = input.numberDigits ?? 2;
  if (!Number.isSafeInteger(numberDigits) || numberDigits < 1 || numberDigits > 9) throw invalid('numberDigits must be 1 to 9', 'Số chữ số của số chứng thực phải từ 1 đến 9');
  return { office, year: input.year, bookNo, series: nfc(input.series) || DEFAULT_SERIES, numberSuffix: nfc(input.numberSuffix), numberDigits, openedOn: input.openedOn };
}

export function newBookState(id: string, input: OpenBookInput, plan: NumberingPlan): BookState {
  const n = normalizeBookInput(input);
  const prev = plan.continues;
  const config: BookConfig = {
    id,
    office: n.office,
    year: n.year,
    bookNo: n.bookNo,
    series: n.series,
    numberSuffix: n.numberSuffix,
    numberDigits: n.numberDigits,
    firstNumber: plan.firstNumber,
    columnsTemplateId: selectColumnsTemplate(n.openedOn).id,
    openedOn: n.openedOn,
    ...(prev
      ? { previous: { bookId: prev.config.id, bookNo: prev.config.bookNo, lastNumber: prev.head.lastNumber, headHash: prev.head.hash } }
      : {}),
  };
  const genesis = genesisHash(config);
  return { config, genesisHash: genesis, head: { seq: 0, hash: genesis, lastNumber: plan.firstNumber - 1, openReservations: [], closed: false } };
}
