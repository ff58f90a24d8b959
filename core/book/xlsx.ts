/**
 * The book as an Excel workbook (Office Open XML, ECMA-376): one sheet with the template's Vietnamese headers
 * and one row per number, as the CSV has it; numbers (copies, fee) as numeric cells, text as inline strings.
 * Written here, ~60 lines, rather than pulling a spreadsheet library into the extension.
 */
import { columnsTemplateById } from './columns.js';
import { rowCells } from './export.js';
import type { BookRow, BookState } from './types.js';
import { zipStored } from './zip.js';

const utf8 = new TextEncoder();
const NUMERIC = new Set(['copies', 'fee']);

function xml(text: string): string {
  // XML 1.0 forbids most C0 controls even escaped: drop them.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function cell(ref: string, value: string, numeric: boolean, style = 0): string {
  const s = style ? ` s="${style}"` : '';
  if (numeric && /^\d+$/.test(value)) return `<c r="${ref}"${s}><v>${value}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xml(value)}</t></is></c>`;
}

/** Sheet name: at most 31 characters, none of []:*?/\ (Excel refuses the file otherwise). */
function sheetName(bookNo: string): string {
  return (bookNo.replace(/[[\]:*?/\\]/g, '-').slice(0, 31) || 'So chung thuc');
}

export function bookXlsx(book: BookState, rows: readonly BookRow[]): Uint8Array {
  const template = columnsTemplateById(book.config.columnsTemplateId);
  const keys = template.columns.map((c) => c.key);
  const header = `<row r="1">${template.columns.map((c, i) => cell(`${columnName(i)}1`, c.vi, false, 1)).join('')}</row>`;
  const body = rows
    .map((r, ri) => `<row r="${ri + 2}">${rowCells(r, template).map((v, i) => cell(`${columnName(i)}${ri + 2}`, v, NUMERIC.has(keys[i]))).join('')}</row>`)
    .join('');
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${header}${body}</sheetData></worksheet>`;
  const parts: [string, string][] = [
    ['[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`],
    ['_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${xml(sheetName(book.config.bookNo))}" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`],
    ['xl/styles.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Times New Roman"/></font><font><b/><sz val="11"/><name val="Times New Roman"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf fontId="0"/><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>`],
    ['xl/worksheets/sheet1.xml', sheet],
  ];
  return zipStored(parts.map(([name, text]) => ({ name, data: utf8.encode(text) })));
}
