/** Our own e-copies, made with the product's certify path (core/certify/certify-copy.ts), once per run. */
import { certifyCopy, type CertifiedCopy } from '../../core/certify/certify-copy.js';
import { vietnamDay } from '../../core/certify/signing-day.js';
import type { EcopyFields } from '../../core/ecopy/fields.js';
import { DEMO_NAMES } from '../../core/signers/demo.js';
import { copyFonts, sampleFields } from '../helpers/ecopy.js';
import { makeJpeg, noise } from '../helpers/images.js';
import type { DemoSigners } from './pki.js';

export interface MadeCopy extends Required<CertifiedCopy> {
  name: string;
  fields: EcopyFields;
  signers: DemoSigners;
}

let images: Uint8Array[] | undefined;

/** Three small page photos (6 × 8 inches at 50 dpi), different from each other. */
export function pageImages(): Uint8Array[] {
  images ??= [1, 2, 3].map((i) => makeJpeg(300, 400, { dpi: 50, quality: 70, paint: i === 1 ? undefined : noise(i, 16) }));
  return images;
}

/** Signing time of every copy: a minute ago (never "in the future" for a verifier whose clock lags a little). */
export const signedAt = (): Date => new Date(Date.now() - 60_000);

export async function makeCopy(
  name: string,
  signers: DemoSigners,
  opts: { pages: 1 | 2 | 3; fields?: Partial<EcopyFields> },
): Promise<MadeCopy> {
  // The statement matches the demo certificates and the signing day (Vietnam time), so the e-copy profile checks
  // pass; a case that wants another date or office passes it in `fields`.
  const at = signedAt();
  const fields = sampleFields({
    pageCount: opts.pages,
    date: vietnamDay(at),
    office: `${DEMO_NAMES.authority.organization}, tỉnh Thanh Hóa`,
    certifier: DEMO_NAMES.certifier.commonName,
    ...opts.fields,
  });
  const copy = await certifyCopy({
    pages: pageImages()
      .slice(0, opts.pages)
      .map((bytes, i) => ({ bytes, name: `trang${i + 1}.jpg` })),
    fields,
    fonts: copyFonts(),
    certifier: signers.certifier,
    authority: signers.authority,
    signingTime: at,
  });
  if (!copy.final) throw new Error('certifyCopy returned no final revision');
  return { name, fields, signers, unsigned: copy.unsigned, certified: copy.certified, final: copy.final };
}
