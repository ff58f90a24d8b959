/** The statement font (DejaVu Serif, shipped in the extension's fonts/ folder), fetched once per page. */
import browser from 'webextension-polyfill';
import type { CopyFonts } from '../../core/certify/certify-copy.js';

let fonts: Promise<CopyFonts> | undefined;

async function load(name: string): Promise<Uint8Array> {
  const res = await fetch(browser.runtime.getURL(`fonts/${name}`));
  if (!res.ok) throw new Error(`font ${name}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

export function copyFonts(): Promise<CopyFonts> {
  fonts ??= Promise.all([load('DejaVuSerif.ttf'), load('DejaVuSerif-Bold.ttf')]).then(([fontRegular, fontBold]) => ({ fontRegular, fontBold }));
  fonts.catch(() => (fonts = undefined));
  return fonts;
}
