/**
 * Sniff and structurally validate the originals' page images before anything is embedded.
 * Only JPEG and PNG are accepted: both go into a PDF without decoding (JPEG byte-for-byte as DCTDecode),
 * and every viewer on every official's machine renders them. Everything else is refused with a message that
 * names the page, so the certifier can rescan instead of signing a copy that some viewer cannot show.
 */
import { SaoyError } from '../errors';

/** One page image of the original as the user supplied it. */
export interface OriginalImage {
  bytes: Uint8Array;
  /** File name, used in messages and for nothing else. */
  name?: string;
  /**
   * Quarter-turns clockwise the user applied (a photo taken sideways), on top of the EXIF orientation.
   * Applied by the drawing matrix: the image bytes are never touched. Default 0.
   */
  rotate?: 0 | 90 | 180 | 270;
  /** The original's paper size, chosen by the clerk (default: the image's DPI when believable, else fit to A4). */
  paper?: PaperChoice;
  /** The part of the (upright, turned) image to show, as fractions of its width and height from the top-left.
   * Shown through the page box and a clip path: the image bytes stay untouched. */
  crop?: CropRect;
}

export type PaperChoice = 'a4' | 'a5' | 'letter' | 'id-card' | 'passport' | 'dpi';

export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** EXIF orientation: 1 = as stored; 3 = 180°; 6 = display rotated 90° clockwise; 8 = 90° counter-clockwise;
 * 2, 4, 5, 7 are the mirrored variants. */
export type ExifOrientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface ParsedImage {
  format: 'jpeg' | 'png';
  /** Stored pixel size (before orientation is applied). */
  width: number;
  height: number;
  /** JPEG: colour components in the frame (1, 3 or 4). PNG: channels implied by the colour type. */
  components: number;
  bitsPerComponent: number;
  /** Pixels per inch from JFIF/EXIF (JPEG) or pHYs (PNG); absent when the file states none. */
  dpiX?: number;
  dpiY?: number;
  orientation: ExifOrientation;
  /** JPEG only: an Adobe APP14 segment is present (its CMYK data is stored inverted). */
  adobe?: boolean;
}

/** Where the image came from, for messages: 1-based page number and optional file name. */
export interface ImageContext {
  page: number;
  name?: string;
}

export type SniffedFormat =
  | 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'tiff' | 'heic' | 'heif' | 'avif' | 'jpeg2000' | 'jpegxl' | 'pdf'
  | 'unknown';

const MAX_PIXELS = 100_000_000;
/** A phone photo is 3–10 MB, a 600 dpi A3 scan a few tens: anything above this is not a page image. */
const MAX_BYTES = 64 * 1024 * 1024;

const FORMAT_LABEL: Record<Exclude<SniffedFormat, 'jpeg' | 'png' | 'unknown'>, string> = {
  gif: 'GIF', webp: 'WebP', bmp: 'BMP', tiff: 'TIFF', heic: 'HEIC', heif: 'HEIF', avif: 'AVIF',
  jpeg2000: 'JPEG 2000', jpegxl: 'JPEG XL', pdf: 'PDF',
};

