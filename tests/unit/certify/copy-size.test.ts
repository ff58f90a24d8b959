/**
 * Issue 11 size goal, as a byte count (not a timing, so it belongs in a test): a two-signature copy with both
 * visible appearances adds at most 60 KiB (61,440 bytes) over the original JPEG, and with an office seal image at
 * most 60 KiB plus the image's own size (the image is embedded once, as is). `npm run bench` prints the same
 * figures for a 12 MP photo and a 50 KB seal.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { certifyCopy } from '../../../core/certify/certify-copy.js';
import { vietnamDay } from '../../../core/certify/signing-day.js';
import type { Signer } from '../../../core/signers/signer.js';
import { demoSigners } from '../../corpus/pki.js';
import { copyFonts, sampleFields } from '../../helpers/ecopy.js';
import { makeJpeg } from '../../helpers/images.js';

const GOAL = 60 * 1024;

describe('bytes a certified copy adds over its original', () => {
  let certifier: Signer;
  let authority: Signer;
  beforeAll(async () => {
    ({ certifier, authority } = await demoSigners('RSA-2048'));
  });

  const original = makeJpeg(1240, 1754, { dpi: 150 });
  const fields = () => sampleFields({
    date: vietnamDay(new Date()),
    office: 'Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa',
    certifier: 'Nguyễn Thị Hồng Nhung',
    authority: 'Ủy ban nhân dân phường Hạc Thành',
    docName: 'Bằng tốt nghiệp đại học chính quy ngành Kỹ thuật phần mềm',
  });

  it(`stays within ${GOAL} bytes without images`, async () => {
    const copy = await certifyCopy({ pages: [{ bytes: original }], fields: fields(), fonts: copyFonts(), certifier, authority });
    expect(copy.final).toBeDefined();
    const added = (copy.final as Uint8Array).length - original.length;
    expect(added).toBeLessThanOrEqual(GOAL);
    expect(added).toBeGreaterThan(5_000); // two CMS signatures and two appearances really are in there
  });

  it(`stays within ${GOAL} bytes plus the seal image, embedded once`, async () => {
    const seal = makeJpeg(420, 420, { paint: (x, y) => (Math.abs(Math.hypot(x - 210, y - 210) - 190) < 10 ? [210, 20, 20] : [255, 255, 255]) });
    const copy = await certifyCopy({ pages: [{ bytes: original }], fields: fields(), fonts: copyFonts(), certifier, authority, sealImage: seal });
    const final = copy.final as Uint8Array;
    expect(final.length - original.length).toBeLessThanOrEqual(GOAL + seal.length);
    expect(Buffer.from(final).indexOf(Buffer.from(seal))).toBeGreaterThan(0); // the JPEG as is, not re-encoded
    expect(Buffer.from(final).lastIndexOf(Buffer.from(seal))).toBe(Buffer.from(final).indexOf(Buffer.from(seal)));
  });
});
