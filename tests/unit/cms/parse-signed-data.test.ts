/** certificatesOfBundle: the certificates of a certs-only SignedData (.p7c), as openssl writes it; nothing else. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificatesOfBundle, parseSignedData } from '../../../core/cms/parse-signed-data.js';
import { makeTempDir, openssl, writePem, type TestIdentity } from '../../helpers/pki.js';
import { makeChain } from '../../helpers/pki-pool.js';
import { assertTools, skipWithout } from '../../helpers/tools.js';

const tmp = makeTempDir('saoy-p7c-');
afterAll(() => tmp.cleanup());

describe.skipIf(skipWithout('openssl'))('certificatesOfBundle', () => {
  let root: TestIdentity;
  let leaf: TestIdentity;
  const bundle = (...certs: Uint8Array[]) => {
    const out = join(tmp.dir, `b${certs.length}.p7c`);
    const files = certs.flatMap((c, i) => ['-certfile', writePem(tmp.dir, `c${i}.pem`, c)]);
    openssl(['crl2pkcs7', '-nocrl', ...files, '-outform', 'DER', '-out', out]);
    return new Uint8Array(readFileSync(out));
  };

  beforeAll(async () => {
    assertTools('openssl');
    ({ root, leaf } = await makeChain({}));
  });

  it('returns every certificate of the bundle, in order (which parseSignedData refuses: no SignerInfo)', () => {
    const b = bundle(leaf.certificate, root.certificate);
    expect(certificatesOfBundle(b)).toEqual([leaf.certificate, root.certificate]);
    expect(() => parseSignedData(b)).toThrow(/exactly one SignerInfo/);
  });

  it('refuses trailing bytes, another content type and non-DER, as CMS_INVALID', () => {
    const b = bundle(root.certificate);
    expect(() => certificatesOfBundle(new Uint8Array([...b, 0]))).toThrow(expect.objectContaining({ code: 'CMS_INVALID' }));
    expect(() => certificatesOfBundle(root.certificate)).toThrow(expect.objectContaining({ code: 'CMS_INVALID' }));
    expect(() => certificatesOfBundle(new Uint8Array([0x30, 0x03, 0x01]))).toThrow(expect.objectContaining({ code: 'CMS_INVALID' }));
  });
});