function ascii(b: Uint8Array, at: number, len: number): string {
  let s = '';
  for (let i = at; i < at + len && i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

/** Identify the container from its magic bytes (never from the file name, which users get wrong). */
export function sniffImageFormat(b: Uint8Array): SniffedFormat {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  const head6 = ascii(b, 0, 6);
  if (head6 === 'GIF87a' || head6 === 'GIF89a') return 'gif';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  const head4 = ascii(b, 0, 4);
  if (head4 === 'II*\0' || head4 === 'MM\0*') return 'tiff';
  if (head4 === '%PDF') return 'pdf';
  if (ascii(b, 4, 4) === 'ftyp') {
    // ISO-BMFF: the major brand (and compatible brands) say which image codec is inside.
    const brand = ascii(b, 8, 4);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs'].includes(brand)) return 'heic';
    if (brand === 'mif1' || brand === 'msf1' || brand === 'miaf') return 'heif';
    if (brand === 'jp2 ' || brand === 'jpx ') return 'jpeg2000';
  }
  if (ascii(b, 0, 12) === '\0\0\0\x0cjP  \r\n\x87\n') return 'jpeg2000';
  if ((b[0] === 0xff && b[1] === 0x0a) || ascii(b, 0, 12) === '\0\0\0\x0cJXL \r\n\x87\n') return 'jpegxl';
  if (head4.startsWith('BM') && b.length >= 26) return 'bmp';
  return 'unknown';
}

/** File names come from users: keep them printable and short in messages. */
function cleanName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  // eslint-disable-next-line no-control-regex
  const s = name.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return s.length > 80 ? s.slice(0, 77) + '...' : s;
}

function where(ctx: ImageContext): { en: string; vi: string } {
  const n = cleanName(ctx.name);
  return {
    en: `original page ${ctx.page}${n ? ` (${n})` : ''}`,
    vi: `Trang ${ctx.page}${n ? ` (${n})` : ''}`,
  };
}

function unsupported(ctx: ImageContext, what: { en: string; vi: string }): SaoyError {
  const w = where(ctx);
  return new SaoyError(
    'IMAGE_UNSUPPORTED',
    `${w.en} is ${what.en}; only JPEG and PNG are supported`,
    `${w.vi} là ${what.vi}; chỉ hỗ trợ ảnh JPEG và PNG`,
  );
}

/** A structural fault; `why` is one short clause per language. */
function corrupt(ctx: ImageContext, format: 'JPEG' | 'PNG', why: { en: string; vi: string }): SaoyError {
  const w = where(ctx);
  return new SaoyError(
    'IMAGE_CORRUPT',
    `${w.en} is not a valid ${format} image: ${why.en}`,
    `${w.vi} không phải ảnh ${format} hợp lệ: ${why.vi}`,
  );
}

const TRUNCATED = { en: 'the file is truncated', vi: 'tệp bị cắt cụt' };

function checkDimensions(ctx: ImageContext, format: 'JPEG' | 'PNG', width: number, height: number): void {
  if (width === 0 || height === 0) {
    throw corrupt(ctx, format, { en: 'its width or height is zero', vi: 'chiều rộng hoặc chiều cao bằng 0' });
  }
  if (width * height > MAX_PIXELS) {
    const w = where(ctx);
    throw new SaoyError(
      'IMAGE_TOO_LARGE',
      `${w.en} is ${width}×${height} pixels; at most 100 megapixels are accepted`,
      `${w.vi} có kích thước ${width}×${height} điểm ảnh; chỉ chấp nhận tối đa 100 megapixel`,
    );
  }
}

/** Parse and validate one page image; throws SaoyError (IMAGE_UNSUPPORTED, IMAGE_CORRUPT, IMAGE_TOO_LARGE). */
export function parseImage(bytes: Uint8Array, ctx: ImageContext): ParsedImage {
  if (bytes.length > MAX_BYTES) {
    const w = where(ctx);
    throw new SaoyError(
      'IMAGE_TOO_LARGE',
      `${w.en} is larger than 64 MB`,
      `${w.vi} có dung lượng lớn hơn 64 MB`,
    );
  }
  const format = sniffImageFormat(bytes);
  if (format === 'jpeg') return parseJpeg(bytes, ctx);
  if (format === 'png') return parsePng(bytes, ctx);
  if (format === 'unknown') {
    if (bytes.length === 0) throw unsupported(ctx, { en: 'an empty file', vi: 'tệp rỗng' });
    throw unsupported(ctx, { en: 'not a recognised image', vi: 'tệp không phải ảnh được nhận dạng' });
  }
  if (format === 'pdf') throw unsupported(ctx, { en: 'a PDF document', vi: 'tài liệu PDF' });
  const label = FORMAT_LABEL[format];
  throw unsupported(ctx, { en: `a ${label} image`, vi: `ảnh ${label}` });
}

/** Size of the image as it is meant to be seen (orientations 5–8 swap width and height). */
export function displayPixelSize(img: ParsedImage): { width: number; height: number; dpiX?: number; dpiY?: number } {
  if (img.orientation >= 5) return { width: img.height, height: img.width, dpiX: img.dpiY, dpiY: img.dpiX };
  return { width: img.width, height: img.height, dpiX: img.dpiX, dpiY: img.dpiY };
}

// ---------------------------------------------------------------------------------------------------------------
// JPEG

function u16be(b: Uint8Array, i: number): number {
  return (b[i] << 8) | b[i + 1];
}

function validDpi(x: number): number | undefined {
  return Number.isFinite(x) && x >= 1 && x <= 100_000 ? x : undefined;
}

/** Walk SOI, segments, scans and EOI; lengths are checked against the buffer at every step. */
function parseJpeg(b: Uint8Array, ctx: ImageContext): ParsedImage {
  const len = b.length;
  let pos = 2;
  let frame: { width: number; height: number; components: number } | undefined;
  let scans = 0;
  let jfif: { x: number; y: number } | undefined;
  let exif: ExifInfo | undefined;
  let adobe = false;
  for (;;) {
    if (pos >= len) throw corrupt(ctx, 'JPEG', TRUNCATED);
    if (b[pos] !== 0xff) {
      throw corrupt(ctx, 'JPEG', { en: `no marker at byte ${pos}`, vi: `thiếu mã đánh dấu tại byte ${pos}` });
    }
    while (pos < len && b[pos] === 0xff) pos++; // fill bytes may precede any marker
    if (pos >= len) throw corrupt(ctx, 'JPEG', TRUNCATED);
    const m = b[pos++];
    if (m === 0xd9) break; // EOI; anything after it (camera trailers) is carried along untouched
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd7)) continue; // TEM, stray RSTn: no payload
    if (m === 0x00 || m === 0xd8) {
      throw corrupt(ctx, 'JPEG', { en: `unexpected marker at byte ${pos - 1}`, vi: `mã đánh dấu sai tại byte ${pos - 1}` });
    }
    if (pos + 2 > len) throw corrupt(ctx, 'JPEG', TRUNCATED);
    const segLen = u16be(b, pos);
    const start = pos + 2;
    const end = pos + segLen;
    if (segLen < 2) throw corrupt(ctx, 'JPEG', { en: 'a segment length is invalid', vi: 'độ dài một đoạn không hợp lệ' });
    if (end > len) throw corrupt(ctx, 'JPEG', TRUNCATED);

    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) {
      if (frame) throw corrupt(ctx, 'JPEG', { en: 'it has two frame headers', vi: 'có hai phần đầu khung ảnh' });
      // Baseline, extended and progressive Huffman are what PDF DCTDecode readers decode everywhere.
      if (m !== 0xc0 && m !== 0xc1 && m !== 0xc2) {
        throw unsupported(ctx, {
          en: 'a lossless, hierarchical or arithmetic-coded JPEG',
          vi: 'ảnh JPEG không tổn hao, phân cấp hoặc mã hóa số học',
        });
      }
      if (segLen < 8) throw corrupt(ctx, 'JPEG', { en: 'the frame header is too short', vi: 'phần đầu khung ảnh quá ngắn' });
      const precision = b[start];
      const height = u16be(b, start + 1);
      const width = u16be(b, start + 3);
      const nf = b[start + 5];
      if (segLen !== 8 + 3 * nf) {
        throw corrupt(ctx, 'JPEG', { en: 'the frame header length is wrong', vi: 'độ dài phần đầu khung ảnh sai' });
      }
      if (precision !== 8) throw unsupported(ctx, { en: `a ${precision}-bit JPEG`, vi: `ảnh JPEG ${precision} bit` });
      if (nf !== 1 && nf !== 3 && nf !== 4) {
        throw unsupported(ctx, { en: `a JPEG with ${nf} colour components`, vi: `ảnh JPEG có ${nf} thành phần màu` });
      }
      checkDimensions(ctx, 'JPEG', width, height);
      frame = { width, height, components: nf };
    } else if (m === 0xe0 && segLen >= 16 && ascii(b, start, 5) === 'JFIF\0') {
      const units = b[start + 7];
      const x = u16be(b, start + 8);
      const y = u16be(b, start + 10);
      // units 0 only gives the aspect ratio, not a physical size
      const k = units === 1 ? 1 : units === 2 ? 2.54 : 0;
      if (k && validDpi(x * k) && validDpi(y * k)) jfif = { x: x * k, y: y * k };
    } else if (m === 0xe1 && !exif && segLen >= 16 && ascii(b, start, 6) === 'Exif\0\0') {
      exif = parseExifTiff(b.subarray(start + 6, end));
    } else if (m === 0xee && segLen >= 14 && ascii(b, start, 5) === 'Adobe') {
      adobe = true;
    } else if (m === 0xda) {
      if (!frame) throw corrupt(ctx, 'JPEG', { en: 'image data comes before the frame header', vi: 'dữ liệu ảnh đứng trước phần đầu khung ảnh' });
      const ns = b[start];
      if (ns < 1 || ns > 4 || segLen !== 6 + 2 * ns) {
        throw corrupt(ctx, 'JPEG', { en: 'a scan header is invalid', vi: 'phần đầu một lượt quét không hợp lệ' });
      }
      pos = skipEntropyData(b, end);
      if (pos < 0) throw corrupt(ctx, 'JPEG', TRUNCATED);
      scans++;
      continue;
    }
    pos = end;
  }
  if (!frame || scans === 0) {
    throw corrupt(ctx, 'JPEG', { en: 'it contains no image data', vi: 'không có dữ liệu ảnh' });
  }
  const dpi = jfif ?? exif?.dpi;
  return {
    format: 'jpeg',
    width: frame.width,
    height: frame.height,
    components: frame.components,
    bitsPerComponent: 8,
    dpiX: dpi?.x,
    dpiY: dpi?.y,
    orientation: exif?.orientation ?? 1,
    adobe,
  };
}

