/** The web app manifest (installable on phones; "Share → saoy" through share_target). */
export function webManifest(): Record<string, unknown> {
  return {
    name: 'saoy — Kiểm tra bản sao điện tử',
    short_name: 'saoy',
    description: 'Kiểm tra bản sao điện tử được chứng thực ngay trên thiết bị; tệp không được gửi đi đâu.',
    lang: 'vi',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: '#f4f6f8',
    theme_color: '#a3151a',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-128.png', sizes: '128x128', type: 'image/png' },
    ],
    share_target: {
      action: './share',
      method: 'POST',
      enctype: 'multipart/form-data',
      params: { files: [{ name: 'file', accept: ['application/pdf', '.pdf'] }] },
    },
  };
}
