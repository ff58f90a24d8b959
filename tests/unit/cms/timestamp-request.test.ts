import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSignedData, parseSignedData } from '../../../core/cms/signed-data.js';
import { OID } from '../../../core/asn1/oids.js';
import { verifyTimestampToken } from '../../../core/cms/timestamp.js';
import { createTimestampRequest, parseTimestampResponse } from '../../../core/cms/timestamp-request.js';
import { addSignatureTimestamp } from '../../../core/cms/unsigned-attributes.js';
import { encapsulatedContent, parseTstInfo } from '../../../core/cms/tst-info.js';
import { isSaoyError } from '../../../core/errors.js';
import { children, readOne, readSmallInt, seq, smallInteger, tlv } from '../../../core/asn1/der.js';
import { createWebCryptoSigner } from '../../../core/signers/webcrypto.js';
import { makeTempDir, writeBytes, writePem } from '../../helpers/pki.js';
import { makeChain, makeRoot } from '../../helpers/pki-pool.js';
import { assertTools, skipWithout } from '../../helpers/tools.js';
import { makeTsa, ok } from '../trust/fixtures.js';

const data = new TextEncoder().encode('the signature value');

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isSaoyError(e) ? e.code : `not a SaoyError: ${String(e)}`;
  }
  return undefined;
}

describe('createTimestampRequest', () => {
  it('writes TimeStampReq v1 with a SHA-256 imprint, a nonce and certReq TRUE', async () => {
    const req = await createTimestampRequest(data, { nonce: Uint8Array.of(0, 0x85, 1) });
    const f = children(readOne(req.der));
    expect(readSmallInt(f[0])).toBe(1);
    const [alg, hashed] = children(f[1]);
    expect(children(alg).length).toBe(1);
    expect(hashed.content).toEqual(new Uint8Array(await crypto.subtle.digest('SHA-256', data)));
    expect(req.imprint).toEqual(hashed.content);
    expect(f[2].bytes).toEqual(Uint8Array.of(0x02, 0x03, 0x00, 0x85, 0x01)); // positive, minimal
    expect(req.nonce).toEqual(Uint8Array.of(0x85, 1));
    expect(f[3].bytes).toEqual(Uint8Array.of(0x01, 0x01, 0xff));
    expect(f.length).toBe(4);
  });

  it('uses a fresh random nonce each time', async () => {
    const a = await createTimestampRequest(data);
    const b = await createTimestampRequest(data);
    expect(a.nonce).not.toEqual(b.nonce);
  });
});

describe('parseTimestampResponse: refusals', () => {
  const statusOnly = (status: number, text?: string, failBit?: number): Uint8Array => {
    const parts = [smallInteger(status)];
    if (text) parts.push(seq(tlv(0x0c, new TextEncoder().encode(text))));
    if (failBit !== undefined) {
      const bits = new Uint8Array(4);
      bits[failBit >> 3] = 0x80 >> (failBit & 7);
      parts.push(tlv(0x03, Uint8Array.of(0), bits));
    }
    return seq(seq(...parts));
  };

  it('reports a rejection with its status string and failure info', async () => {
    const req = await createTimestampRequest(data);
    try {
      parseTimestampResponse(statusOnly(2, 'policy not accepted', 15), req);
      expect.unreachable();
    } catch (e) {
      expect(isSaoyError(e) && e.code).toBe('TSA_REJECTED');
      expect((e as Error).message).toContain('rejection: policy not accepted: unacceptedPolicy');
    }
  });

  it('treats garbage and a granted reply without a token as a bad reply', async () => {
    const req = await createTimestampRequest(data);
    expect(code(() => parseTimestampResponse(new TextEncoder().encode('<html>'), req))).toBe('TSA_BAD_REPLY');
    expect(code(() => parseTimestampResponse(statusOnly(0), req))).toBe('TSA_BAD_REPLY');
    expect(code(() => parseTimestampResponse(new Uint8Array(0), req))).toBe('TSA_BAD_REPLY');
  });
});

