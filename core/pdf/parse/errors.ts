import { SaoyError } from '../../errors.js';

/** Malformed syntax at a known byte offset: the file is not a PDF we can read safely. */
export function syntaxError(what: string, offset: number): SaoyError {
  return new SaoyError(
    'PDF_SYNTAX',
    `The PDF is malformed at byte ${offset}: ${what}`,
    `Tệp PDF bị hỏng: lỗi cú pháp ở vị trí byte ${offset}`,
  );
}

/** The cross-reference data (the file's index of objects) cannot be read. */
export function xrefError(what: string, offset: number): SaoyError {
  return new SaoyError(
    'PDF_BAD_XREF',
    `The PDF cross-reference data is invalid at byte ${offset}: ${what}`,
    `Tệp PDF bị hỏng: bảng tham chiếu chéo không hợp lệ ở vị trí byte ${offset}`,
  );
}

/** A stream's encoded data cannot be decoded. */
export function streamError(what: string): SaoyError {
  return new SaoyError('PDF_BAD_STREAM', `A PDF stream cannot be decoded: ${what}`, `Không giải mã được một luồng dữ liệu trong tệp PDF: ${what}`);
}

export function unsupportedError(what: string): SaoyError {
  return new SaoyError('PDF_UNSUPPORTED', `The PDF uses an unsupported feature: ${what}`, `Tệp PDF dùng tính năng chưa được hỗ trợ: ${what}`);
}
