/**
 * Issue 10 point 4: a copy is dated the day it is signed, in Vietnam time. Core refuses any other statement date
 * for the certifier's signature; the clock is injected (the signing time), never read from the environment.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { certifyCopy, signCertifier } from '../../../core/certify/certify-copy.js';
import { checkSigningDay, vietnamDay } from '../../../core/certify/signing-day.js';
import { buildCopy } from '../../../core/ecopy/index.js';
import type { Signer } from '../../../core/signers/signer.js';
import { demoSigners } from '../../corpus/pki.js';
import { copyFonts, sampleFields } from '../../helpers/ecopy.js';
import { makeJpeg } from '../../helpers/images.js';

describe('the statement date is the signing day (Asia/Ho_Chi_Minh)', () => {
  it('counts days in UTC+7', () => {
    expect(vietnamDay(new Date('2026-12-03T16:59:59Z'))).toBe('2026-12-03');
    expect(vietnamDay(new Date('2026-12-03T17:00:00Z'))).toBe('2026-12-04'); // midnight in Hà Nội
    expect(() => checkSigningDay('2026-12-03', new Date('2026-12-03T17:00:00Z'))).toThrow(/dated 2026-12-03 but is signed on 2026-12-04/);
    expect(() => checkSigningDay('2026-12-04', new Date('2026-12-03T17:00:00Z'))).not.toThrow();
  });

  let certifier: Signer;
  beforeAll(async () => {
    certifier = (await demoSigners('RSA-2048')).certifier;
  });
  const page = () => [{ bytes: makeJpeg(120, 160, { dpi: 50 }) }];

  it('refuses to sign a backdated or postdated statement, in certifyCopy and in signCertifier', async () => {
    const now = new Date();
    const today = vietnamDay(now);
    const yesterday = vietnamDay(new Date(now.getTime() - 86_400_000));
    const tomorrow = vietnamDay(new Date(now.getTime() + 86_400_000));
    for (const date of [yesterday, tomorrow]) {
      await expect(certifyCopy({ pages: page(), fields: sampleFields({ date }), fonts: copyFonts(), certifier, signingTime: now }))
        .rejects.toMatchObject({ code: 'DATE_NOT_SIGNING_DAY' });
      const rev0 = await buildCopy(page(), sampleFields({ date }), copyFonts());
      await expect(signCertifier(rev0, certifier, sampleFields({ date }), now)).rejects.toMatchObject({ code: 'DATE_NOT_SIGNING_DAY' });
    }
    const ok = await certifyCopy({ pages: page(), fields: sampleFields({ date: today }), fonts: copyFonts(), certifier, signingTime: now });
    expect(ok.certified.length).toBeGreaterThan(ok.unsigned.length);
  });
});
