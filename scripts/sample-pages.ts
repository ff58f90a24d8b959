/**
 * `npx tsx scripts/sample-pages.ts DIR`: two stand-in "scans" of a paper original (page1.jpg, page2.jpg: JPEG,
 * A4 at 100 dpi) for trying `saoy certify` on a fresh clone. Use your own scans for anything real.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeJpeg, noise } from '../tests/helpers/images.js';

const dir = process.argv[2];
if (!dir || process.argv.length > 3) {
  console.error('usage: npx tsx scripts/sample-pages.ts DIR');
  process.exit(1);
}
mkdirSync(dir, { recursive: true });
for (const [i, seed] of [[1, 11], [2, 12]]) {
  const path = join(dir, `page${i}.jpg`);
  writeFileSync(path, makeJpeg(827, 1169, { dpi: 100, quality: 85, paint: noise(seed, 16) }));
  console.log(`${path}: sample page ${i} (A4, 100 dpi)`);
}
