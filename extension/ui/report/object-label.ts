/**
 * The names core gives PDF objects in a signature's change list ("object 13 (signature field "Sig2")",
 * core/verify/diff/roles.ts and context.ts) and to a signature without a field, in the reader's language. Core
 * writes them in English for the CLI; the Vietnamese report must not show English fragments. A name this file
 * does not know stays as core wrote it (never dropped), and tests/unit/extension/object-label.test.ts runs real
 * core output through it, so a new label in core shows up there.
 */
import type { Language } from '../../../core/store/settings.js';

type Rule = [RegExp, (m: RegExpExecArray) => string];

/** Role labels (the part in parentheses), Vietnamese. Field names stay as written in the file. */
const ROLE_VI: Rule[] = [
  [/^document catalog$/, () => 'danh mục gốc của tài liệu (/Catalog)'],
  [/^form dictionary \(\/AcroForm\)$/, () => 'từ điển biểu mẫu (/AcroForm)'],
  [/^document information dictionary$/, () => 'từ điển thông tin tài liệu (/Info)'],
  [/^XMP metadata$/, () => 'siêu dữ liệu XMP'],
  [/^page tree node$/, () => 'nút của cây trang'],
  [/^page (\d+)$/, (m) => `trang ${m[1]}`],
  [/^annotation list of page (\d+)$/, (m) => `danh sách chú thích của trang ${m[1]}`],
  [/^content of page (\d+)$/, (m) => `nội dung trang ${m[1]}`],
  [/^widget of signature field (.+)$/s, (m) => `hình hiển thị của ô chữ ký ${unnamed(m[1])}`],
  [/^widget of field (.+)$/s, (m) => `hình hiển thị của ô ${unnamed(m[1])}`],
  [/^signature field (.+)$/s, (m) => `ô chữ ký ${unnamed(m[1])}`],
  [/^form field (.+)$/s, (m) => `ô biểu mẫu ${unnamed(m[1])}`],
];

const unnamed = (name: string) => (name === '(unnamed)' ? '(không tên)' : name);

function roleVi(role: string): string {
  for (const [re, out] of ROLE_VI) {
    const m = re.exec(role);
    if (m) return out(m);
  }
  return role;
}

/** "object 13 (signature field "Sig2")" → "đối tượng 13 (ô chữ ký "Sig2")" in Vietnamese; as is in English. */
export function objectLabel(text: string, lang: Language): string {
  if (lang !== 'vi') return text;
  const m = /^object (\d+)(?: \((.*)\))?$/s.exec(text);
  if (!m) return text;
  return m[2] === undefined ? `đối tượng ${m[1]}` : `đối tượng ${m[1]} (${roleVi(m[2])})`;
}

/** A signature's field name as shown: core names a signature without a field "(signature object 12, no field)". */
export function signatureFieldLabel(fieldName: string, lang: Language): string {
  const m = /^\(signature object (\d+), no field\)$/.exec(fieldName);
  if (!m || lang !== 'vi') return fieldName;
  return `(đối tượng chữ ký ${m[1]}, không gắn với ô chữ ký nào)`;
}
