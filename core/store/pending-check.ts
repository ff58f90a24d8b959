/**
 * What a copy awaiting the authority must be before the authority's profile accepts it: a readable PDF with
 * exactly one signature — the certifier's, intact and cryptographically valid, covering the whole file — and
 * the authority's signature field still empty. Trust in the certifier's certificate is not decided here: the
 * authority's UI shows the full verification report (core/verify) before signing.
 */
import { SaoyError } from '../errors.js';
import { AUTHORITY_FIELD, CERTIFIER_FIELD } from '../ecopy/fields.js';
import { parsePdf } from '../pdf/parse/index.js';
import { findSignatures } from '../verify/checks/signature-fields.js';
import { verifyPdf } from '../verify/index.js';

export function pendingInvalid(why: string, vi: string): SaoyError {
  return new SaoyError('PENDING_INVALID', `the copy awaiting the authority is not valid: ${why}`, `Bản sao chờ cơ quan có thẩm quyền ký không hợp lệ: ${vi}`);
}

export interface PendingExpectations {
  certNo: string;
}

export async function checkPendingPdf(pdf: Uint8Array, expected: PendingExpectations): Promise<void> {
  let found;
  try {
    found = findSignatures(await parsePdf(pdf));
  } catch {
    throw pendingInvalid('the PDF cannot be read', 'không đọc được tệp PDF');
  }
  const { signatures, emptyFields } = found;
  if (signatures.length !== 1 || signatures[0].fieldName !== CERTIFIER_FIELD || !signatures[0].reachable) {
    throw pendingInvalid(
      `it must carry exactly the certifier's signature (found: ${signatures.map((s) => s.fieldName).join(', ') || 'none'})`,
      `tệp phải có đúng một chữ ký của người thực hiện chứng thực (có: ${signatures.map((s) => s.fieldName).join(', ') || 'không có'})`,
    );
  }
  if (!emptyFields.includes(AUTHORITY_FIELD)) {
    throw pendingInvalid("the authority's signature field is missing", 'thiếu ô chữ ký của cơ quan có thẩm quyền');
  }
  const report = await verifyPdf(pdf, { trustAnchors: [] });
  const sig = report.signatures[0];
  if (!sig || !sig.intact || !sig.valid) {
    throw pendingInvalid("the certifier's signature is broken", 'chữ ký của người thực hiện chứng thực bị hỏng');
  }
  if (sig.coverage !== 'ENTIRE_FILE' || sig.modificationLevel !== 'NONE') {
    throw pendingInvalid('the file was changed after the certifier signed', 'tệp đã bị thay đổi sau khi người thực hiện chứng thực ký');
  }
  if (report.ecopy?.certNo !== undefined && report.ecopy.certNo !== expected.certNo) {
    throw pendingInvalid(
      `the copy says number ${report.ecopy.certNo}, the file's manifest ${expected.certNo}`,
      `bản sao ghi số ${report.ecopy.certNo}, thông tin kèm theo ghi số ${expected.certNo}`,
    );
  }
}