describe.skipIf(skipWithout('openssl'))('against openssl ts -reply', () => {
  const tmp = makeTempDir('saoy-tsq-');
  let tsa: Awaited<ReturnType<typeof makeTsa>>;
  let config: string;
  let k = 0;

  beforeAll(async () => {
    assertTools('openssl');
    tsa = await makeTsa(tmp.dir, await makeRoot());
    config = join(tmp.dir, 'ts.cnf');
  });
  afterAll(() => tmp.cleanup());

  const reply = (query: Uint8Array): Uint8Array => {
    const q = writeBytes(tmp.dir, `q${++k}.tsq`, query);
    const out = join(tmp.dir, `r${k}.tsr`);
    ok(['ts', '-reply', '-queryfile', q, '-signer', tsa.cert.certPath, '-inkey', tsa.cert.keyPath, '-config', config, '-out', out]);
    return new Uint8Array(readFileSync(out));
  };

  it('openssl reads the request as a SHA-256 query with nonce and certificate request', async () => {
    const req = await createTimestampRequest(data);
    const text = ok(['ts', '-query', '-in', writeBytes(tmp.dir, 'text.tsq', req.der), '-text']);
    expect(text).toMatch(/Hash Algorithm: sha256/);
    expect(text).toMatch(/Nonce: 0x/);
    expect(text).toMatch(/Certificate required: yes/);
  });

  it('returns a token whose imprint and nonce match and that verifies over the data', async () => {
    const req = await createTimestampRequest(data);
    const token = parseTimestampResponse(reply(req.der), req);
    const tst = parseTstInfo(encapsulatedContent(token) as Uint8Array);
    expect(tst.hashAlgorithm).toBe(OID.sha256);
    const check = await verifyTimestampToken(token, data);
    expect(check.problems).toEqual([]);
    expect(check.imprintMatches && check.signatureValid).toBe(true);
    expect(check.tsaCertificate).toEqual(tsa.cert.der); // certReq TRUE: the TSA certificate is in the token
  });

  it('refuses a token for another request (imprint or nonce mismatch)', async () => {
    const req = await createTimestampRequest(data);
    const other = await createTimestampRequest(new TextEncoder().encode('something else'));
    const resp = reply(req.der);
    expect(code(() => parseTimestampResponse(resp, { ...req, imprint: other.imprint }))).toBe('TSA_BAD_REPLY');
    expect(code(() => parseTimestampResponse(resp, { ...req, nonce: other.nonce }))).toBe('TSA_BAD_REPLY');
  });

  it('maps an openssl rejection (digest not allowed) to TSA_REJECTED', async () => {
    const req = await createTimestampRequest(data);
    const q = join(tmp.dir, 'sha1.tsq');
    ok(['ts', '-query', '-data', writeBytes(tmp.dir, 'd.bin', data), '-sha1', '-out', q]);
    expect(code(() => parseTimestampResponse(reply(new Uint8Array(readFileSync(q))), req))).toBe('TSA_REJECTED');
  });

  it('addSignatureTimestamp keeps the signed part byte-identical and openssl still verifies the CMS', async () => {
    const { root, leaf } = await makeChain();
    const signer = createWebCryptoSigner(leaf.keys.privateKey, [leaf.certificate, root.certificate]);
    const content = crypto.getRandomValues(new Uint8Array(3000));
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', content));
    const cms = await buildSignedData({ contentDigest: digest, signer });
    const before = parseSignedData(cms);
    const req = await createTimestampRequest(before.signature);
    const token = parseTimestampResponse(reply(req.der), req);
    const stamped = addSignatureTimestamp(cms, token);
    const after = parseSignedData(stamped);
    expect(after.signedAttributes).toEqual(before.signedAttributes);
    expect(after.signature).toEqual(before.signature);
    expect(after.certificates).toEqual(before.certificates);
    expect(after.unsignedAttributeList.map((a) => a.type)).toEqual([OID.timeStampToken]);
    expect(after.unsignedAttributeList[0].values[0]).toEqual(token);
    // Everything before the signature value is the same bytes apart from the grown length fields.
    const sigAt = (b: Uint8Array, s: Uint8Array) => Buffer.from(b).indexOf(Buffer.from(s));
    const tailBefore = cms.subarray(sigAt(cms, before.signature) + before.signature.length);
    expect(tailBefore.length).toBe(0); // the signature value ends the original CMS
    const cut = sigAt(stamped, before.signature) + before.signature.length;
    expect(stamped[cut]).toBe(0xa1);
    expect(stamped.length).toBe(cut + readOne(stamped.subarray(cut)).bytes.length);
    expect((await verifyTimestampToken(token, after.signature)).imprintMatches).toBe(true);

    const r = ok(['cms', '-verify', '-binary', '-inform', 'DER', '-in', writeBytes(tmp.dir, 's.der', stamped), '-content',
      writeBytes(tmp.dir, 's.bin', content), '-CAfile', writePem(tmp.dir, 'root.pem', root.certificate), '-purpose', 'any', '-out', '/dev/null']);
    expect(r).toBe('');
    // Adding again appends to the same SET (still one [1]).
    const twice = parseSignedData(addSignatureTimestamp(stamped, token));
    expect(twice.unsignedAttributeList.length).toBe(2);
  });
});
