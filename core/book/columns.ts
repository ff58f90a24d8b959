/**
 * The book's columns as versioned data (legal basis + effective date), like the statement wording:
 * Decree 07/2025 and Decree 280/2025 bring new templates, and a book keeps the template it was opened with.
 */
export type BookColumnKey = 'number' | 'date' | 'requester' | 'docName' | 'signer' | 'copies' | 'fee' | 'note';

export interface BookColumn {
  readonly key: BookColumnKey;
  readonly vi: string;
  readonly en: string;
}

export interface BookColumnsTemplate {
  readonly id: string;
  readonly legalBasis: readonly string[];
  /** ISO date from which the template applies (inclusive). */
  readonly effectiveFrom: string;
  /** Title printed on the book. */
  readonly title: string;
  readonly columns: readonly BookColumn[];
}

/** Baseline: Decree 23/2015/ND-CP with the book template of Circular 01/2020/TT-BTP. */
const TT01_2020: BookColumnsTemplate = {
  id: 'tt01-2020',
  legalBasis: ['Nghị định 23/2015/NĐ-CP', 'Thông tư 01/2020/TT-BTP'],
  effectiveFrom: '2020-04-20',
  title: 'SỔ CHỨNG THỰC BẢN SAO TỪ BẢN CHÍNH',
  columns: [
    { key: 'number', vi: 'Số thứ tự/số chứng thực', en: 'No. / certification number' },
    { key: 'date', vi: 'Ngày, tháng, năm chứng thực', en: 'Date of certification' },
    { key: 'requester', vi: 'Họ tên người yêu cầu chứng thực', en: 'Requester' },
    { key: 'docName', vi: 'Tên của bản chính giấy tờ, văn bản', en: 'Name of the original document' },
    { key: 'signer', vi: 'Họ tên, chức danh người ký chứng thực', en: 'Name and title of the certifying signer' },
    { key: 'copies', vi: 'Số bản sao đã được chứng thực', en: 'Number of certified copies' },
    { key: 'fee', vi: 'Lệ phí/Phí chứng thực', en: 'Fee (VND)' },
    { key: 'note', vi: 'Ghi chú', en: 'Notes' },
  ],
};

/** Oldest first. Add a template when a new one takes effect; never edit one a book was opened with. */
export const BOOK_COLUMN_TEMPLATES: readonly BookColumnsTemplate[] = [TT01_2020];

/** The template in force on an ISO date (dates before the oldest get the oldest). */
export function selectColumnsTemplate(date: string): BookColumnsTemplate {
  let chosen = BOOK_COLUMN_TEMPLATES[0];
  for (const t of BOOK_COLUMN_TEMPLATES) if (t.effectiveFrom <= date) chosen = t;
  return chosen;
}

/** The template a book names; an unknown id (a book from a newer saoy) falls back to the baseline's columns. */
export function columnsTemplateById(id: string): BookColumnsTemplate {
  return BOOK_COLUMN_TEMPLATES.find((t) => t.id === id) ?? TT01_2020;
}
