/**
 * Stable reason codes with their English and Vietnamese wording and their severity (one table, every shell uses
 * it): `failed` makes a signature FAILED (file invalid), `indeterminate` makes it INDETERMINATE unless something
 * failed, `info` only informs (file-level codes such as NO_SIGNATURES and PDF_UNREADABLE carry their own verdict).
 */
export type Severity = 'failed' | 'indeterminate' | 'info';

export const REASONS = {
  PDF_UNREADABLE: ['The file is not a readable PDF.', 'Tệp không phải là PDF đọc được.', 'info'],
  PDF_LIMIT: ['The file exceeds a safety limit and was not checked further.', 'Tệp vượt quá giới hạn an toàn nên không được kiểm tra tiếp.', 'info'],
  PDF_ENCRYPTED: ['The PDF is encrypted in a way this verifier cannot open (e.g. for a certificate).', 'Tệp PDF được mã hóa theo cách mà trình kiểm tra không mở được (ví dụ mã hóa cho một chứng thư số).', 'info'],
  PDF_PASSWORD_REQUIRED: ['The PDF is protected by a password to open it; it cannot be checked without that password.', 'Tệp PDF được bảo vệ bằng mật khẩu mở tệp; không thể kiểm tra khi không có mật khẩu đó.', 'info'],
  PDF_STRUCTURE_ANOMALY: ['The PDF structure is inconsistent (cross-reference table does not match the file).', 'Cấu trúc tệp PDF không nhất quán (bảng tham chiếu chéo không khớp với tệp).', 'failed'],
  NO_SIGNATURES: ['The document carries no digital signature.', 'Tài liệu không có chữ ký số.', 'info'],
  SIGNATURE_UNREACHABLE: ['The file contains a signature that no signature field refers to.', 'Tệp chứa chữ ký không gắn với ô chữ ký nào.', 'failed'],
  SUBFILTER_UNSUPPORTED: ['The signature format is not supported.', 'Định dạng chữ ký không được hỗ trợ.', 'indeterminate'],
  BYTE_RANGE_INVALID: ['The signed byte range is malformed or does not cover the document properly.', 'Vùng dữ liệu được ký không hợp lệ hoặc không bao phủ đúng tài liệu.', 'failed'],
  CONTENTS_INVALID: ['The signature value is missing or malformed.', 'Giá trị chữ ký bị thiếu hoặc sai định dạng.', 'failed'],
  CMS_INVALID: ['The signature container (CMS) cannot be read.', 'Không đọc được cấu trúc chữ ký (CMS).', 'failed'],
  DIGEST_MISMATCH: ['The signed content was altered: its digest does not match the signature.', 'Nội dung đã ký bị thay đổi: mã băm không khớp với chữ ký.', 'failed'],
  SIGNATURE_INVALID: ['The cryptographic signature does not verify.', 'Chữ ký số không đúng về mặt mật mã.', 'failed'],
  SIGNER_CERT_MISSING: ["The signer's certificate is not in the signature.", 'Chữ ký không kèm chứng thư số của người ký.', 'failed'],
  CHAIN_UNTRUSTED: ["The signer's certificate does not chain to a trusted root.", 'Chứng thư số của người ký không dẫn tới chứng thư gốc tin cậy.', 'indeterminate'],
  CHAIN_INVALID: ['A certificate in the chain has an invalid signature.', 'Một chứng thư trong chuỗi có chữ ký không hợp lệ.', 'failed'],
  CERT_REVOKED: ["The signer's certificate was revoked before the signing time.", 'Chứng thư số của người ký đã bị thu hồi trước thời điểm ký.', 'failed'],
  CERT_REVOKED_LATER: ["The signer's certificate was revoked after the signing time.", 'Chứng thư số của người ký bị thu hồi sau thời điểm ký.', 'info'],
  REVOCATION_UNKNOWN: ['Revocation status of a certificate could not be checked (no CRL or OCSP data).', 'Không kiểm tra được tình trạng thu hồi của chứng thư (thiếu CRL hoặc OCSP).', 'indeterminate'],
  CERT_EXPIRED: ["The signer's certificate had expired at the claimed signing time and no timestamp proves an earlier signature.", 'Chứng thư số của người ký đã hết hạn tại thời điểm ký khai báo và không có dấu thời gian chứng minh ký sớm hơn.', 'indeterminate'],
  CERT_NOT_YET_VALID: ["The signer's certificate was not yet valid at the signing time.", 'Chứng thư số của người ký chưa có hiệu lực tại thời điểm ký.', 'indeterminate'],
  CERT_KEY_USAGE: ["The signer's certificate is not allowed to make digital signatures.", 'Chứng thư số của người ký không được phép dùng để ký số.', 'failed'],
  SIGNED_PART_UNREADABLE: ['A signature in the file cannot be checked: the file is cut short or the update that signs it cannot be read.', 'Không kiểm tra được chữ ký trong tệp: tệp bị cắt cụt hoặc không đọc được phần cập nhật chứa chữ ký.', 'failed'],
  MODIFIED_AFTER_SIGNING: ['The document was modified after signing.', 'Tài liệu đã bị sửa đổi sau khi ký.', 'failed'],
  DOCMDP_VIOLATION: ['A change after the certification signature is not permitted by it.', 'Có thay đổi sau chữ ký chứng nhận mà chữ ký đó không cho phép.', 'failed'],
  SIGNATURE_NOT_AT_REVISION: ['A signature does not end at a revision boundary of the file.', 'Chữ ký không kết thúc tại ranh giới một phiên bản của tệp.', 'failed'],
  WEAK_ALGORITHM: ['The signature uses a broken algorithm (SHA-1) and cannot prove the document is unchanged.', 'Chữ ký dùng thuật toán đã bị phá (SHA-1) nên không chứng minh được tài liệu còn nguyên vẹn.', 'indeterminate'],
  TIMESTAMP_INVALID: ['The signature timestamp does not verify.', 'Dấu thời gian của chữ ký không hợp lệ.', 'indeterminate'],
  TIMESTAMP_UNTRUSTED: ['The signature timestamp verifies, but its timestamp authority is not trusted.', 'Dấu thời gian của chữ ký đúng nhưng đơn vị cấp dấu thời gian không được tin cậy.', 'indeterminate'],
  ALGORITHM_UNSUPPORTED: ['The signature uses an algorithm this verifier cannot check on this platform.', 'Chữ ký dùng thuật toán mà trình kiểm tra không kiểm tra được trên nền tảng này.', 'indeterminate'],
  // E-copy profile: the file verdict is set by the profile check (ECOPY_DATE_MISMATCH is invalid when the statement
  // is dated after the signing day); the severity here is the floor.
  ECOPY_AUTHORITY_MISSING: ["Not complete: the competent authority's signature is still missing.", 'Chưa hoàn tất: còn thiếu chữ ký của cơ quan có thẩm quyền.', 'indeterminate'],
  ECOPY_OFFICE_MISMATCH: ["The office named in the certification statement is not the organisation of the authority's certificate.", 'Cơ quan ghi trong lời chứng không khớp với tổ chức trong chứng thư số của cơ quan có thẩm quyền.', 'indeterminate'],
  ECOPY_CERTIFIER_MISMATCH: ["The certifier printed in the statement is not the name in the certifier's certificate.", 'Người thực hiện chứng thực ghi trong lời chứng không khớp với tên trong chứng thư số của người ký.', 'indeterminate'],
  ONLINE_FETCH_FAILED: ['Part of the online check could not be done:', 'Một phần kiểm tra trực tuyến không thực hiện được:', 'info'],
  ONLINE_NOTHING_TO_FETCH: ['The online check found nothing to fetch: the certificates name no CRL, OCSP or issuer URL.', 'Kiểm tra trực tuyến không có gì để tải: các chứng thư không ghi địa chỉ CRL, OCSP hay chứng thư cấp trên.', 'info'],
  ECOPY_DATE_MISMATCH: ["The statement's date is not the day the certifier signed (Vietnam time).", 'Ngày ghi trong lời chứng không phải ngày người thực hiện chứng thực ký (giờ Việt Nam).', 'indeterminate'],
  // Long-term validation (PAdES B-LTA): a timestamp is relied on only while its TSA's certificate is valid.
  TIMESTAMP_TSA_EXPIRED: ["The document timestamp's authority certificate has expired and no later timestamp proves the timestamp was made before that (the archive timestamp was not renewed in time).", 'Chứng thư của đơn vị cấp dấu thời gian tài liệu đã hết hạn và không có dấu thời gian nào sau đó chứng minh dấu thời gian được tạo trước khi hết hạn (dấu thời gian lưu trữ không được gia hạn kịp).', 'indeterminate'],
  SIGNATURE_TIMESTAMP_UNPROVEN: ["The signature timestamp's authority certificate has expired and no later document timestamp covers it: its time is not relied on.", 'Chứng thư của đơn vị cấp dấu thời gian chữ ký đã hết hạn và không có dấu thời gian tài liệu nào sau đó bao phủ: thời điểm của nó không được dùng.', 'info'],
  DSS_VRI_UNMATCHED: ['The validation data (/DSS /VRI) names a signature that is not in the document.', 'Dữ liệu kiểm tra chữ ký (/DSS /VRI) nhắc tới một chữ ký không có trong tài liệu.', 'info'],
} as const satisfies Record<string, readonly [string, string, Severity]>;

export type ReasonCode = keyof typeof REASONS;

export function severityOf(code: ReasonCode): Severity {
  return REASONS[code][2];
}

export function reason(code: ReasonCode, field?: string, detail?: { en?: string; vi?: string }) {
  const [en, vi] = REASONS[code];
  return {
    code,
    en: detail?.en ? `${en} ${detail.en}` : en,
    vi: detail?.vi ? `${vi} ${detail.vi}` : vi,
    ...(field ? { field } : {}),
  };
}
