/**
 * The visible appearance of one signature, drawn in its own widget at signing time (DOMAIN.md "Visible
 * signatures", Decree 30/2020 Appendix I): who signed, for which organisation, when (ISO 8601, Vietnam time),
 * and optionally the signer's signature image or the office's seal image. Everything goes into NEW objects of
 * the signing update (a form XObject, a font subset, maybe an image); only the widget's /AP points at them.
 */
import {
  concatTransformationMatrix, drawObject, drawText, type PDFDocument, type PDFImage, PDFName,
  type PDFRef, popGraphicsState, pushGraphicsState, degrees, rgb, type PDFOperator,
} from 'pdf-lib';
import { SaoyError } from '../errors.js';
import { cachingFontkit, parsedFont } from '../ecopy/fonts.js';
import { textFont, type TextFont, wrapText } from '../ecopy/text-layout.js';
import type { AppearanceDrawer } from '../pdf/signature-field.js';
import { checkSignatureImage } from './signature-image.js';

export interface AppearanceFonts {
  fontRegular: Uint8Array;
  fontBold: Uint8Array;
}

export interface SignatureLook {
  fonts: AppearanceFonts;
  /** PNG or JPEG: the certifier's signature image, or the office's seal image (see signature-image.ts). */
  image?: Uint8Array;
}

export interface AppearanceText {
  /** The person (certifier) or the office (authority) that signs. */
  signer: string;
  /** The organisation the signer belongs to; omitted when it repeats the signer. */
  organisation?: string;
  signingTime: Date;
}

/** 2026-12-03T09:41:05+07:00: the signing time in Vietnam time, as Decree 30/2020 Appendix I writes it. */
export function isoVietnamTime(d: Date): string {
  const local = new Date(d.getTime() + 7 * 3600_000);
  return `${local.toISOString().slice(0, 19)}+07:00`;
}

const PAD = 3;
const SIZES = [10, 9.5, 9, 8.5, 8, 7.5, 7, 6.5, 6];
const INK = rgb(0, 0, 0);
const UPRIGHT = degrees(0);

interface Row {
  label: string;
  value: string;
}

function rows(t: AppearanceText): Row[] {
  const out: Row[] = [{ label: 'Ký bởi: ', value: t.signer.normalize('NFC').trim() }];
  const org = t.organisation?.normalize('NFC').trim();
  if (org && org.toLocaleLowerCase('vi') !== out[0].value.toLocaleLowerCase('vi')) out.push({ label: 'Cơ quan: ', value: org });
  out.push({ label: 'Thời gian ký: ', value: isoVietnamTime(t.signingTime) });
  return out;
}

/** A subset font's name starts with six capital letters (ISO 32000 9.6.4), here a hash of what the appearance
 * says, so that viewers and pdffonts see a subset and the two appearances of a copy get different tags. */
function subsetTag(rs: Row[]): string {
  let h = 0x811c9dc5;
  for (const ch of rs.map((r) => r.label + r.value).join('|')) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  let tag = '';
  for (let i = 0; i < 6; i++, h = Math.floor(h / 26)) tag += String.fromCharCode(65 + (h % 26));
  return tag;
}

interface Laid {
  size: number;
  lineHeight: number;
  lines: Array<{ label?: string; text: string }>;
}

/**
 * The largest size at which every row fits the text box: bold label, value after it, wrapping under it when
 * long. The signing time is one word: it never breaks, the type shrinks instead.
 */
function layout(rs: Row[], regular: TextFont, bold: TextFont, width: number, height: number): Laid {
  let laid: Laid | undefined;
  for (const size of SIZES) {
    const lineHeight = size * 1.2;
    const lines: Laid['lines'] = [];
    let broken = false;
    for (const r of rs) {
      const lw = bold.width(r.label, size);
      const wrapped = wrapText(r.value, regular, size, width, width - lw);
      if (!r.value.includes(' ') && wrapped.length > 1) {
        // One word (the time) that does not fit after its label: label on its own line, the word under it.
        if (regular.width(r.value, size) > width) broken = true;
        lines.push({ label: r.label, text: '' }, { text: r.value });
        continue;
      }
      wrapped.forEach((text, i) => lines.push(i === 0 ? { label: r.label, text } : { text }));
    }
    laid = { size, lineHeight, lines };
    if (!broken && lines.length * lineHeight <= height) return laid;
  }
  return laid as Laid; // smallest size: drawn even if tight, never outside the form's BBox (it clips)
}

async function embedImage(doc: PDFDocument, bytes: Uint8Array): Promise<PDFImage> {
  const kind = checkSignatureImage(bytes);
  try {
    return kind === 'png' ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
  } catch (e) {
    throw new SaoyError('SIGNATURE_IMAGE_INVALID', 'the signature or seal image cannot be read', 'Không đọc được ảnh chữ ký hoặc ảnh con dấu', { cause: e });
  }
}

/**
 * A drawer for prepareFieldSignature: image (if any) on the left, at most 38 % of the width, kept in proportion
 * and centred vertically; the text rows to its right (or across the whole box), in the copy's serif font.
 */
export function signatureAppearance(text: AppearanceText, look: SignatureLook): AppearanceDrawer {
  return async (doc, box) => {
    // One face only: every font subset costs a few kilobytes in every signed revision (issue 11 size goal).
    const regularFont = await parsedFont(look.fonts.fontRegular, 'regular');
    doc.registerFontkit(cachingFontkit(new Map([[look.fonts.fontRegular, regularFont]])));
    const customName = `${subsetTag(rows(text))}+${(regularFont.postscriptName ?? 'Font').replace(/[^A-Za-z0-9-]/g, '')}`;
    const regular = textFont(await doc.embedFont(look.fonts.fontRegular, { subset: true, customName }), regularFont);
    const bold = regular;
    const ops: PDFOperator[] = [];
    const resources: { Font: Record<string, PDFRef>; XObject?: Record<string, PDFRef> } = { Font: { F1: regular.pdf.ref } };

    let textX = PAD;
    if (look.image) {
      const image = await embedImage(doc, look.image);
      const maxW = box.width * 0.38;
      const maxH = box.height - 2 * PAD;
      const scale = Math.min(maxW / image.width, maxH / image.height);
      const w = image.width * scale;
      const h = image.height * scale;
      await image.embed();
      resources.XObject = { Im1: image.ref };
      ops.push(pushGraphicsState(), concatTransformationMatrix(w, 0, 0, h, PAD, (box.height - h) / 2), drawObject(PDFName.of('Im1')), popGraphicsState());
      textX = PAD + w + 4;
    }
    const textW = box.width - textX - PAD;
    const laid = layout(rows(text), regular, bold, textW, box.height - 2 * PAD);
    const blockH = laid.lines.length * laid.lineHeight;
    let y = (box.height + blockH) / 2 - laid.size * 0.95;
    const draw = (font: TextFont, key: string, s: string, x: number) => {
      if (s) ops.push(...drawText(font.pdf.encodeText(s), { color: INK, font: key, size: laid.size, x, y, rotate: UPRIGHT, xSkew: UPRIGHT, ySkew: UPRIGHT }));
    };
    for (const line of laid.lines) {
      let x = textX;
      if (line.label) {
        draw(bold, 'F1', line.label, x);
        x += bold.width(line.label, laid.size);
      }
      draw(regular, 'F1', line.text, x);
      y -= laid.lineHeight;
    }
    // Subsets are cut when embedded, so every glyph drawn above is in them.
    await regular.pdf.embed();
    const form = doc.context.formXObject(ops, { BBox: [0, 0, box.width, box.height], Resources: resources });
    return doc.context.register(form);
  };
}
