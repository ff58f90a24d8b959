/**
 * The appended A4 statement page, laid out like an administrative document (Decree 30/2020): the office and the
 * national motto as header, then exactly the lines of the Decree 23/2015 template (no other labels), the
 * certifier's block on the right with its signature widget, the office's signature (its seal) on the left, and
 * the legal basis in the footer. Every area has a fixed place so the signature rectangles never move, whatever the
 * length of the names: text wraps and shrinks inside its area.
 */
import { type Color, degrees, drawText, type PDFFont, type PDFName, type PDFPage, rgb } from 'pdf-lib';
import { A4 } from './image-pages';
import type { RenderedStatement } from './statement';
import { fitParagraph, type TextFont } from './text-layout';

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
  /** The statement lines (the place-and-date line sits on the right, above the certifier's block). */
  statement: { x: LEFT, y: 660, width: WIDTH, height: 50 } as Rect,
  /** Heading, title, note, signature and name of the certifier (right, where administrative documents sign). */
  certifierBlock: { x: RIGHT_COL_X - 20, y: 380, width: COL + 40, height: 270 } as Rect,
  /** Rectangles of the two signature widgets: the certifier's, and the office's (its seal) beside it. */
  certifierSignature: { x: RIGHT_COL_X, y: 450, width: COL, height: 90 } as Rect,
  authoritySignature: { x: LEFT_COL_X, y: 450, width: COL, height: 90 } as Rect,
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

function drawHeader(page: PDFPage, f: StatementFonts, header: readonly [string, string]): void {
  const top = 772;
  // "ỦY BAN NHÂN DÂN" over the unit's name; a long name shrinks to stay on its line.
  let y = top;
  for (const line of header) {
    centred(page, line, LEFT_COL_X, COL, y, f.bold, sizeToFit(line, f.bold, 12, COL));
    y -= 15;
  }
  const ruleY = y + 15 - 12 * 0.4 - 3; // below the descenders of the last line
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

function frame(page: PDFPage, r: Rect): void {
  page.drawRectangle({ x: r.x, y: r.y, width: r.width, height: r.height, borderColor: RULE, borderWidth: 0.6, borderDashArray: [3, 2] });
}

/**
 * Heading, title (up to three lines, e.g. "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"), "(Chữ ký số)" above the widget; the
 * name under it. `block` is [heading, title?, note, name] as the template filled it.
 */
function drawCertifierBlock(page: PDFPage, f: StatementFonts, block: string[], sig: Rect): void {
  const heading = block[0];
  const name = block[block.length - 1];
  const note = block[block.length - 2];
  const title = block.length === 4 ? block[1] : undefined;
  const x = sig.x;
  // Without a title line the heading sits just above the note, as on a paper stamp.
  let y = sig.y + sig.height + (title ? 75 : 30);
  centred(page, heading, x, COL, y, f.bold, sizeToFit(heading, f.bold, 12, COL));
  if (title) {
    const p = fitParagraph(title, f.bold, [12, 11, 10, 9], COL + 40, 3, 1.2, true);
    for (const line of p.lines) {
      y -= 15;
      centred(page, line, x - 20, COL + 40, y, f.bold, p.size);
    }
  }
  centred(page, note, x, COL, sig.y + sig.height + 8, f.regular, 11);
  frame(page, sig);
  const p = fitParagraph(name, f.bold, [13, 12, 11, 10], COL, 3, 1.25, true);
  let ny = sig.y - 20;
  for (const line of p.lines) {
    centred(page, line, x, COL, ny, f.bold, p.size);
    ny -= p.lineHeight;
  }
}

/** Draw the statement page (already added, A4 portrait) for validated fields. */
export function drawStatementPage(page: PDFPage, f: StatementFonts, st: RenderedStatement): void {
  drawHeader(page, f, st.header);

  // The lời chứng, line by line as the template has it; the place and date go right, above the signer.
  const s = STATEMENT_LAYOUT.statement;
  const [first, numbers, placeDate] = st.statement;
  text(page, first, s.x, s.y + s.height - 14, f.bold, sizeToFit(first, f.bold, 13, s.width));
  text(page, numbers, s.x, s.y + s.height - 36, f.regular, sizeToFit(numbers, f.regular, 13, s.width));
  const sig = STATEMENT_LAYOUT.certifierSignature;
  centred(page, placeDate, sig.x - 20, COL + 40, sig.y + sig.height + 100, f.regular, sizeToFit(placeDate, f.regular, 12, COL + 40));

  drawCertifierBlock(page, f, st.certifierBlock, sig);
  // The office's digital signature takes the place of its seal: no label of its own, as a seal has none.
  frame(page, STATEMENT_LAYOUT.authoritySignature);

  const fp = fitParagraph(st.footer, f.regular, [8], WIDTH, 3, 1.3);
  let y = 58 + (fp.lines.length - 1) * fp.lineHeight;
  for (const line of fp.lines) {
    const w = f.regular.width(line, fp.size);
    text(page, line, LEFT + (WIDTH - w) / 2, y, f.regular, fp.size, GREY);
    y -= fp.lineHeight;
  }
}