/** Entropy-coded data ends at the first 0xFF that is neither stuffing (FF00), a restart marker nor fill. */
function skipEntropyData(b: Uint8Array, from: number): number {
  let i = from;
  for (;;) {
    i = b.indexOf(0xff, i); // native scan: a 5 MB photo has only tens of thousands of 0xFF bytes
    if (i < 0 || i + 1 >= b.length) return -1;
    const n = b[i + 1];
    if (n === 0x00 || (n >= 0xd0 && n <= 0xd7) || n === 0xff) {
      i += n === 0xff ? 1 : 2;
      continue;
    }
    return i;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// EXIF (TIFF structure inside JPEG APP1 or PNG eXIf): only IFD0 orientation and resolution are read.
// Bad EXIF never rejects an image: it is metadata, the pixels are still fine.

interface ExifInfo {
  orientation?: ExifOrientation;
  dpi?: { x: number; y: number };
}

function parseExifTiff(t: Uint8Array): ExifInfo | undefined {
  if (t.length < 8) return undefined;
  const le = t[0] === 0x49 && t[1] === 0x49;
  if (!le && !(t[0] === 0x4d && t[1] === 0x4d)) return undefined;
  const u16 = (i: number): number => (le ? t[i] | (t[i + 1] << 8) : (t[i] << 8) | t[i + 1]);
  const u32 = (i: number): number =>
    le ? (t[i] | (t[i + 1] << 8) | (t[i + 2] << 16)) + t[i + 3] * 0x1000000
      : t[i] * 0x1000000 + ((t[i + 1] << 16) | (t[i + 2] << 8) | t[i + 3]);
  if (u16(2) !== 42) return undefined;
  const ifd = u32(4);
  if (ifd < 8 || ifd + 2 > t.length) return undefined;
  const count = u16(ifd);
  if (ifd + 2 + count * 12 > t.length) return undefined;
  const rational = (entry: number): number | undefined => {
    if (u16(entry + 2) !== 5 || u32(entry + 4) < 1) return undefined; // type RATIONAL
    const off = u32(entry + 8);
    if (off + 8 > t.length) return undefined;
    const den = u32(off + 4);
    return den ? u32(off) / den : undefined;
  };
  let orientation: ExifOrientation | undefined;
  let xr: number | undefined;
  let yr: number | undefined;
  let unit = 2; // TIFF default ResolutionUnit is inch
  for (let k = 0; k < count; k++) {
    const e = ifd + 2 + k * 12;
    const tag = u16(e);
    if (tag === 0x0112 && u16(e + 2) === 3) {
      const v = u16(e + 8);
      if (v >= 1 && v <= 8) orientation = v as ExifOrientation;
    } else if (tag === 0x011a) xr = rational(e);
    else if (tag === 0x011b) yr = rational(e);
    else if (tag === 0x0128 && u16(e + 2) === 3) unit = u16(e + 8);
  }
  const k = unit === 2 ? 1 : unit === 3 ? 2.54 : 0;
  let dpi: ExifInfo['dpi'];
  if (k && xr !== undefined) {
    const x = validDpi(xr * k);
    const y = validDpi((yr ?? xr) * k);
    if (x && y) dpi = { x, y };
  }
  return { orientation, dpi };
}

// ---------------------------------------------------------------------------------------------------------------
// PNG

const CRC_TABLE = ((): Uint32Array => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as used by PNG chunks (ISO 3309). */
export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

function u32be(b: Uint8Array, i: number): number {
  return b[i] * 0x1000000 + ((b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]);
}

const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const PNG_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

function parsePng(b: Uint8Array, ctx: ImageContext): ParsedImage {
  const bad = (en: string, vi: string): SaoyError => corrupt(ctx, 'PNG', { en, vi });
  let pos = 8;
  let ihdr: { width: number; height: number; depth: number; colorType: number } | undefined;
  let sawPlte = false;
  let idat = 0;
  let ended = false;
  let dpi: { x: number; y: number } | undefined;
  let orientation: ExifOrientation = 1;
  while (!ended) {
    if (pos + 12 > b.length) throw corrupt(ctx, 'PNG', TRUNCATED);
    const length = u32be(b, pos);
    if (length > 0x7fffffff) throw bad('a chunk length is invalid', 'độ dài một khối dữ liệu không hợp lệ');
    const type = ascii(b, pos + 4, 4);
    const dataStart = pos + 8;
    const dataEnd = dataStart + length;
    if (dataEnd + 4 > b.length) throw corrupt(ctx, 'PNG', TRUNCATED);
    if (!/^[A-Za-z]{4}$/.test(type)) throw bad('a chunk type is invalid', 'loại một khối dữ liệu không hợp lệ');
    if (crc32(b.subarray(pos + 4, dataEnd)) !== u32be(b, dataEnd)) {
      throw bad(`the ${type} chunk checksum is wrong`, `mã kiểm tra của khối ${type} sai`);
    }
    const d = b.subarray(dataStart, dataEnd);
    if (!ihdr && type !== 'IHDR') throw bad('it does not start with IHDR', 'không bắt đầu bằng khối IHDR');
    switch (type) {
      case 'IHDR': {
        if (ihdr || length !== 13) throw bad('the IHDR chunk is invalid', 'khối IHDR không hợp lệ');
        const width = u32be(d, 0);
        const height = u32be(d, 4);
        const depth = d[8];
        const colorType = d[9];
        if (!PNG_DEPTHS[colorType]?.includes(depth) || d[10] !== 0 || d[11] !== 0 || d[12] > 1) {
          throw bad('the IHDR chunk is invalid', 'khối IHDR không hợp lệ');
        }
        checkDimensions(ctx, 'PNG', width, height);
        ihdr = { width, height, depth, colorType };
        break;
      }
      case 'PLTE':
        sawPlte = true;
        break;
      case 'IDAT':
        idat++;
        break;
      case 'IEND':
        ended = true;
        break;
      case 'pHYs':
        // unit 1 = metre; unit 0 gives the aspect ratio only
        if (length === 9 && d[8] === 1) {
          const x = validDpi(u32be(d, 0) * 0.0254);
          const y = validDpi(u32be(d, 4) * 0.0254);
          if (x && y) dpi = { x, y };
        }
        break;
      case 'eXIf': {
        const o = parseExifTiff(d)?.orientation;
        if (o) orientation = o;
        break;
      }
      default:
        // An unknown critical chunk (upper-case first letter) means we cannot know how to decode the image.
        if (type.charCodeAt(0) < 0x61) {
          throw bad(`it contains an unknown critical chunk ${type}`, `có khối bắt buộc không xác định ${type}`);
        }
    }
    pos = dataEnd + 4;
  }
  if (!ihdr || idat === 0) throw bad('it contains no image data', 'không có dữ liệu ảnh');
  if (ihdr.colorType === 3 && !sawPlte) throw bad('the palette is missing', 'thiếu bảng màu');
  return {
    format: 'png',
    width: ihdr.width,
    height: ihdr.height,
    components: PNG_CHANNELS[ihdr.colorType],
    bitsPerComponent: ihdr.depth,
    dpiX: dpi?.x,
    dpiY: dpi?.y,
    orientation,
  };
}
