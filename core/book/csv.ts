/**
 * RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF, quotes doubled.
 * A field that a spreadsheet would run as a formula (=, +, -, @, tab, CR) is guarded with a leading
 * apostrophe (OWASP "CSV injection"); so that the guard is reversible, a field starting with an apostrophe is
 * guarded too, and `unguardCell` removes exactly one leading apostrophe.
 */
export const UTF8_BOM = '\uFEFF';

const GUARDED_START = /^[=+\-@\t\r']/;

export function guardCell(value: string): string {
  return GUARDED_START.test(value) ? `'${value}` : value;
}

export function unguardCell(value: string): string {
  return value.startsWith("'") ? value.slice(1) : value;
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Rows → CSV text with a UTF-8 BOM (so spreadsheet programs read Vietnamese as UTF-8) and CRLF after each row. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return UTF8_BOM + rows.map((r) => r.map((c) => quote(guardCell(c))).join(',') + '\r\n').join('');
}

/**
 * CSV text → rows of raw cells (RFC 4180; a leading BOM is skipped; LF alone also ends a row). Cells are
 * returned unguarded. Throws on a quote inside an unquoted field or an unterminated quoted field.
 */
export function parseCsv(text: string): string[][] {
  const s = text.startsWith(UTF8_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const endRow = () => {
    rows.push(row.map(unguardCell));
    row = [];
  };
  while (i < s.length) {
    let cell = '';
    if (s[i] === '"') {
      i++;
      for (;;) {
        if (i >= s.length) throw new SyntaxError('CSV: unterminated quoted field');
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += s[i++];
      }
      if (i < s.length && s[i] !== ',' && s[i] !== '\r' && s[i] !== '\n') throw new SyntaxError(`CSV: text after a closing quote at ${i}`);
    } else {
      while (i < s.length && s[i] !== ',' && s[i] !== '\r' && s[i] !== '\n') {
        if (s[i] === '"') throw new SyntaxError(`CSV: quote inside an unquoted field at ${i}`);
        cell += s[i++];
      }
    }
    row.push(cell);
    if (s[i] === ',') {
      i++;
      if (i === s.length) row.push('');
      continue;
    }
    if (s[i] === '\r') i++;
    if (s[i] === '\n') i++;
    endRow();
  }
  if (row.length > 0) endRow();
  return rows;
}
