/**
 * Fixture images made in the test, so no binary fixtures are checked in: JPEGs from jpeg-js with the JFIF density
 * patched and an optional EXIF segment spliced in; PNGs written chunk by chunk with node:zlib and our own CRC;
 * headers of formats saoy must refuse.
 */
import { deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';

export type Paint = (x: number, y: number, width: number, height: number) => [number, number, number];

/** Light paper with a dark red block in the top-left corner and a blue one at the bottom-right, so a test can
 * tell how the image was turned by looking at two corners. */
export const cornerMarks: Paint = (x, y, w, h) => {
  if (x < w / 4 && y < h / 4) return [200, 0, 0];
  if (x >= (3 * w) / 4 && y >= (3 * h) / 4) return [0, 0, 200];
  return [240, 240, 230];
};

/** Paper with deterministic grain (photos of paper are noisy): gives JPEGs of a realistic size per megapixel
 * (about 0.3 MB per megapixel at quality 85). `amplitude` is the grain's strength in levels. */
export function noise(seed = 1, amplitude = 24): Paint {
  let s = seed >>> 0;
  return (x, y, w, h) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const n = ((s >>> 24) * amplitude) >> 8;
    const ink = (x >> 5) % 7 === 0 && (y >> 4) % 3 === 0 ? 120 : 0; // faint "text lines"
    const base = 225 - ink - ((x * 20) / w + (y * 15) / h);
    return [base + n, base + n - 4, base + n - 12];
  };
}

export interface JpegOptions {
  /** JFIF density; with `dpiUnit: 'cm'` the value written is dots per centimetre. */
  dpi?: number;
  dpiUnit?: 'inch' | 'cm';
  /** Resolution written in EXIF (XResolution/YResolution, ResolutionUnit inch) instead of JFIF. */
  exifDpi?: number;
  /** EXIF Orientation 1..8. */
  orientation?: number;
  quality?: number;
  paint?: Paint;
}

function tiffIfd0(entries: Array<{ tag: number; type: number; value: number | [number, number] }>): Uint8Array {
  // Big-endian TIFF: header, IFD0, then rational values after the IFD.
  const n = entries.length;
  const ifdSize = 2 + n * 12 + 4;
  const rationals = entries.filter((e) => Array.isArray(e.value)).length;
  const out = new Uint8Array(8 + ifdSize + rationals * 8);
  const dv = new DataView(out.buffer);
  out.set([0x4d, 0x4d, 0, 42, 0, 0, 0, 8]);
  dv.setUint16(8, n);
  let extra = 8 + ifdSize;
  entries.sort((a, b) => a.tag - b.tag).forEach((e, i) => {
    const at = 10 + i * 12;
    dv.setUint16(at, e.tag);
    dv.setUint16(at + 2, e.type);
    dv.setUint32(at + 4, 1);
    if (Array.isArray(e.value)) {
      dv.setUint32(at + 8, extra);
      dv.setUint32(extra, e.value[0]);
      dv.setUint32(extra + 4, e.value[1]);
      extra += 8;
    } else {
      dv.setUint16(at + 8, e.value); // SHORT, left-justified in the value field
    }
  });
  return out;
}

/** An EXIF TIFF block (without the "Exif\0\0" prefix) with orientation and/or resolution. */
export function exifTiff(opts: { orientation?: number; dpi?: number }): Uint8Array {
  const entries: Array<{ tag: number; type: number; value: number | [number, number] }> = [];
  if (opts.orientation) entries.push({ tag: 0x0112, type: 3, value: opts.orientation });
  if (opts.dpi) {
    entries.push({ tag: 0x011a, type: 5, value: [opts.dpi, 1] });
    entries.push({ tag: 0x011b, type: 5, value: [opts.dpi, 1] });
    entries.push({ tag: 0x0128, type: 3, value: 2 });
  }
  return tiffIfd0(entries);
}

