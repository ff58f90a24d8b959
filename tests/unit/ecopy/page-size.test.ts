/**
 * True page sizes and crops, checked with poppler (pdfinfo, pdfimages, pdftoppm): a phone photo "at 72 dpi" is an
 * A4 page (or the paper the clerk chose), a scanner's stated resolution gives the original's physical size, and a
 * crop shows only the chosen part while the embedded JPEG stays byte for byte the original file.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCopy, type OriginalImage, type PaperChoice } from '../../../core/ecopy';
import { copyFonts, sampleFields, testOutput } from '../../helpers/ecopy';
import { cornerMarks, makeJpeg } from '../../helpers/images';
import { assertTools, run, skipWithout } from '../../helpers/tools';

const dir = join(testOutput, 'page-size');
const MM = 72 / 25.4;

async function build(name: string, pages: OriginalImage[]): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, await buildCopy(pages, sampleFields({ pageCount: pages.length }), copyFonts()));
  return file;
}

/** Page size in points of page `n` as poppler reads it. */
function pageSize(file: string, n = 1): [number, number] {
  const r = run('pdfinfo', ['-f', String(n), '-l', String(n), file]);
  expect(r.status, r.stderr).toBe(0);
  const m = new RegExp(`Page\\s+${n} size:\\s+([\\d.]+) x ([\\d.]+) pts`).exec(r.stdout);
  if (!m) throw new Error(r.stdout);
  return [Number(m[1]), Number(m[2])];
}

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe.skipIf(skipWithout('pdfinfo', 'pdfimages', 'pdftoppm'))('page sizes and crops through poppler', () => {
  beforeAll(() => assertTools('pdfinfo', 'pdfimages', 'pdftoppm'));
  const phone = makeJpeg(1600, 1200, { dpi: 72, quality: 60 });

  it('a 1600×1200 photo at the camera default of 72 dpi (or 96) becomes an A4 page, not 56 × 42 cm', async () => {
    const file = await build('photo-72dpi', [{ bytes: phone }, { bytes: makeJpeg(1200, 1600, { exifDpi: 96, quality: 60 }) }]);
    const [w, h] = pageSize(file, 1);
    expect([Math.round(w), Math.round(h)]).toEqual([842, 595]); // A4 landscape, like the photo
    expect(pageSize(file, 2).map(Math.round)).toEqual([595, 842]);
  });

  it('the paper the clerk chose: A4, A5, Letter, ID card 85.6 × 54 mm, passport page 125 × 88 mm', async () => {
    const cases: Array<[PaperChoice, number, number]> = [
      ['a4', 297 * MM, 210 * MM],
      ['a5', 210 * MM, 148 * MM],
      ['letter', 11 * 72, 8.5 * 72],
      ['id-card', 85.6 * MM, 54 * MM],
      ['passport', 125 * MM, 88 * MM],
      ['dpi', 297 * MM, 210 * MM], // "theo DPI của ảnh" with no believable DPI: A4
    ];
    const file = await build('papers', cases.map(([paper]) => ({ bytes: phone, paper })));
    cases.forEach(([paper, w, h], i) => {
      const [pw, ph] = pageSize(file, i + 1);
      expect({ paper, w: pw, h: ph }).toEqual({ paper, w: expect.closeTo(w, 0) as number, h: expect.closeTo(h, 0) as number });
    });
  });

  it('a 300-dpi scan keeps its physical size (4 × 6 in), also with paper "dpi"', async () => {
    const scan = makeJpeg(1200, 1800, { dpi: 300, quality: 50 });
    const file = await build('scan-300dpi', [{ bytes: scan }, { bytes: scan, paper: 'dpi' }]);
    expect(pageSize(file, 1)).toEqual([288, 432]);
    expect(pageSize(file, 2)).toEqual([288, 432]);
  });

  it('a crop shows only the chosen part while the embedded JPEG is byte for byte the original', async () => {
    const original = makeJpeg(800, 600, { dpi: 100, paint: cornerMarks, quality: 80 });
    // Top-left quarter (red in cornerMarks) of an 8 × 6 in scan: a 2 × 1.5 in page.
    const file = await build('crop', [{ bytes: original, crop: { x: 0, y: 0, width: 0.25, height: 0.25 } }]);
    expect(pageSize(file, 1)).toEqual([144, 108]);

    const out = join(dir, 'crop-images');
    mkdirSync(out, { recursive: true });
    const x = run('pdfimages', ['-j', '-f', '1', '-l', '1', file, join(out, 'img')]);
    expect(x.status, x.stderr).toBe(0);
    const jpgs = readdirSync(out).filter((f) => f.endsWith('.jpg'));
    expect(jpgs).toHaveLength(1);
    expect(sha(readFileSync(join(out, jpgs[0])))).toBe(sha(original));

    const r = run('pdftoppm', ['-r', '36', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'crop')]);
    expect(r.status, r.stderr).toBe(0);
    const ppm = readFileSync(join(dir, 'crop.ppm'));
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 32).toString('latin1'));
    if (!header) throw new Error('not a PPM');
    const px = ppm.subarray(header[0].length);
    let red = 0;
    let other = 0;
    for (let i = 0; i < px.length; i += 3) {
      if (px[i] > 150 && px[i + 1] < 90 && px[i + 2] < 90) red++;
      else other++;
    }
    // Without the crop three quarters of the page would be paper and a blue corner; with it, red all over.
    expect(red / (red + other)).toBeGreaterThan(0.95);
  });

  it('a crop on an A4-fitted photo clips to the fitted box, and a crop outside the image is refused', async () => {
    const file = await build('crop-a4', [{ bytes: phone, rotate: 90, crop: { x: 0.1, y: 0.2, width: 0.8, height: 0.5 } }]);
    const [w, h] = pageSize(file);
    expect(w).toBeGreaterThan(h); // the cropped part of the turned photo is wider than tall: landscape A4
    await expect(build('bad', [{ bytes: phone, crop: { x: 0.5, y: 0, width: 0.6, height: 1 } }])).rejects.toThrow(/crop outside the image/);
    await expect(build('bad', [{ bytes: phone, paper: 'b5' as PaperChoice }])).rejects.toThrow(/unknown paper size/);
  });
});
