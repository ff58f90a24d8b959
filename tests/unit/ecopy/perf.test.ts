/**
 * A phone photo of a page (12 megapixels, a few MB of JPEG) must become an unsigned copy fast enough for an
 * interactive certify button: well under 150 ms once the fonts are loaded.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCopy, preloadFonts } from '../../../core/ecopy';
import { copyFonts, sampleFields } from '../../helpers/ecopy';
import { makeJpeg, noise } from '../../helpers/images';

describe('buildCopy performance', () => {
  let photo: Uint8Array;
  beforeAll(() => {
    photo = makeJpeg(4000, 3000, { paint: noise(7, 40), quality: 85 });
  }, 60_000);

  it('builds a copy of a 12 MP JPEG in well under 150 ms', async () => {
    expect(photo.length).toBeGreaterThan(3_000_000);
    expect(photo.length).toBeLessThan(6_000_000);
    const fonts = copyFonts();
    const time = async (): Promise<number> => {
      const t = performance.now();
      const pdf = await buildCopy([{ bytes: photo, name: 'photo.jpg' }], sampleFields(), fonts);
      const ms = performance.now() - t;
      expect(pdf.length).toBeGreaterThan(photo.length);
      return ms;
    };
    const cold = await time(); // first call in this process: fonts parsed, code not yet optimised
    await preloadFonts(fonts);
    const warm: number[] = [];
    for (let i = 0; i < 7; i++) warm.push(await time());
    warm.sort((a, b) => a - b);
    const median = warm[3];
    console.info(`buildCopy 12 MP JPEG (${(photo.length / 1e6).toFixed(1)} MB): first call ${cold.toFixed(0)} ms, ` +
      `then median ${median.toFixed(0)} ms (min ${warm[0].toFixed(0)}, max ${warm[6].toFixed(0)})`);
    expect(median).toBeLessThan(150);
  }, 60_000);
});