export function makeJpeg(width: number, height: number, opts: JpegOptions = {}): Uint8Array {
  const paint = opts.paint ?? cornerMarks;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i += 4) {
      const [r, g, b] = paint(x, y, width, height);
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      data[i + 3] = 255;
    }
  }
  let out: Uint8Array = new Uint8Array(jpeg.encode({ width, height, data }, opts.quality ?? 85).data);
  // jpeg-js writes JFIF APP0 right after SOI: FFD8 FFE0 len(2) "JFIF\0" ver(2) units xd(2) yd(2)
  if (opts.dpi) {
    out[13] = opts.dpiUnit === 'cm' ? 2 : 1;
    out[14] = opts.dpi >> 8;
    out[15] = opts.dpi & 255;
    out[16] = opts.dpi >> 8;
    out[17] = opts.dpi & 255;
  }
  if (opts.orientation || opts.exifDpi) {
    const tiff = exifTiff({ orientation: opts.orientation, dpi: opts.exifDpi });
    const seg = new Uint8Array(4 + 6 + tiff.length);
    seg.set([0xff, 0xe1, (seg.length - 2) >> 8, (seg.length - 2) & 255]);
    seg.set([0x45, 0x78, 0x69, 0x66, 0, 0], 4);
    seg.set(tiff, 10);
    const app0End = 4 + ((out[4] << 8) | out[5]);
    out = concat(out.subarray(0, app0End), seg, out.subarray(app0End));
  }
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data, CRC over type and data. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  dv.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

export const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngOptions {
  /** pHYs in pixels per inch (written as pixels per metre, unit 1). */
  dpi?: number;
  /** 2 = RGB, 6 = RGBA. */
  colorType?: 2 | 6;
  /** eXIf chunk with this orientation. */
  orientation?: number;
  paint?: Paint;
}

export function makePng(width: number, height: number, opts: PngOptions = {}): Uint8Array {
  const paint = opts.paint ?? cornerMarks;
  const colorType = opts.colorType ?? 2;
  const channels = colorType === 6 ? 4 : 3;
  const stride = 1 + width * channels;
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = paint(x, y, width, height);
      const at = y * stride + 1 + x * channels;
      raw[at] = r;
      raw[at + 1] = g;
      raw[at + 2] = b;
      if (channels === 4) raw[at + 3] = 255;
    }
  }
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, width);
  dv.setUint32(4, height);
  ihdr.set([8, colorType, 0, 0, 0], 8);
  const chunks = [pngChunk('IHDR', ihdr)];
  if (opts.dpi) {
    const phys = new Uint8Array(9);
    const pv = new DataView(phys.buffer);
    const ppm = Math.round(opts.dpi / 0.0254);
    pv.setUint32(0, ppm);
    pv.setUint32(4, ppm);
    phys[8] = 1;
    chunks.push(pngChunk('pHYs', phys));
  }
  if (opts.orientation) chunks.push(pngChunk('eXIf', exifTiff({ orientation: opts.orientation })));
  chunks.push(pngChunk('IDAT', new Uint8Array(deflateSync(raw))));
  chunks.push(pngChunk('IEND', new Uint8Array(0)));
  return concat(PNG_SIGNATURE, ...chunks);
}

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Minimal headers of formats that must be refused (enough for sniffing, not valid images). */
export const NOT_SUPPORTED = {
  gif: (): Uint8Array => concat(ascii('GIF89a'), new Uint8Array([1, 0, 1, 0, 0, 0, 0]), ascii(';')),
  heic: (): Uint8Array => concat(new Uint8Array([0, 0, 0, 24]), ascii('ftypheic'), new Uint8Array(4), ascii('mif1heic')),
  heif: (): Uint8Array => concat(new Uint8Array([0, 0, 0, 24]), ascii('ftypmif1'), new Uint8Array(4), ascii('mif1heix')),
  webp: (): Uint8Array => concat(ascii('RIFF'), new Uint8Array([26, 0, 0, 0]), ascii('WEBPVP8 '), new Uint8Array(18)),
  bmp: (): Uint8Array => concat(ascii('BM'), new Uint8Array(60)),
  tiff: (): Uint8Array => concat(ascii('II*\0'), new Uint8Array([8, 0, 0, 0]), new Uint8Array(16)),
};
