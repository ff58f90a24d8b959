/**
 * The appended A4 statement page, laid out like an administrative document (office and national motto header,
 * title, particulars of the original, the lời chứng, two signature blocks). Every area has a fixed place so the
 * signature rectangles never move, whatever the length of the names: text wraps and shrinks inside its area.
 */
import { type Color, degrees, drawText, type PDFFont, type PDFName, type PDFPage, rgb } from 'pdf-lib';
import type { EcopyFields } from './fields';
import { A4 } from './image-pages';
import type { RenderedStatement } from './statement';
import { fitParagraph, type TextFont, wrapText } from './text-layout';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const LEFT = 85.04; // 30 mm, the usual left margin of Vietnamese administrative documents
const RIGHT = A4[0] - 56.69; // 20 mm
const WIDTH = RIGHT - LEFT;
const COL = 215;
const LEFT_COL_X = LEFT;
const RIGHT_COL_X = RIGHT - COL;

/** Fixed geometry of the statement page (PDF points, origin bottom-left). */
export const STATEMENT_LAYOUT = {
  pageSize: A4,
  /** The three statement lines. */
  statement: { x: LEFT, y: 420, width: WIDTH, height: 72 } as Rect,
  /** Title, note, signature area and name of each signer. */
  certifierBlock: { x: LEFT_COL_X, y: 160, width: COL, height: 245 } as Rect,
  authorityBlock: { x: RIGHT_COL_X, y: 160, width: COL, height: 245 } as Rect,
  /** Rectangles of the two signature widgets. */
  certifierSignature: { x: LEFT_COL_X, y: 276, width: COL, height: 90 } as Rect,
  authoritySignature: { x: RIGHT_COL_X, y: 276, width: COL, height: 90 } as Rect,
} as const;

export interface StatementFonts {
  regular: TextFont;
  bold: TextFont;
}

const INK = rgb(0, 0, 0);
const GREY = rgb(0.45, 0.45, 0.45);
const RULE = rgb(0.6, 0.6, 0.6);

const fontKeys = new WeakMap<PDFPage, Map<PDFFont, PDFName>>();
const UPRIGHT = degrees(0);

/** One line of text. page.drawText would add a fresh /Font resource entry on every call (pdf-lib); here each
 * font gets one resource name per page and the text operators are pushed directly. */
function text(page: PDFPage, s: string, x: number, y: number, font: TextFont, size: number, color: Color = INK): void {
  let keys = fontKeys.get(page);
  if (!keys) fontKeys.set(page, (keys = new Map()));
  let key = keys.get(font.pdf);
  if (!key) keys.set(font.pdf, (key = page.node.newFontDictionary(font.pdf.name, font.pdf.ref)));
  page.pushOperators(
    ...drawText(font.pdf.encodeText(s), { color, font: key, size, x, y, rotate: UPRIGHT, xSkew: UPRIGHT, ySkew: UPRIGHT }),
  );
}

function centred(page: PDFPage, s: string, x: number, width: number, y: number, font: TextFont, size: number): number {
  const w = font.width(s, size);
  text(page, s, x + (width - w) / 2, y, font, size);
  return w;
}

/** Largest size ≤ max at which a single line fits the width. */
function sizeToFit(s: string, font: TextFont, max: number, width: number): number {
  const w = font.width(s, max);
  return w <= width ? max : Math.floor((max * width) / w * 10) / 10;
}

function drawHeader(page: PDFPage, f: StatementFonts, office: string): void {
  const top = 772;
  // Issuing office, in capitals as on every administrative document and stamp.
  const officeCaps = office.toLocaleUpperCase('vi');
  const p = fitParagraph(officeCaps, f.bold, [11, 10, 9, 8], COL - 10, 7, 1.25, true);
  let y = top;
  p.lines.forEach((line, i) => {
    centred(page, line, LEFT_COL_X, COL, y, f.bold, p.size);
    if (i < p.lines.length - 1) y -= p.lineHeight;
  });
  const ruleY = y - p.size * 0.4 - 3; // below the descenders of the last line
  page.drawLine({ start: { x: LEFT_COL_X + COL / 3, y: ruleY }, end: { x: LEFT_COL_X + (2 * COL) / 3, y: ruleY }, thickness: 0.6, color: INK });

  const rightX = LEFT_COL_X + COL + 10;
  const rightW = RIGHT - rightX;
  const nation = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
  centred(page, nation, rightX, rightW, top, f.bold, sizeToFit(nation, f.bold, 11, rightW));
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  const mw = centred(page, motto, rightX, rightW, top - 15, f.bold, 11);
  const mx = rightX + (rightW - mw) / 2;
  page.drawLine({ start: { x: mx, y: top - 19.5 }, end: { x: mx + mw, y: top - 19.5 }, thickness: 0.6, color: INK });
}

