import { describe, expect, it } from 'vitest';
import { SaoyError } from '../../../core/errors';
import { parseImage, sniffImageFormat } from '../../../core/ecopy/images';
import { concat, makeJpeg, makePng, NOT_SUPPORTED, PNG_SIGNATURE, pngChunk } from '../../helpers/images';

function refusal(bytes: Uint8Array, name = 'scan.x', page = 2): SaoyError {
  try {
    parseImage(bytes, { page, name });
  } catch (e) {
    expect(e).toBeInstanceOf(SaoyError);
    return e as SaoyError;
  }
  throw new Error('expected a refusal');
}

describe('JPEG', () => {
  it('reads size, components and JFIF density in dpi', () => {
    const img = parseImage(makeJpeg(64, 48, { dpi: 300 }), { page: 1 });
    expect(img).toMatchObject({ format: 'jpeg', width: 64, height: 48, components: 3, dpiX: 300, dpiY: 300, orientation: 1 });
  });

  it('converts JFIF dots per centimetre', () => {
    const img = parseImage(makeJpeg(16, 16, { dpi: 118, dpiUnit: 'cm' }), { page: 1 });
    expect(img.dpiX).toBeCloseTo(299.72, 2);
  });

  it('treats JFIF units 0 (aspect ratio only) as no dpi', () => {
    const img = parseImage(makeJpeg(16, 16), { page: 1 });
    expect(img.dpiX).toBeUndefined();
  });

  it('reads EXIF resolution and orientation', () => {
    const img = parseImage(makeJpeg(40, 20, { exifDpi: 200, orientation: 6 }), { page: 1 });
    expect(img).toMatchObject({ dpiX: 200, dpiY: 200, orientation: 6 });
    for (const o of [1, 3, 8]) expect(parseImage(makeJpeg(8, 8, { orientation: o }), { page: 1 }).orientation).toBe(o);
  });

  it('prefers JFIF density over EXIF resolution', () => {
    const img = parseImage(makeJpeg(16, 16, { dpi: 150, exifDpi: 72 }), { page: 1 });
    expect(img.dpiX).toBe(150);
  });

  it('refuses a truncated JPEG as IMAGE_CORRUPT naming the page', () => {
    const full = makeJpeg(64, 64);
    for (const cut of [full.length - 2, Math.floor(full.length / 2), 20, 3]) {
      const e = refusal(full.subarray(0, cut), 'photo.jpg', 3);
      expect(e.code).toBe('IMAGE_CORRUPT');
      expect(e.message).toContain('original page 3 (photo.jpg)');
      expect(e.vi).toContain('Trang 3 (photo.jpg)');
    }
  });

  it('refuses a segment length that runs past the end and a missing frame header', () => {
    const j = makeJpeg(16, 16);
    const bad = j.slice();
    bad[4] = 0xff; // APP0 length → 0xFF10
    expect(refusal(bad).code).toBe('IMAGE_CORRUPT');
    // SOI immediately followed by EOI
    expect(refusal(new Uint8Array([0xff, 0xd8, 0xff, 0xd9])).code).toBe('IMAGE_CORRUPT');
  });

  it('refuses zero and absurd dimensions', () => {
    const j = makeJpeg(16, 16);
    const sof = j.findIndex((b, i) => b === 0xff && j[i + 1] === 0xc0);
    const zero = j.slice();
    zero[sof + 5] = 0;
    zero[sof + 6] = 0; // height 0
    expect(refusal(zero).code).toBe('IMAGE_CORRUPT');
    const huge = j.slice();
    huge.set([0xff, 0xff, 0xff, 0xff], sof + 5); // 65535 × 65535
    expect(refusal(huge).code).toBe('IMAGE_TOO_LARGE');
  });
});

describe('PNG', () => {
  it('reads size and pHYs (pixels per metre) as dpi', () => {
    const img = parseImage(makePng(30, 20, { dpi: 300 }), { page: 1 });
    expect(img.format).toBe('png');
    expect(img.width).toBe(30);
    expect(img.height).toBe(20);
    expect(img.dpiX).toBeCloseTo(300, 0);
  });

  it('reads an eXIf orientation and RGBA', () => {
    const img = parseImage(makePng(4, 4, { orientation: 8, colorType: 6 }), { page: 1 });
    expect(img.orientation).toBe(8);
    expect(img.components).toBe(4);
  });

  it('refuses a bad chunk CRC, a missing IEND, a truncated file and a first chunk other than IHDR', () => {
    const png = makePng(8, 8);
    const badCrc = png.slice();
    badCrc[8 + 8 + 13] ^= 0xff; // IHDR CRC
    expect(refusal(badCrc).code).toBe('IMAGE_CORRUPT');
    expect(refusal(badCrc).message).toContain('IHDR');
    expect(refusal(png.subarray(0, png.length - 12)).code).toBe('IMAGE_CORRUPT');
    expect(refusal(png.subarray(0, 40)).code).toBe('IMAGE_CORRUPT');
    const noIhdr = concat(PNG_SIGNATURE, pngChunk('IDAT', new Uint8Array(4)), pngChunk('IEND', new Uint8Array(0)));
    expect(refusal(noIhdr).code).toBe('IMAGE_CORRUPT');
  });

  it('refuses zero and absurd dimensions', () => {
    const ihdr = (w: number, h: number): Uint8Array => {
      const d = new Uint8Array(13);
      new DataView(d.buffer).setUint32(0, w);
      new DataView(d.buffer).setUint32(4, h);
      d.set([8, 2, 0, 0, 0], 8);
      return concat(PNG_SIGNATURE, pngChunk('IHDR', d), pngChunk('IDAT', new Uint8Array(4)), pngChunk('IEND', new Uint8Array(0)));
    };
    expect(refusal(ihdr(0, 10)).code).toBe('IMAGE_CORRUPT');
    expect(refusal(ihdr(20000, 20000)).code).toBe('IMAGE_TOO_LARGE');
  });
});

describe('other formats', () => {
  it.each([
    ['gif', 'GIF'],
    ['heic', 'HEIC'],
    ['heif', 'HEIF'],
    ['webp', 'WebP'],
    ['bmp', 'BMP'],
    ['tiff', 'TIFF'],
  ] as const)('refuses %s as IMAGE_UNSUPPORTED', (kind, label) => {
    const bytes = NOT_SUPPORTED[kind]();
    expect(sniffImageFormat(bytes)).toBe(kind);
    const e = refusal(bytes, `scan.${kind}`, 2);
    expect(e.code).toBe('IMAGE_UNSUPPORTED');
    expect(e.message).toBe(`original page 2 (scan.${kind}) is a ${label} image; only JPEG and PNG are supported`);
    expect(e.vi).toBe(`Trang 2 (scan.${kind}) là ảnh ${label}; chỉ hỗ trợ ảnh JPEG và PNG`);
  });

  it('refuses empty and unknown data', () => {
    expect(refusal(new Uint8Array(0)).code).toBe('IMAGE_UNSUPPORTED');
    expect(refusal(new TextEncoder().encode('hello world, not an image')).code).toBe('IMAGE_UNSUPPORTED');
  });
});
