/** The monthly print of a book kept by computer, as a standalone HTML page (print it, bind it, cross-stamp it). */
import type { MonthlyPrint } from '../../core/book/totals.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function monthlyPrintHtml(p: MonthlyPrint): string {
  const v = p.view;
  const rows = v.rows.length
    ? v.rows.map((r) => `<tr${r.status === 'cancelled' ? ' class="cancelled"' : ''}>${r.cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n')
    : `<tr><td colspan="${v.headers.length}">Không có số chứng thực nào trong tháng</td></tr>`;
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${esc(v.title)} — ${esc(p.heading)}</title>
<style>body{font-family:"Times New Roman",serif;margin:2cm}table{border-collapse:collapse;width:100%}td,th{border:1px solid #000;padding:4px;vertical-align:top}
.cancelled td{color:#555}h1,h2,p.c{text-align:center}code{word-break:break-all}</style></head><body>
<p class="c">${esc(v.office.toUpperCase())}</p>
<h1>${esc(v.title)}</h1>
<p class="c">${esc(v.bookLine)} — ${esc(p.heading)}</p>
<table><thead><tr>${v.headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table>
<p><strong>${esc(p.totalsLine)}</strong></p>
<p>Mã băm cuối chuỗi của sổ (SHA-256) khi in: <code>${esc(v.headHash)}</code></p>
${v.closed ? '<p>Sổ đã khóa.</p>' : ''}
<p>Căn cứ: ${v.legalBasis.map(esc).join('; ')}</p>
</body></html>
`;
}
