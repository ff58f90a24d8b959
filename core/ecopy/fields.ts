/** The data of one certified e-copy (docs/DOMAIN.md "Words"). Dates are ISO `YYYY-MM-DD`. */
export interface EcopyFields {
  /** Số chứng thực, as written in the book (e.g. "15" or "15/ĐT"). */
  certNo: string;
  /** Quyển số, e.g. "01/2026-SCT/BS" (or just "01", then it is rendered "01/{yyyy}-SCT/BS"). */
  bookNo: string;
  /** Ngày chứng thực, ISO date. */
  date: string;
  /** Office name and place, e.g. "UBND phường Trường Thi, thành phố Thanh Hóa, tỉnh Thanh Hóa". */
  office: string;
  /** Họ và tên người thực hiện chứng thực. */
  certifier: string;
  /** Name of the competent authority that signs second (usually the office's legal name). */
  authority?: string;
  /** Tên của bản chính giấy tờ, văn bản. */
  docName: string;
  /** Họ tên người yêu cầu chứng thực (optional on the copy, kept in the book). */
  requester?: string;
  /** Number of pages of the original (= pages of the copy without an appended statement page). */
  pageCount: number;
}

/** Fixed names of the two empty signature fields every unsigned e-copy carries (docs/ARCHITECTURE.md "Signature profile"). */
export const CERTIFIER_FIELD = 'saoy_certifier';
export const AUTHORITY_FIELD = 'saoy_authority';
