/** File names saoy writes: ASCII, no path separators, readable ("ban-sao-so-01-01-2026-SCT-BS.pdf"). */
const safe = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);

/** The certified copy as a file: number and book in the name, so a folder of copies sorts and reads well. */
export function copyFileName(copy: { certNo: string; bookNo: string }, draft = false): string {
  return `${draft ? 'ban-xem-truoc' : 'ban-sao'}-so-${safe(copy.certNo) || 'x'}-${safe(copy.bookNo) || 'x'}.pdf`;
}

/** "so-chung-thuc-01-2026-SCT-BS.csv" */
export function bookFileName(bookNo: string, ext: 'csv' | 'xlsx'): string {
  return `so-chung-thuc-${safe(bookNo) || 'x'}.${ext}`;
}
