/** Checks and normalises what the clerk entered (NFC, trimmed, bounded) and settles the fee. */
import { parseIsoDate } from '../ecopy/statement.js';
import { bookError } from './errors.js';
import { computeFee, selectFeeRule, type FeeRule } from './fee.js';
import type { EntryDraft } from './types.js';

const MAX_TEXT = 1000;
const MAX_COUNT = 100_000;

export interface NormalizedDraft {
  date: string;
  requester: string;
  docName: string;
  signerName: string;
  signerTitle: string;
  copies: number;
  pages: number;
  fee: number;
  feeRuleId: string;
  note: string;
}

function invalid(en: string, vi: string) {
  return bookError('BOOK_DRAFT_INVALID', en, vi);
}

function text(value: unknown, en: string, vi: string, required: boolean): string {
  const s = typeof value === 'string' ? value.normalize('NFC').trim() : '';
  if (required && !s) throw invalid(`${en} is empty`, `Chưa nhập ${vi}`);
  if (s.length > MAX_TEXT) throw invalid(`${en} is longer than ${MAX_TEXT} characters`, `${vi} dài quá ${MAX_TEXT} ký tự`);
  return s;
}

function count(value: unknown, en: string, vi: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > MAX_COUNT) {
    throw invalid(`${en} must be a whole number from 1 to ${MAX_COUNT}`, `${vi} phải là số nguyên từ 1 đến ${MAX_COUNT}`);
  }
  return value;
}

export function normalizeDraft(draft: EntryDraft, feeRules: readonly FeeRule[]): NormalizedDraft {
  if (typeof draft.date !== 'string' || !parseIsoDate(draft.date)) {
    throw invalid(`the date "${String(draft.date)}" is not a valid YYYY-MM-DD date`, `Ngày chứng thực "${String(draft.date)}" không hợp lệ`);
  }
  const copies = count(draft.copies ?? 1, 'the number of copies', 'Số bản sao');
  const pages = count(draft.pages, 'the number of pages', 'Số trang');
  let fee: number;
  let feeRuleId: string;
  if (draft.fee !== undefined) {
    if (!Number.isSafeInteger(draft.fee) || draft.fee < 0) throw invalid('the fee must be a whole number of VND', 'Lệ phí phải là số đồng nguyên, không âm');
    fee = draft.fee;
    feeRuleId = 'manual';
  } else {
    const rule = selectFeeRule(feeRules, draft.date);
    if (!rule) throw invalid(`no fee rule is in force on ${draft.date}`, `Không có biểu lệ phí áp dụng cho ngày ${draft.date}`);
    fee = computeFee(rule, pages, copies).total;
    feeRuleId = rule.id;
  }
  return {
    date: draft.date,
    requester: text(draft.requester, "the requester's name", 'họ tên người yêu cầu chứng thực', true),
    docName: text(draft.docName, "the original's name", 'tên của bản chính giấy tờ, văn bản', true),
    signerName: text(draft.signerName, "the signer's name", 'họ tên người ký chứng thực', true),
    signerTitle: text(draft.signerTitle, "the signer's title", 'chức danh người ký chứng thực', false),
    copies,
    pages,
    fee,
    feeRuleId,
    note: text(draft.note, 'the note', 'ghi chú', false),
  };
}
