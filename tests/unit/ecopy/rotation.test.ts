/** Pages turned by the user: orientation composed with EXIF, the image bytes embedded untouched, a distinct /ID. */
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildCopy, nextRotation, orientationMatrix, parseImage, placeImage, rotateOrientation, type ExifOrientation } from '../../../core/ecopy';
import { SaoyError } from '../../../core/errors';
import { copyFonts, sampleFields } from '../../helpers/ecopy';
import { makeJpeg, makePng } from '../../helpers/images';

/** Where the unit square's corner (u, v) lands under an orientation's matrix in a 1×1 box at the origin. */
function corner(o: ExifOrientation, u: number, v: number): [number, number] {
  const [a, b, c, d, e, f] = orientationMatrix(o, 0, 0, 1, 1);
  return [Math.round(a * u + c * v + e), Math.round(b * u + d * v + f)];
}

describe('rotateOrientation', () => {
  it('turning by 0 changes nothing; four quarter-turns come back', () => {
    for (const o of [1, 2, 3, 4, 5, 6, 7, 8] as ExifOrientation[]) {
      expect(rotateOrientation(o, 0)).toBe(o);
      let x = o;
      for (let i = 0; i < 4; i++) x = rotateOrientation(x, 90);
      expect(x).toBe(o);
    }
  });

  it('follows the EXIF meanings: upright 90° → 6, 180° → 3, 270° → 8; 6 + 90° → 3', () => {
    expect(rotateOrientation(1, 90)).toBe(6);
    expect(rotateOrientation(1, 180)).toBe(3);
    expect(rotateOrientation(1, 270)).toBe(8);
    expect(rotateOrientation(6, 90)).toBe(3);
    expect(rotateOrientation(8, 90)).toBe(1);
    expect(rotateOrientation(2, 90)).toBe(7); // mirrored stays mirrored
  });

  it('a quarter-turn clockwise moves each corner of the picture one corner on, clockwise', () => {
    // In PDF space (y up), the picture's top-left is (0,1); a clockwise turn takes it to the top-right (1,1).
    for (const o of [1, 2, 3, 4, 5, 6, 7, 8] as ExifOrientation[]) {
      const turned = rotateOrientation(o, 90);
      const topLeftBefore = corner(o, 0, 0); // the stored image's first pixel
      const after = corner(turned, 0, 0);
      const cw: Record<string, string> = { '0,1': '1,1', '1,1': '1,0', '1,0': '0,0', '0,0': '0,1' };
      expect(after.join(','), `orientation ${o}`).toBe(cw[topLeftBefore.join(',')]);
    }
  });

  it('cycles 0 → 90 → 180 → 270 → 0', () => {
    expect([nextRotation(0), nextRotation(90), nextRotation(180), nextRotation(270)]).toEqual([90, 180, 270, 0]);
  });
});

describe('buildCopy with turned pages', () => {
  it('turns the page (landscape photo → portrait page) and embeds the JPEG byte for byte', async () => {
    const photo = makeJpeg(400, 300, { dpi: 100 });
    const out = await buildCopy([{ bytes: photo, rotate: 90 }], sampleFields(), copyFonts());
    const d = await PDFDocument.load(out);
    expect([d.getPages()[0].getWidth(), d.getPages()[0].getHeight()]).toEqual([216, 288]);
    expect(Buffer.from(out).indexOf(Buffer.from(photo))).toBeGreaterThan(0);
    const upright = placeImage({ ...parseImage(photo, { page: 1 }), orientation: rotateOrientation(1, 90) });
    expect([upright.pageWidth, upright.pageHeight]).toEqual([216, 288]);
  });

  it('a turned page makes another document (/ID), the same turn the same bytes', async () => {
    const photo = makePng(60, 40);
    const plain = await buildCopy([{ bytes: photo }], sampleFields(), copyFonts());
    const zero = await buildCopy([{ bytes: photo, rotate: 0 }], sampleFields(), copyFonts());
    const turnedA = await buildCopy([{ bytes: photo, rotate: 180 }], sampleFields(), copyFonts());
    const turnedB = await buildCopy([{ bytes: photo, rotate: 180 }], sampleFields(), copyFonts());
    expect(Buffer.compare(plain, zero)).toBe(0);
    expect(Buffer.compare(turnedA, turnedB)).toBe(0);
    const id = (b: Uint8Array) => /\/ID \[ <([0-9A-F]+)>/.exec(Buffer.from(b).toString('latin1'))?.[1];
    expect(id(turnedA)).toBeDefined();
    expect(id(turnedA)).not.toBe(id(plain));
  });

  it('refuses a turn that is not a quarter-turn', async () => {
    const e = await buildCopy([{ bytes: makePng(8, 8), rotate: 45 as never }], sampleFields(), copyFonts()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SaoyError);
    expect((e as SaoyError).code).toBe('FIELD_INVALID');
    expect((e as SaoyError).vi).toContain('xoay 45°');
  });
});
