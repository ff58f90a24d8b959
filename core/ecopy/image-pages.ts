/**
 * One PDF page per original page image. The page has the original's physical size when the file states a
 * believable resolution, otherwise A4 with the image fitted and centred. Pixels are never decoded or
 * re-encoded for JPEG (the signed bytes are the camera's/scanner's bytes); EXIF orientation is applied by the
 * drawing matrix, not by touching pixels.
 */
import {
  clip, concatTransformationMatrix, drawObject, endPath, type PDFDocument, PDFName, popGraphicsState, pushGraphicsState,
  type PDFRawStream, type PDFRef, rectangle,
} from 'pdf-lib';
import { type CropRect, displayPixelSize, type ExifOrientation, type PaperChoice, type ParsedImage } from './images';

export const A4: readonly [number, number] = [595.28, 841.89];
/** Margin around an image fitted into A4 by default, so printers do not clip the edge of the original. */
const A4_MARGIN = 14.17; // 5 mm
const MIN_INCHES = 1;
// Paper originals are at most A2-ish (23.4 in); a larger "physical" size means the DPI is meaningless.
const MAX_INCHES = 24;
const MM = 72 / 25.4;

/** Paper sizes the clerk can choose (portrait, in points); the page takes the image's orientation. */
export const PAPER_SIZES: Readonly<Record<Exclude<PaperChoice, 'dpi'>, readonly [number, number]>> = {
  a4: A4,
  a5: [148 * MM, 210 * MM],
  letter: [8.5 * 72, 11 * 72],
  'id-card': [54 * MM, 85.6 * MM], // ISO/IEC 7810 ID-1: 85.6 × 54 mm
  passport: [88 * MM, 125 * MM], // ICAO 9303 TD3 passport page: 125 × 88 mm
};
export const PAPER_CHOICES: readonly PaperChoice[] = ['a4', 'a5', 'letter', 'id-card', 'passport', 'dpi'];

export function isPaperChoice(v: unknown): v is PaperChoice {
  return typeof v === 'string' && (PAPER_CHOICES as readonly string[]).includes(v);
}

export interface PagePlacement {
  pageWidth: number;
  pageHeight: number;
  /** Box (in points) the shown part of the upright image occupies on the page. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Whether the stated DPI was used (physical size) rather than a paper size. */
  physical: boolean;
}

/**
 * 72 and 96 dpi are what cameras and screens write when they know nothing about the paper: a 1600×1200 phone
 * photo "at 72 dpi" would be a 56 × 42 cm page. Only another stated resolution (a scanner's) is believed.
 */
export function believableDpi(dpi: number | undefined): dpi is number {
  return dpi !== undefined && Number.isFinite(dpi) && dpi > 0 && Math.abs(dpi - 72) >= 0.5 && Math.abs(dpi - 96) >= 0.5;
}

const FULL: CropRect = { x: 0, y: 0, width: 1, height: 1 };

function fitInto(pw: number, ph: number, w: number, h: number, margin: number, physical = false): PagePlacement {
  const scale = Math.min((pw - 2 * margin) / w, (ph - 2 * margin) / h);
  const fw = w * scale;
  const fh = h * scale;
  return { pageWidth: pw, pageHeight: ph, x: (pw - fw) / 2, y: (ph - fh) / 2, width: fw, height: fh, physical };
}

/**
 * Page size and image box for one image (orientation already applied), for the shown part `crop`:
 * the chosen paper (turned to the image's orientation, image fitted and centred), the physical size from a
 * believable DPI ("dpi", and the default), else A4 with the image fitted.
 */
export function placeImage(img: ParsedImage, paper?: PaperChoice, crop: CropRect = FULL): PagePlacement {
  const d = displayPixelSize(img);
  const w = d.width * crop.width;
  const h = d.height * crop.height;
  const landscape = w > h;
  if (paper && paper !== 'dpi') {
    const [a, b] = PAPER_SIZES[paper];
    const [pw, ph] = landscape ? [b, a] : [a, b];
    return fitInto(pw, ph, w, h, 0);
  }
  if (believableDpi(d.dpiX) && believableDpi(d.dpiY)) {
    const wIn = w / d.dpiX;
    const hIn = h / d.dpiY;
    const ok = (v: number): boolean => v >= MIN_INCHES && v <= MAX_INCHES;
    if (ok(wIn) && ok(hIn)) return fitInto(wIn * 72, hIn * 72, wIn * 72, hIn * 72, 0, true);
  }
  const [pw, ph] = landscape ? [A4[1], A4[0]] : [A4[0], A4[1]];
  return fitInto(pw, ph, w, h, A4_MARGIN);
}

