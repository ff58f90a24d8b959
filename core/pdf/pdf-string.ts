/** PDF text strings and dates for values we write ourselves into signature dictionaries. */

/** A text string as UTF-16BE hex with BOM: safe for Vietnamese and needs no escaping. */
export function pdfTextString(text: string): string {
  let hex = 'FEFF';
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0xffff) {
      const v = cp - 0x10000;
      hex += (0xd800 + (v >> 10)).toString(16).padStart(4, '0') + (0xdc00 + (v & 0x3ff)).toString(16).padStart(4, '0');
    } else {
      hex += cp.toString(16).padStart(4, '0');
    }
  }
  return `<${hex.toUpperCase()}>`;
}

/** PDF date string with an explicit offset, e.g. D:20260305143000+07'00'. */
export function pdfDate(date: Date, offsetMinutes = 7 * 60): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return (
    `D:${p(local.getUTCFullYear(), 4)}${p(local.getUTCMonth() + 1)}${p(local.getUTCDate())}` +
    `${p(local.getUTCHours())}${p(local.getUTCMinutes())}${p(local.getUTCSeconds())}` +
    (offsetMinutes === 0 ? 'Z' : `${sign}${p(Math.floor(abs / 60))}'${p(abs % 60)}'`)
  );
}
