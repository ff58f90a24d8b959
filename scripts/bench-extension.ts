/**
 * `npm run bench:extension` (also callable from the bench): content script and popup sizes, and the time until
 * all badges show for 50 attachments of about 1 MB each, in headless Chromium with the built extension.
 */
import { resolve } from 'node:path';
import { loadCopyFonts } from '../cli/fonts.js';
import { formatFigures, measureExtension, type ExtensionFigures } from '../demo-portal/bench.js';
import { makeJpeg, noise } from '../tests/helpers/images.js';

/** A photo-like JPEG of about 1 MB (paper grain makes it compress like a real photo). */
export function oneMegabyteJpeg(): Uint8Array {
  return makeJpeg(1280, 1700, { dpi: 200, quality: 90, paint: noise(3, 40) });
}

export async function benchExtension(count = Number(process.env.BENCH_ATTACHMENTS ?? 50)): Promise<ExtensionFigures> {
  // SAOY_EXT_DIR + SAOY_BENCH_NO_PORTAL=1: measure another (older) build in the same conditions, as a reference.
  const extDir = resolve(process.env.SAOY_EXT_DIR ?? 'dist/chrome');
  return measureExtension({ extDir, count, original: oneMegabyteJpeg(), fonts: await loadCopyFonts(), addPortal: process.env.SAOY_BENCH_NO_PORTAL !== '1' });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchExtension()
    .then((f) => console.log(formatFigures(f)))
    .catch((e: unknown) => {
      console.error(`bench-extension failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    });
}