/**
 * The matrix that maps the image's unit square (as stored, row 0 at the top) onto the box (x, y, w, h) so that
 * it appears as EXIF orientation `o` says it should be viewed.
 */
export function orientationMatrix(o: ExifOrientation, x: number, y: number, w: number, h: number): [number, number, number, number, number, number] {
  // [a b c d e f]: X = a·u + c·v + e, Y = b·u + d·v + f, with (u, v) in the image's unit square.
  switch (o) {
    case 2: return [-w, 0, 0, h, x + w, y]; // mirrored left-right
    case 3: return [-w, 0, 0, -h, x + w, y + h]; // 180°
    case 4: return [w, 0, 0, -h, x, y + h]; // mirrored top-bottom
    case 5: return [0, -h, -w, 0, x + w, y + h]; // transposed
    case 6: return [0, -h, w, 0, x, y + h]; // stored image turned 90° clockwise for viewing
    case 7: return [0, h, w, 0, x, y]; // transverse
    case 8: return [0, h, -w, 0, x + w, y]; // turned 90° counter-clockwise for viewing
    default: return [w, 0, 0, h, x, y];
  }
}

const STREAM = new TextEncoder().encode('\nstream\n');
const ENDSTREAM = new TextEncoder().encode('\nendstream');

/** pdf-lib writes stream contents one byte at a time; for a multi-megabyte photo one `set` is many times faster.
 * Same bytes as PDFStream.copyBytesInto, only copied in bulk. */
function copyInBulk(stream: PDFRawStream): PDFRawStream {
  stream.copyBytesInto = (buffer: Uint8Array, offset: number): number => {
    stream.updateDict();
    const start = offset;
    offset += stream.dict.copyBytesInto(buffer, offset);
    buffer.set(STREAM, offset);
    offset += STREAM.length;
    const contents = stream.getContents();
    buffer.set(contents, offset);
    offset += contents.length;
    buffer.set(ENDSTREAM, offset);
    return offset + ENDSTREAM.length - start;
  };
  return stream;
}

/** The JPEG as an image XObject holding exactly the file's bytes (DCTDecode needs no re-encoding). */
function jpegXObject(doc: PDFDocument, bytes: Uint8Array, img: ParsedImage): PDFRef {
  const colorSpace = img.components === 1 ? 'DeviceGray' : img.components === 4 ? 'DeviceCMYK' : 'DeviceRGB';
  const dict: Record<string, unknown> = {
    Type: 'XObject',
    Subtype: 'Image',
    Width: img.width,
    Height: img.height,
    ColorSpace: colorSpace,
    BitsPerComponent: 8,
    Filter: 'DCTDecode',
  };
  // Adobe (Photoshop) CMYK JPEGs store inverted values; readers expect the Decode array to undo that.
  if (img.components === 4 && img.adobe) dict.Decode = [1, 0, 1, 0, 1, 0, 1, 0];
  return doc.context.register(copyInBulk(doc.context.stream(bytes, dict as Parameters<typeof doc.context.stream>[1])));
}

/**
 * Append a page showing the image (or its `crop`); returns where it went. A crop draws the whole image, scaled
 * so the cropped part fills the box, and clips to the box: the embedded bytes are the original file's.
 */
export async function addImagePage(
  doc: PDFDocument, bytes: Uint8Array, img: ParsedImage, opts: { paper?: PaperChoice; crop?: CropRect } = {},
): Promise<PagePlacement> {
  const crop = opts.crop ?? FULL;
  const place = placeImage(img, opts.paper, crop);
  const ref = img.format === 'jpeg' ? jpegXObject(doc, bytes, img) : (await doc.embedPng(bytes)).ref;
  const page = doc.addPage([place.pageWidth, place.pageHeight]);
  const name: PDFName = page.node.newXObject('Im', ref);
  const fullW = place.width / crop.width;
  const fullH = place.height / crop.height;
  const fullX = place.x - crop.x * fullW;
  const fullY = place.y - (1 - crop.y - crop.height) * fullH; // crop.y counts from the top, PDF from the bottom
  const [a, b, c, d, e, f] = orientationMatrix(img.orientation, fullX, fullY, fullW, fullH);
  const cropped = crop !== FULL;
  page.pushOperators(
    pushGraphicsState(),
    ...(cropped ? [rectangle(place.x, place.y, place.width, place.height), clip(), endPath()] : []),
    concatTransformationMatrix(a, b, c, d, e, f),
    drawObject(name),
    popGraphicsState(),
  );
  page.node.delete(PDFName.of('Annots')); // pdf-lib adds an empty /Annots to every page; image pages have none
  return place;
}
