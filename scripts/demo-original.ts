/** A demo "paper original" (a diploma) as HTML, photographed by the browser in scripts that have one. */
export const demoOriginalHtml = `<!doctype html><html lang="vi"><meta charset="utf-8"><style>
  body { margin:0; width:794px; height:1123px; background:#f7f2e4; font-family:'Noto Serif','DejaVu Serif',serif; color:#222; }
  .frame { position:absolute; inset:28px; border:6px double #8a5a1c; padding:48px 56px; text-align:center; }
  h1 { font-size:22px; margin:0 0 4px; letter-spacing:1px; } h2 { font-size:18px; margin:0 0 36px; font-weight:normal; }
  .title { font-size:40px; color:#a0171c; margin:40px 0 24px; font-weight:bold; letter-spacing:3px; }
  p { font-size:19px; line-height:1.7; margin:6px 0; } .name { font-size:28px; font-weight:bold; margin:18px 0; }
  .seal { position:absolute; right:90px; bottom:120px; width:150px; height:150px; border:5px solid #c0262b; border-radius:50%;
          color:#c0262b; display:flex; align-items:center; justify-content:center; font-size:14px; transform:rotate(-12deg); }
  .foot { position:absolute; left:56px; bottom:60px; font-size:15px; text-align:left; }
</style><div class="frame">
  <h1>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</h1><h2>Độc lập – Tự do – Hạnh phúc</h2>
  <div class="title">BẰNG TỐT NGHIỆP ĐẠI HỌC</div>
  <p>HIỆU TRƯỞNG TRƯỜNG ĐẠI HỌC DEMO</p><p>cấp cho</p>
  <div class="name">Nguyễn Văn Người Yêu Cầu</div>
  <p>Ngày sinh: 12/08/1998 &nbsp; Nơi sinh: Thanh Hóa</p>
  <p>Ngành: Luật &nbsp;·&nbsp; Xếp loại tốt nghiệp: Khá</p>
  <p>Hình thức đào tạo: Chính quy</p>
  <div class="seal">TRƯỜNG ĐẠI HỌC DEMO<br>(mẫu thử)</div>
  <div class="foot">Số hiệu: DEMO-000123<br>Số vào sổ cấp bằng: 2020/DEMO</div>
</div></html>`;
