/**
 * verifyPdf's last-resort guards (core/verify/index.ts): an unexpected error while checking one signature makes
 * that signature a FORMAT_FAILURE report (the file is still judged), a limit breach there ends the whole file with
 * the `error` verdict, and an unexpected error outside the signatures gives `error` too, never a thrown exception.
 * The failure is injected through the platform digester (the CLI's node:crypto hook), failing only where wanted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SaoyError } from '../../../core/errors.js';
import { webCryptoDigester, type RangeDigester } from '../../../core/verify/hash.js';
import { verifyPdf } from '../../../core/verify/index.js';
import { makeTempDir } from '../../helpers/pki.js';
import { assertTools, skipWithout } from '../../helpers/tools.js';
import { fillPlaceholder, makeToolPki, opensslCms, placeholderPdf, type ToolPki } from '../../verify/rw/tools-pdf.js';

/** WebCrypto's digester, except that `fail` throws for the signature's own two-range digest. */
const failingOnSignature = (fail: () => never): RangeDigester => async (alg, bytes, ranges) => {
  if (ranges.length === 2) fail();
  return webCryptoDigester(alg, bytes, ranges);
};

describe.skipIf(skipWithout('openssl'))('verifyPdf guards', () => {
  const tmp = makeTempDir('saoy-guards-');
  let pki: ToolPki;
  let signed: Uint8Array;
  const options = () => ({ trustAnchors: [pki.rootDer], fileName: 'g.pdf', at: new Date() });

  beforeAll(() => {
    assertTools('openssl');
    pki = makeToolPki(tmp.dir, 'ec-p256');
    signed = fillPlaceholder(placeholderPdf(), (d) => opensslCms(pki, d));
  });
  afterAll(() => tmp.cleanup());

  it('the file verifies with a digester that does not fail (the fixture is sound)', async () => {
    const r = await verifyPdf(signed, options(), { createDigester: () => webCryptoDigester });
    expect(r.verdict, JSON.stringify(r.reasons)).toBe('valid');
  });

  it('an unexpected error while checking a signature: that signature fails as FORMAT_FAILURE, the file is invalid', async () => {
    const r = await verifyPdf(signed, options(), { createDigester: () => failingOnSignature(() => { throw new TypeError('boom'); }) });
    expect(r.verdict).toBe('invalid');
    expect(r.signatures).toEqual([{
      fieldName: 'Signature1', chain: [], indication: 'FAILED', subIndication: 'FORMAT_FAILURE', intact: false, valid: false, trusted: false,
      coverage: 'UNCLEAR', modificationLevel: 'OTHER', modifications: [], reasons: [expect.objectContaining({ code: 'CONTENTS_INVALID', field: 'Signature1' })],
    }]);
    expect(r.signatures[0].reasons[0].en).toContain('(the signature objects are unreadable)');
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('our own error there: its words are kept', async () => {
    const r = await verifyPdf(signed, options(), { createDigester: () => failingOnSignature(() => { throw new SaoyError('ASN1_INVALID', 'odd bytes', 'byte lạ'); }) });
    expect(r.signatures[0].reasons[0].en).toContain('(odd bytes)');
  });

  it('a limit reached there ends the file: error, PDF_LIMIT with its words, no signature reports', async () => {
    const r = await verifyPdf(signed, options(), { createDigester: () => failingOnSignature(() => { throw new SaoyError('PDF_LIMIT', 'too much hashing', 'băm quá nhiều'); }) });
    expect(r.verdict).toBe('error');
    expect(r.signatures).toEqual([]);
    expect(r.reasons).toEqual([expect.objectContaining({ code: 'PDF_LIMIT' })]);
    expect(r.reasons[0].en).toContain('(too much hashing)');
    expect(r.reasons[0].vi).toContain('(băm quá nhiều)');
  });

  it('an unexpected error outside the signatures (the prefix pre-hash): error, PDF_UNREADABLE, no exception', async () => {
    const broken: RangeDigester = async (alg, bytes, ranges) => {
      if (ranges.length === 1 && ranges[0][1] < bytes.length) throw new RangeError('disk on fire');
      return webCryptoDigester(alg, bytes, ranges);
    };
    const r = await verifyPdf(signed, options(), { createDigester: () => broken });
    expect(r.verdict).toBe('error');
    expect(r.reasons.map((x) => x.code)).toEqual(['PDF_UNREADABLE']);
  });
});
