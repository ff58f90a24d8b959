import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { CopyFonts } from '../core/certify/certify-copy.js';
import { CliError } from './fail.js';

/** The statement font ships with the npm package dejavu-fonts-ttf (full Vietnamese coverage). */
export async function loadCopyFonts(): Promise<CopyFonts> {
  try {
    const require = createRequire(import.meta.url);
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    const [fontRegular, fontBold] = await Promise.all([
      readFile(join(dir, 'DejaVuSerif.ttf')),
      readFile(join(dir, 'DejaVuSerif-Bold.ttf')),
    ]);
    return { fontRegular: new Uint8Array(fontRegular), fontBold: new Uint8Array(fontBold) };
  } catch {
    throw new CliError('the statement font (npm package dejavu-fonts-ttf) is missing; run `npm install`');
  }
}
