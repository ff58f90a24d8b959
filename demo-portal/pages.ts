/** HTML of the demo portal: an imitation of a provincial public-service portal ("Hồ sơ trực tuyến"). */
import type { Application, Attachment } from './fixtures.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `
body{font:15px/1.5 "Noto Sans","DejaVu Sans",system-ui,sans-serif;margin:0;background:#eef1f5;color:#1f2933}
header{background:#b71c1c;color:#fff;padding:12px 28px;display:flex;align-items:center;gap:14px}
header .emblem{width:38px;height:38px;border-radius:50%;background:#ffd54f;color:#b71c1c;font-weight:800;display:flex;align-items:center;justify-content:center}
header .t1{font-size:13px;opacity:.9}header .t2{font-size:19px;font-weight:700}
nav{background:#8e1414;padding:0 28px}nav a{color:#fff;text-decoration:none;display:inline-block;padding:9px 14px;font-size:14px}nav a.on{background:#b71c1c}
main{padding:22px 28px;max-width:1100px}h1{font-size:21px;margin:0 0 14px}
.demo{background:#fff8e1;border:1px solid #f0c36d;padding:8px 12px;border-radius:6px;margin-bottom:16px;font-size:14px}
.ho-so{background:#fff;border:1px solid #d5dbe3;border-radius:8px;margin-bottom:16px}
.ho-so h2{font-size:16px;margin:0;padding:10px 16px;border-bottom:1px solid #e3e8ef;background:#f7f9fb;border-radius:8px 8px 0 0}
.ho-so .meta{color:#52606d;font-size:13.5px;padding:8px 16px 0}
table{border-collapse:collapse;width:100%}td,th{padding:8px 16px;text-align:left;border-top:1px solid #eef1f5;vertical-align:middle}
th{font-size:13px;color:#52606d;font-weight:600}a.tep-dinh-kem{color:#0b57d0}
.mo-ta{color:#52606d;font-size:13.5px}footer{color:#7b8794;font-size:13px;padding:0 28px 30px}`;

function layout(title: string, active: 'list' | 'bench' | 'process', body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(title)} — Cổng dịch vụ công (DEMO)</title><style>${STYLE}</style></head><body>
<header><div class="emblem">★</div><div><div class="t1">UBND TỈNH THANH HÓA (DEMO)</div><div class="t2">Cổng dịch vụ công — Hồ sơ trực tuyến</div></div></header>
<nav><a href="/" class="${active === 'list' ? 'on' : ''}">Hồ sơ trực tuyến</a><a href="/xu-ly/HS-2026-000123" class="${active === 'process' ? 'on' : ''}">Xử lý hồ sơ</a><a href="/luu-tru" class="${active === 'bench' ? 'on' : ''}">Kho lưu trữ</a><a href="/files/root.pem">Chứng thư gốc DEMO</a><a href="/web/" id="web-verify">Kiểm tra trên điện thoại</a></nav>
<main>${body}</main><footer>Trang mô phỏng để thử nghiệm saoy. Mọi dữ liệu và chữ ký đều là DEMO, không có giá trị pháp lý.</footer></body></html>`;
}

function rows(list: readonly Attachment[]): string {
  return list
    .map((a) => `<tr><td><a class="tep-dinh-kem" href="${esc(a.href)}">${esc(a.name)}</a></td><td class="mo-ta">${esc(a.description)}</td></tr>`)
    .join('');
}

export function applicationsPage(apps: readonly Application[]): string {
  const blocks = apps
    .map(
      (a) => `<section class="ho-so"><h2>${esc(a.code)} · ${esc(a.procedure)}</h2>
<div class="meta">Người nộp: ${esc(a.applicant)} · Ngày nộp: ${esc(a.submitted)}</div>
<table><tr><th style="width:45%">Tệp đính kèm</th><th>Mô tả</th></tr>${rows(a.attachments)}</table></section>`,
    )
    .join('');
  return layout(
    'Hồ sơ trực tuyến',
    'list',
    `<h1>Hồ sơ trực tuyến chờ xử lý</h1>
<div class="demo">Trang thử nghiệm: tệp đính kèm gồm bản sao hợp lệ, bản sao bị sửa, bản chưa ký, bản ký bởi chứng thư không tin cậy và liên kết lỗi.</div>
<div class="dvc-ho-so">${blocks}</div>`,
  );
}

export function benchPage(list: readonly Attachment[]): string {
  return layout(
    'Kho lưu trữ',
    'bench',
    `<h1>Kho lưu trữ bản sao điện tử (${list.length} tệp)</h1><div class="dvc-ho-so"><section class="ho-so"><h2>Hồ sơ lưu trữ</h2>
<table><tr><th style="width:45%">Tệp đính kèm</th><th>Mô tả</th></tr>${rows(list)}</table></section></div>`,
  );
}

/** The clerk's processing page with the portal's own upload control (where a signed copy is attached). */
export function processingPage(app: Application): string {
  return layout(
    `Xử lý ${app.code}`,
    'process',
    `<h1>Xử lý hồ sơ ${esc(app.code)}</h1><div class="dvc-xu-ly"><section class="ho-so"><h2>${esc(app.procedure)}</h2>
<div class="meta">Người nộp: ${esc(app.applicant)}</div>
<form method="post" action="/xu-ly/${esc(app.code)}" enctype="multipart/form-data" style="padding:12px 16px">
<div class="hanh-dong" style="margin-bottom:10px"></div>
<label>Bản sao điện tử đã chứng thực: <input type="file" name="ban_sao_dien_tu" accept="application/pdf"></label>
<button type="submit">Gửi kết quả</button></form></section></div>`,
  );
}
