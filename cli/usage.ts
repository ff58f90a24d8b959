/** Usages and help texts, kept apart from the commands so `saoy help` and `--help` load nothing heavy. */
export const demoIdentityUsage = 'saoy demo-identity DIR [--certifier-key rsa|ecdsa]';
export const certifyUsage =
  'saoy certify --image FILE [--image FILE ...] --doc-name TEXT (--cert-no N --book TEXT | --book-dir DIR) ' +
  '--office NAME [--office-kind xã|phường|đặc-khu --province NAME] [--certifier-title TEXT] [--paper a4|a5|letter|id-card|passport|dpi] ' +
  '(--certifier-p12 FILE | --certifier-pkcs11 MODULE --token-label LABEL [--key-label LABEL] [--pin-env NAME]) [--authority-p12 FILE | --authority-pkcs11 MODULE] [--password-env NAME] [--requester TEXT] [--signature-image PNG|JPEG] [--seal-image PNG|JPEG] [--tsa-url URL] [--level B-B|B-T|B-LT|B-LTA] -o OUT.pdf';
export const approveUsage = 'saoy approve IN.pdf (--authority-p12 FILE | --authority-pkcs11 MODULE --token-label LABEL [--key-label LABEL] [--pin-env NAME]) [--password-env NAME] [--office TEXT] [--seal-image PNG|JPEG] [--tsa-url URL] [--level B-B|B-T|B-LT|B-LTA] -o OUT.pdf';
export const extendUsage =
  'saoy extend IN.pdf (--level B-LT|B-LTA | --renew [--months N]) [--tsa-url URL] [--crl FILE]... [--ocsp FILE]... [--cert FILE]... [--fetch-revocation] -o OUT.pdf';
export const verifyUsage =
  'saoy verify FILE... [--json] [--trust PEM]... [--intermediate FILE]... [--no-builtin-trust] [--legacy-trust] [--crl FILE]... [--ocsp FILE]... [--online] [--at ISO-TIME] [--lang en|vi]';
export const trustUsage = 'saoy trust list [--json] [--trust PEM]... [--intermediate FILE]... [--no-builtin-trust] [--legacy-trust]';
export const bookUsage =
  'saoy book open DIR --office TEXT --book-no TEXT [--year YYYY] | saoy book check DIR | saoy book export DIR --csv|--xlsx [-o FILE] ' +
  '| saoy book print DIR --month YYYY-MM | saoy book close DIR [--reason TEXT]';

export const nativeHostUsage = 'saoy native-host install|uninstall [--browser chrome|chromium|firefox]... [--user-data-dir DIR] [--module PATH]';

const PASSWORD = '  --password-env NAME    environment variable holding the PKCS#12 password (default SAOY_P12_PASSWORD)';
const TOKEN = `  --certifier-pkcs11 MODULE  sign with a USB token: the PKCS#11 module's path (or "auto" to detect it)
  --token-label LABEL    the token's label (pkcs11-tool --list-slots shows it)
  --key-label LABEL      the certificate/key label on the token, when it holds more than one
  --pin-env NAME         environment variable holding the token PIN (default SAOY_TOKEN_PIN); used for one login
  --authority-pkcs11 MODULE  the authority signs with a token; --authority-token-label, --authority-key-label and
                         --authority-pin-env default to the certifier's values`;
const TSA = '  --tsa-url URL          add an RFC 3161 signature timestamp from this timestamp authority (PAdES B-T)';
const LTV = `  --level LEVEL          B-B, B-T (default with --tsa-url), B-LT (+ validation data in /DSS) or B-LTA (+ a document
                         timestamp); B-T and above need --tsa-url
  --crl FILE             CRL (PEM or DER) to embed for B-LT/B-LTA; repeatable
  --ocsp FILE            OCSP response (DER) to embed for B-LT/B-LTA; repeatable
  --cert FILE            more certificates (roots, intermediates) to complete the chains; repeatable
  --fetch-revocation     fetch OCSP answers or CRLs from the URLs the certificates name (off unless given)`;

