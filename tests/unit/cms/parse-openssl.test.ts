import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSignedData } from '../../../core/cms/signed-data.js';
import { OID } from '../../../core/asn1/oids.js';
import { certificateParts } from '../../../core/pki/cert-parts.js';
import { verifySha256Signature } from '../../../core/pki/public-key.js';
import { makeTempDir, openssl, writeBytes, writeKeyPem, writePem, type TestIdentity } from '../../helpers/pki.js';
import { makeChain } from '../../helpers/pki-pool.js';
import { assertTools, skipWithout } from '../../helpers/tools.js';

const tmp = makeTempDir('saoy-cms-openssl-');
afterAll(() => tmp.cleanup());

describe.skipIf(skipWithout('openssl'))('parseSignedData on CMS written by openssl', () => {
  let root: TestIdentity;
  let leaf: TestIdentity;
  let data: Uint8Array;
  let args: string[];

  beforeAll(async () => {
    assertTools('openssl');
    ({ root, leaf } = await makeChain({ leaf: { key: 'ECDSA-P256' } }));
    data = crypto.getRandomValues(new Uint8Array(1000));
    args = [
      'cms', '-sign', '-binary', '-md', 'sha256', '-outform', 'DER',
      '-in', writeBytes(tmp.dir, 'data.bin', data),
      '-signer', writePem(tmp.dir, 'leaf.pem', leaf.certificate),
      '-inkey', await writeKeyPem(tmp.dir, 'leaf.key', leaf.keys.privateKey),
      '-certfile', writePem(tmp.dir, 'root.pem', root.certificate),
    ];
  });

  it.each([
    ['DER, detached', [] as string[], true],
    ['BER indefinite length (-stream, content embedded)', ['-stream'], false],
  ])('%s: fields are read and the signed attributes verify', async (name, extra, detached) => {
    const out = join(tmp.dir, `${name.length}.der`);
    const r = openssl([...args, ...extra, '-out', out]);
    expect(r.status).toBe(0);
    const p = parseSignedData(new Uint8Array(readFileSync(out)));
    expect(p.detached).toBe(detached);
    expect(p.contentType).toBe(OID.data);
    expect(p.digestAlgorithm).toBe(OID.sha256);
    expect(p.signatureAlgorithm.oid).toBe(OID.ecdsaWithSHA256);
    expect(p.certificates).toContainEqual(leaf.certificate);
    expect(p.certificates).toContainEqual(root.certificate);
    expect(p.signedAttributeList.map((a) => a.type)).toContain(OID.signingTime); // openssl adds one; we do not
    expect(p.messageDigest).toEqual(new Uint8Array(await crypto.subtle.digest('SHA-256', data as BufferSource)));
    const parts = certificateParts(leaf.certificate);
    expect(p.signerId).toEqual({ kind: 'issuerAndSerialNumber', issuer: parts.issuer, serialNumber: parts.serialNumber });
    expect(await verifySha256Signature(parts, p.signedAttributes, p.signature)).toBe(true);
  });
});
