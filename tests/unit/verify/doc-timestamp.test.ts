import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { signCertifier } from '../../../core/certify/certify-copy.js';
import { timestampPdf } from '../../../core/certify/timestamp-pdf.js';
import { AUTHORITY_FIELD } from '../../../core/ecopy/fields.js';
import { buildCopy } from '../../../core/ecopy/index.js';
import { createWebCryptoSigner } from '../../../core/signers/webcrypto.js';
import { verifyPdf } from '../../../core/verify/index.js';
import { copyFonts, sampleFields, signingDay } from '../../helpers/ecopy.js';
import { makeJpeg } from '../../helpers/images.js';
import { makeLeaf, makeRoot } from '../../helpers/pki.js';
import { assertTools, skipWithout } from '../../helpers/tools.js';
import { makeTsa } from '../trust/fixtures.js';
import { appendUpdate, dictOf, lastTrailer } from '../../corpus/pdf-bytes.js';
import { withEntry } from '../../corpus/real-world/cases.js';
import { rawSignatures } from '../../helpers/pdf-signatures.js';

/** PAdES B-LTA: a document timestamp (openssl as TSA) after the certifier's signature. */
describe.skipIf(skipWithout('openssl'))('document timestamps', () => {
  let stamped: Uint8Array;
  let unstampedCopy: Uint8Array;
  let stampWithoutCert: (data: Uint8Array) => Uint8Array;
  let anchors: Uint8Array[];

  beforeAll(async () => {
    assertTools('openssl');
    const dir = mkdtempSync(join(tmpdir(), 'saoy-docts-'));
    const root = await makeRoot();
    const leaf = await makeLeaf(root);
    const tsa = await makeTsa(dir, root);
    anchors = [root.certificate];
    const fields = sampleFields({ pageCount: 1, date: signingDay() });
    const rev0 = await buildCopy([{ bytes: makeJpeg(300, 400, { dpi: 100 }), name: 'p.jpg' }], fields, copyFonts());
    const signer = createWebCryptoSigner(leaf.keys.privateKey, [leaf.certificate, root.certificate]);
    const rev1 = await signCertifier(rev0, signer, fields, new Date());
    stamped = await timestampPdf(rev1, { fieldName: AUTHORITY_FIELD, timestamp: async (data) => tsa.stamp(data) });
    unstampedCopy = rev1;
    stampWithoutCert = (data) => tsa.stamp(data, 'sha256', false);
  });

  it('a document timestamp after the certification signature is valid, with a trusted TSA', async () => {
    const r = await verifyPdf(stamped, { trustAnchors: anchors });
    expect(r.signatures.map((s) => s.indication), JSON.stringify(r.reasons)).toEqual(['PASSED', 'PASSED']);
    // The e-copy profile: a timestamp in the authority's field is not the authority's signature, so the copy is not
    // complete; nothing else is wrong with it.
    expect(r.verdict).toBe('indeterminate');
    expect(r.reasons.map((x) => x.code).filter((c) => !c.startsWith('ECOPY_'))).toEqual([]);
    expect(r.reasons[0].code).toBe('ECOPY_AUTHORITY_MISSING');
    expect(r.signatures).toHaveLength(2);
    const [cert, ts] = r.signatures;
    expect(ts.subFilter).toBe('ETSI.RFC3161');
    expect(ts.intact && ts.valid && ts.trusted).toBe(true);
    expect(ts.timestampTime).toBeDefined();
    expect(ts.signer?.commonName).toBe('saoy TEST TSA');
    // For the certifier, the timestamp is an LTA update, not form filling.
    expect(cert.modificationLevel).toBe('LTA_UPDATES');
  });

  it('a flipped byte under the timestamp breaks it', async () => {
    const bad = stamped.slice();
    bad[200] ^= 0x01;
    const r = await verifyPdf(bad, { trustAnchors: anchors });
    expect(r.verdict).toBe('invalid');
    expect(r.signatures[1].reasons.map((x) => x.code)).toContain('DIGEST_MISMATCH');
  });

  it('a TSA outside the trust anchors is indeterminate, not valid', async () => {
    const other = await makeRoot();
    const r = await verifyPdf(stamped, { trustAnchors: [other.certificate] });
    expect(r.verdict).toBe('indeterminate');
  });

  it('a token that does not carry the TSA certificate: SIGNER_CERT_MISSING, not valid', async () => {
    const bare = await timestampPdf(unstampedCopy, { fieldName: AUTHORITY_FIELD, timestamp: async (data) => stampWithoutCert(data) });
    const ts = (await verifyPdf(bare, { trustAnchors: anchors })).signatures[1];
    expect(ts.reasons.map((x) => x.code)).toContain('SIGNER_CERT_MISSING');
    expect(ts.valid && ts.trusted).toBe(false);
  });

  it('a changed signature value inside the token: SIGNATURE_INVALID (SIG_CRYPTO_FAILURE)', async () => {
    const [, tsSig] = rawSignatures(stamped);
    const bad = stamped.slice();
    // The last byte of the token's DER is the last byte of the TSA's RSA signature value: change its low hex digit.
    const [a, b] = tsSig.byteRange;
    const at = a + b + 1 + 2 * (tsSig.cms.length - 1) + 1;
    bad[at] = bad[at] === 0x30 ? 0x31 : 0x30;
    const ts = (await verifyPdf(bad, { trustAnchors: anchors })).signatures[1];
    expect(ts.reasons.map((x) => x.code)).toContain('SIGNATURE_INVALID');
    expect(ts.subIndication).toBe('SIG_CRYPTO_FAILURE');
    expect(ts.valid).toBe(false);
  });

  it('an unexplained change after the timestamp: MODIFIED_AFTER_SIGNING for the timestamp too', async () => {
    const root = Number.parseInt(lastTrailer(stamped).root, 10);
    const changed = appendUpdate(stamped, [{ num: root, body: withEntry(dictOf(stamped, root), 'OpenAction', '<< /S /JavaScript /JS (app.alert(1)) >>') }]).bytes;
    const r = await verifyPdf(changed, { trustAnchors: anchors });
    expect(r.verdict).toBe('invalid');
    expect(r.signatures[1].reasons.map((x) => x.code)).toContain('MODIFIED_AFTER_SIGNING');
  });
});
