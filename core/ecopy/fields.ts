import type { Office } from './office';

/** The data of one certified e-copy (docs/DOMAIN.md "Words"). Dates are ISO `YYYY-MM-DD`. */
export interface EcopyFields {
  /** Số chứng thực, as written in the book (e.g. "15" or "15/ĐT"). */
  certNo: string;
  /** Quyển số, e.g. "01/2026-SCT/BS" (or just "01", then it is rendered "01/{yyyy}-SCT/BS"). */
  bookNo: string;
  /** Ngày chứng thực, ISO date. */
  date: string;
  /**
   * The office's full name, e.g. "Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa" (kept in the copy's XMP;
   * the verifier compares it with the authority certificate's organisation). Derived from `officeUnit` when given.
   */
  office: string;
  /** The office as structured data; when absent it is read from `office`, which must then be a full name. */
  officeUnit?: Office;
  /** Họ và tên người thực hiện chứng thực. */
  certifier: string;
  /** Chức danh: the title line under "NGƯỜI THỰC HIỆN CHỨNG THỰC", e.g. "CÔNG CHỨC TƯ PHÁP - HỘ TỊCH". */
  certifierTitle?: string;
  /** Name of the competent authority that signs second (usually the office's legal name). */
  authority?: string;
  /** Tên của bản chính giấy tờ, văn bản. */
  docName: string;
  /** Họ tên người yêu cầu chứng thực: kept in the book and the copy cache, never written into the copy. */
  requester?: string;
  /** Number of pages of the original (= pages of the copy without an appended statement page). */
  pageCount: number;
}

/** Fixed names of the two empty signature fields every unsigned e-copy carries (docs/ARCHITECTURE.md "Signature profile"). */
export const CERTIFIER_FIELD = 'saoy_certifier';
export const AUTHORITY_FIELD = 'saoy_authority';