/** Label (bold) followed by a wrapped value (regular); all rows share one size so the block looks even. */
function drawParticulars(page: PDFPage, f: StatementFonts, rows: Array<[string, string]>, top: number, bottom: number): void {
  for (const size of [12, 11, 10, 9]) {
    const lh = size * 1.3;
    const laid = rows.map(([label, value]) => {
      const lw = f.bold.width(`${label} `, size);
      return { label, lw, lines: wrapText(value, f.regular, size, WIDTH, WIDTH - lw) };
    });
    const total = laid.reduce((n, r) => n + r.lines.length, 0);
    if ((total - 1) * lh > top - bottom && size > 9) continue;
    let y = top;
    for (const r of laid) {
      text(page, r.label, LEFT, y, f.bold, size);
      r.lines.forEach((line, i) => {
        if (y < bottom) return; // only reachable at the smallest size with impossible input: never draw lower
        text(page, line, i === 0 ? LEFT + r.lw : LEFT, y, f.regular, size);
        y -= lh;
      });
    }
    return;
  }
}

function drawSignatureBlock(page: PDFPage, f: StatementFonts, block: string[], x: number, sig: Rect): void {
  const [title, note, name] = block;
  centred(page, title, x, COL, sig.y + sig.height + 26, f.bold, sizeToFit(title, f.bold, 11, COL));
  centred(page, note, x, COL, sig.y + sig.height + 10, f.regular, 10.5);
  page.drawRectangle({
    x: sig.x, y: sig.y, width: sig.width, height: sig.height,
    borderColor: RULE, borderWidth: 0.6, borderDashArray: [3, 2],
  });
  const p = fitParagraph(name, f.bold, [12, 11, 10, 9], COL, 6, 1.25, true);
  let y = sig.y - 18;
  for (const line of p.lines) {
    centred(page, line, x, COL, y, f.bold, p.size);
    y -= p.lineHeight;
  }
}

/** Draw the statement page (already added, A4 portrait) for validated fields. */
export function drawStatementPage(page: PDFPage, f: StatementFonts, st: RenderedStatement, fields: EcopyFields): void {
  drawHeader(page, f, st.officeLine);

  const [title, subtitle] = st.title;
  centred(page, title, LEFT, WIDTH, 662, f.bold, 16);
  if (subtitle) centred(page, subtitle, LEFT, WIDTH, 642, f.regular, 12);

  const rows: Array<[string, string]> = [
    ['Tên bản chính:', fields.docName],
    ['Số trang bản chính:', `${fields.pageCount} trang`],
  ];
  if (fields.requester) rows.push(['Người yêu cầu chứng thực:', fields.requester]);
  drawParticulars(page, f, rows, 604, 510);

  // The lời chứng itself: a framed block, like the office's stamp on a paper copy.
  const s = STATEMENT_LAYOUT.statement;
  page.drawRectangle({ x: s.x, y: s.y, width: s.width, height: s.height, borderColor: INK, borderWidth: 0.8 });
  st.statement.forEach((line, i) => {
    const font = i === 0 ? f.bold : f.regular;
    const size = sizeToFit(line, font, 12, s.width - 20);
    text(page, line, s.x + 10, s.y + s.height - 20 - i * 19, font, size);
  });

  drawSignatureBlock(page, f, st.certifierBlock, LEFT_COL_X, STATEMENT_LAYOUT.certifierSignature);
  drawSignatureBlock(page, f, st.authorityBlock, RIGHT_COL_X, STATEMENT_LAYOUT.authoritySignature);

  const total = fields.pageCount + 1;
  const footer =
    `Bản sao điện tử gồm ${total} trang: ${fields.pageCount} trang bản chính và trang lời chứng này. ` +
    `Căn cứ: ${st.legalBasis.join('; ')}.`;
  const fp = fitParagraph(footer, f.regular, [8], WIDTH, 3, 1.3);
  let y = 58 + (fp.lines.length - 1) * fp.lineHeight;
  for (const line of fp.lines) {
    const w = f.regular.width(line, fp.size);
    text(page, line, LEFT + (WIDTH - w) / 2, y, f.regular, fp.size, GREY);
    y -= fp.lineHeight;
  }
}