/** What `saoy help COMMAND` and `saoy COMMAND --help` print. */
export const HELP: Readonly<Record<string, string>> = {
  'demo-identity': `usage: ${demoIdentityUsage}

Writes a DEMO root (root.pem) and two PKCS#12 identities (certifier.p12, authority.p12) into DIR, protected by the
password in SAOY_P12_PASSWORD. For trying saoy only: a demo copy has no legal value.
  --certifier-key rsa|ecdsa   key type of the certifier (default rsa)
`,
  certify: `usage: ${certifyUsage}

Makes a certified e-copy from photographs or scans of the original (one --image per page, JPEG or PNG): the
statement page, the certifier's signature and, with --authority-p12, the authority's.
  --image FILE           one page of the original (repeat, in page order)
  --doc-name TEXT        name of the original (Tên của bản chính)
  --cert-no N            certification number (Số chứng thực)
  --book TEXT            book number as printed (Quyển số), e.g. 01/2026-SCT/BS
  --book-dir DIR         take the next number from the book kept in DIR (see "saoy book") and record the copy there,
                         instead of --cert-no and --book
  --office TEXT          the office: its full name, e.g. "Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa", or its
                         name alone ("Hạc Thành") with --office-kind and --province
  --office-kind KIND     xã, phường or đặc khu (a district level only for copies dated before 2025-07-01)
  --province NAME        the province or city, e.g. "Thanh Hóa"
  --certifier-title TEXT the signer's title line, e.g. "CÔNG CHỨC TƯ PHÁP - HỘ TỊCH" or "KT. CHỦ TỊCH, PHÓ CHỦ TỊCH"
  --paper SIZE           size of the original: a4, a5, letter, id-card, passport, or dpi (the image's own DPI);
                         default: the scanner's DPI when the image states one (not 72/96), else fitted to A4
  --signature-image FILE the certifier's signature image (PNG/JPEG) in the visible signature
  --seal-image FILE      the office's seal image (PNG/JPEG, drawn in the authority's signature)
  --certifier-p12 FILE   the certifier's PKCS#12 file
  --authority-p12 FILE   the authority's PKCS#12 file; without it the copy awaits "saoy approve"
${TOKEN}
  --date YYYY-MM-DD      may only repeat today (Vietnam time): a copy is dated the day it is signed
  --requester TEXT       who asked for the copy (Người yêu cầu chứng thực)
${PASSWORD}
${TSA}
${LTV}
  -o, --output FILE      where to write the copy
`,
  'native-host': `usage: ${nativeHostUsage}

Registers (or removes) saoy's token host, which lets the saoy extension sign with a USB token through PKCS#11.
Only the saoy extension may start it. Without --browser: chrome, chromium and firefox.
  --browser NAME         chrome, chromium or firefox (repeatable)
  --user-data-dir DIR    install into this Chromium profile directory only (DIR/NativeMessagingHosts)
  --module PATH          the token's PKCS#11 module; default: the extension's setting, else auto-detected
`,
  approve: `usage: ${approveUsage}

Adds the competent authority's signature to a copy the certifier signed, as an incremental update.
  --authority-p12 FILE   the authority's PKCS#12 file
  --authority-pkcs11 MODULE  or sign with a USB token (PKCS#11 module path, or "auto"), with --token-label LABEL,
                         [--key-label LABEL] and --pin-env NAME (default SAOY_TOKEN_PIN)
  --office TEXT          the office expected in the copy's statement
  --seal-image FILE      the office's seal image (PNG/JPEG) in the visible signature
${PASSWORD}
${TSA}
${LTV}
  -o, --output FILE      where to write the approved copy
`,
  extend: `usage: ${extendUsage}

Adds long-term validation to a signed PDF (made by saoy or any other tool), as incremental updates that keep every
signature intact: B-LT embeds the certificates of every chain and their CRLs/OCSP responses in /DSS (with a /VRI
entry per signature); B-LTA then adds a document timestamp. --renew adds a new document timestamp (with the
validation data of the previous one) when the newest timestamp's TSA certificate expires within --months (default 12).
Nothing is fetched unless --fetch-revocation is given.
  --level B-LT|B-LTA     the level to reach
  --renew                renew the archive timestamp if due (implies B-LTA; writes nothing when not due)
  --months N             renewal margin in months (default 12)
  --tsa-url URL          the RFC 3161 timestamp authority (needed for B-LTA and --renew)
  --crl FILE             CRL (PEM or DER) to embed; repeatable
  --ocsp FILE            OCSP response (DER) to embed; repeatable
  --cert FILE            more certificates (roots, intermediates) to complete the chains; repeatable
  --fetch-revocation     fetch OCSP answers or CRLs from the URLs the certificates name
  -o, --output FILE      where to write the extended PDF
`,
  verify: `usage: ${verifyUsage}

Checks signed PDFs offline and prints a report per file; exit 0 when all are valid, 1 when any is invalid or
unreadable, 2 when the worst is indeterminate or unsigned.
  --json                 one JSON VerificationReport per file per line
  --trust FILE           more trusted root certificates (PEM, several blocks, or DER); repeatable
  --intermediate FILE    CA certificates to help build chains (never trusted as roots); repeatable
  --no-builtin-trust     do not trust the built-in Vietnamese roots (VGCA, NEAC, NEAC TSA)
  --legacy-trust         also trust the 2008 national root list (not checked against an official publication)
  --crl FILE             certificate revocation lists (PEM or DER); repeatable
  --ocsp FILE            OCSP responses (DER); repeatable
  --online               fetch the CRLs, OCSP answers and missing issuers the certificates name (nothing else)
  --at ISO-TIME          judge validity at this time instead of now
  --lang en|vi           language of the readable report (default en)
`,
  trust: `usage: ${trustUsage}

Prints every trust anchor "saoy verify" would use with the same flags, one per line: list, subject, not-after,
SHA-256. The built-in Vietnamese roots are on by default, each pinned by its SHA-256.
  --json                 one JSON object per anchor per line
`,
  book: `usage: saoy book COMMAND DIR ...

The certification book (sổ chứng thực) kept in a directory: append-only JSON Lines (book.jsonl), hash-chained.
  saoy book open DIR --office TEXT --book-no TEXT [--year YYYY] [--number-suffix TEXT]
                         start a book (numbers from 1 in that year)
  saoy book check DIR    verify the chain; names the first line that was edited, removed or inserted
  saoy book export DIR --csv|--xlsx [-o FILE]
                         the book's columns (Circular 01/2020) as CSV (UTF-8 with BOM) or an Excel workbook
  saoy book print DIR --month YYYY-MM [-o FILE]
                         the monthly print: that month's entries and totals (HTML)
  saoy book close DIR [--reason TEXT]
                         year-end closing entry with the year's totals; nothing can be added after it
Numbers are taken by "saoy certify --book-dir DIR", safely from several processes at once.
`,
};

/** Every command's one-line usage, for `saoy help` and an unknown command. */
export const USAGE = `usage:
  ${demoIdentityUsage}
  ${certifyUsage}
  ${approveUsage}
  ${extendUsage}
  ${verifyUsage}
  ${trustUsage}
  ${nativeHostUsage}
  saoy book open|check|export|print|close DIR ...
  saoy help [COMMAND]       (or saoy COMMAND --help)
`;
