/**
 * One PDF page per original page image. The page has the original's physical size when the file states a
 * believable resolution, otherwise A4 with the image fitted and centred. Pixels are never decoded or
 * re-encoded for JPEG (the signed bytes are the camera's/scanner's bytes); EXIF orientation is applied by the
 * drawing matrix, not by touching pixels.
 */
import {
  concatTransformationMatrix, drawObject, type PDFDocument, PDFName, popGraphicsState, pushGraphicsState,
  type PDFRawStream, type PDFRef,
} from 'pdf-lib';
import { displayPixelSize, type ExifOrientation, type ParsedImage } from './images';

export const A4: readonly [number, number] = [595.28, 841.89];
/** Margin around an image fitted into A4, so printers do not clip the edge of the original. */
const A4_MARGIN = 14.17; // 5 mm
const MIN_INCHES = 1;
// Paper originals are at most A2-ish (23.4 in); a larger "physical" size means the DPI is a camera
// default (typically 72 dpi on a 12 MP photo: 55 in wide), so the image is fitted to A4 instead.
const MAX_INCHES = 24;

export interface PagePlacement {
  pageWidth: number;
  pageHeight: number;
  /** Box (in points) the upright image occupies on the page. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Whether the stated DPI was used (physical size) or ignored (A4 fallback). */
  physical: boolean;
}

/** Page size and image box for one image (orientation already applied). */
export function placeImage(img: ParsedImage): PagePlacement {
  const d = displayPixelSize(img);
  if (d.dpiX && d.dpiY) {
    const wIn = d.width / d.dpiX;
    const hIn = d.height / d.dpiY;
    const ok = (v: number): boolean => v >= MIN_INCHES && v <= MAX_INCHES;
    if (ok(wIn) && ok(hIn)) {
      const w = wIn * 72;
      const h = hIn * 72;
      return { pageWidth: w, pageHeight: h, x: 0, y: 0, width: w, height: h, physical: true };
    }
  }
  const landscape = d.width > d.height;
  const [pw, ph] = landscape ? [A4[1], A4[0]] : [A4[0], A4[1]];
  const scale = Math.min((pw - 2 * A4_MARGIN) / d.width, (ph - 2 * A4_MARGIN) / d.height);
  const w = d.width * scale;
  const h = d.height * scale;
  return { pageWidth: pw, pageHeight: ph, x: (pw - w) / 2, y: (ph - h) / 2, width: w, height: h, physical: false };
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

/** Append a page showing the image; returns where it went. */
export async function addImagePage(doc: PDFDocument, bytes: Uint8Array, img: ParsedImage): Promise<PagePlacement> {
  const place = placeImage(img);
  const ref = img.format === 'jpeg' ? jpegXObject(doc, bytes, img) : (await doc.embedPng(bytes)).ref;
  const page = doc.addPage([place.pageWidth, place.pageHeight]);
  const name: PDFName = page.node.newXObject('Im', ref);
  const [a, b, c, d, e, f] = orientationMatrix(img.orientation, place.x, place.y, place.width, place.height);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(a, b, c, d, e, f), drawObject(name), popGraphicsState());
  page.node.delete(PDFName.of('Annots')); // pdf-lib adds an empty /Annots to every page; image pages have none
  return place;
}
