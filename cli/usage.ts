/** One-line usages, kept apart from the commands so `saoy --help` loads nothing heavy. */
export const demoIdentityUsage = 'saoy demo-identity DIR [--certifier-key rsa|ecdsa]';
export const certifyUsage =
  'saoy certify --image FILE [--image FILE ...] --doc-name TEXT --cert-no N --book TEXT --office-kind xã|phường|đặc-khu --office NAME --province NAME ' +
  '[--certifier-title TEXT] [--paper a4|a5|letter|id-card|passport|dpi] --certifier-p12 FILE [--authority-p12 FILE] [--password-env NAME] [--requester TEXT] [--signature-image PNG|JPEG] [--seal-image PNG|JPEG] [--tsa-url URL] -o OUT.pdf';
export const approveUsage = 'saoy approve IN.pdf --authority-p12 FILE [--password-env NAME] [--office TEXT] [--seal-image PNG|JPEG] [--tsa-url URL] -o OUT.pdf';
export const verifyUsage =
  'saoy verify FILE... [--json] [--trust PEM]... [--intermediate FILE]... [--no-builtin-trust] [--legacy-trust] [--crl FILE]... [--ocsp FILE]... [--online] [--at ISO-TIME] [--lang en|vi]';
export const trustUsage = 'saoy trust list [--json] [--trust PEM]... [--no-builtin-trust] [--legacy-trust]';
