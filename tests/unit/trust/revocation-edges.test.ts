/**
 * checkRevocation at its edges, with CRLs whose dates and entries are chosen exactly: `openssl ca -gencrl` over an
 * index.txt written by the test (revocation times, reasons, certificateHold, removeFromCRL) with -crl_lastupdate and
 * -crl_nextupdate. Each answer is a revocation verdict, so results are compared whole (status, date, reason, problems).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { algorithmIdentifier, oid, tlv } from '../../../core/asn1/der.js';
import { certificateParts } from '../../../core/pki/cert-parts.js';
import { parseOcspResponse } from '../../../core/pki/ocsp.js';
import { checkRevocation, OCSP_CLOCK_SKEW_MS, readCrlsFromFile } from '../../../core/pki/revocation.js';
import { makeTempDir, writePem, type TestIdentity } from '../../helpers/pki.js';
import { makeLeaf, makeRoot } from '../../helpers/pki-pool.js';
import { assertTools, skipWithout } from '../../helpers/tools.js';
import { DAY, HOUR, makeOpensslCa, ok } from './fixtures.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
/** YYMMDDHHMMSSZ (index.txt) and YYYYMMDDHHMMSSZ (-crl_lastupdate). */
const utc = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
const gen = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
const sec = (t: number) => new Date(Math.floor(t / 1000) * 1000);

interface Entry {
  serial: string;
  at: Date;
  reason?: string;
}

describe.skipIf(skipWithout('openssl'))('checkRevocation edges (CRLs with chosen dates)', () => {
  const tmp = makeTempDir('saoy-trust-crl-edges-');
  afterAll(() => tmp.cleanup());
  const T = sec(Date.now() - 20 * DAY); // a fixed past moment, whole seconds (CRL times have no milliseconds)
  let root: TestIdentity;
  let leaf: TestIdentity; // serial 0x10AA
  let ca: Awaited<ReturnType<typeof makeOpensslCa>>;
  const caDir = () => join(tmp.dir, 'ca');

  /** Writes the CA database: `entries` revoked, `valid` serials not. */
  function index(entries: Entry[], valid: string[] = []): void {
    const expiry = utc(new Date(T.getTime() + 3000 * DAY));
    const lines = [
      ...entries.map((e) => `R\t${expiry}\t${utc(e.at)}${e.reason ? `,${e.reason}` : ''}\t${e.serial}\tunknown\t/CN=x`),
      ...valid.map((v) => `V\t${expiry}\t\t${v}\tunknown\t/CN=v`),
    ];
    writeFileSync(join(caDir(), 'index.txt'), lines.map((l) => `${l}\n`).join(''));
  }

  let responses = 0;
  /** A DER OCSP response of `root` (signed by it) about the leaf, from the database `index` wrote; thisUpdate is now. */
  function ocsp(withNextUpdate = true): Uint8Array {
    const out = join(tmp.dir, `ocsp${++responses}.der`);
    const pem = join(caDir(), 'ca.pem');
    ok(['ocsp', '-index', join(caDir(), 'index.txt'), '-rsigner', pem, '-rkey', join(caDir(), 'ca.key'), '-CA', pem, '-issuer', pem,
      '-cert', writePem(tmp.dir, 'leaf.pem', leaf.certificate), '-respout', out, ...(withNextUpdate ? ['-ndays', '1'] : [])]);
    return new Uint8Array(readFileSync(out));
  }

  /** A CRL of `root` listing `entries`, issued at `thisUpdate`, current until `nextUpdate`. */
  function crl(entries: Entry[], thisUpdate: Date, nextUpdate = new Date(thisUpdate.getTime() + 10 * DAY), exts?: string): Uint8Array {
    index(entries);
    const pem = ca.crl(['-crl_lastupdate', gen(thisUpdate), '-crl_nextupdate', gen(nextUpdate), ...(exts ? ['-crlexts', exts] : [])]);
    return readCrlsFromFile(enc(pem))[0];
  }

  beforeAll(async () => {
    assertTools('openssl');
    root = await makeRoot();
    leaf = await makeLeaf(root, { key: 'ECDSA-P256', serial: Uint8Array.of(0x10, 0xaa), notBefore: new Date(T.getTime() - 30 * DAY), notAfter: new Date(T.getTime() + 300 * DAY) });
    ca = await makeOpensslCa(caDir(), root, ['[ expired_on_crl ]', '2.5.29.60 = ASN1:GENERALIZEDTIME:20200101000000Z']);
  });

  /** A CRL of `root` built here field by field (what openssl ca cannot write), signed with `alg` by the root's key. */
  async function handCrl(o: { next?: Date; idp?: Uint8Array; alg?: string }): Promise<Uint8Array> {
    const ALG = algorithmIdentifier(o.alg ?? '1.2.840.113549.1.1.11');
    const time = (d: Date) => tlv(0x17, enc(utc(d)));
    const exts = o.idp ? [tlv(0xa0, tlv(0x30, tlv(0x30, oid('2.5.29.28'), tlv(0x01, Uint8Array.of(0xff)), tlv(0x04, o.idp))))] : [];
    const tbs = tlv(0x30, tlv(0x02, Uint8Array.of(1)), ALG, certificateParts(root.certificate).subject, time(T), ...(o.next ? [time(o.next)] : []), ...exts);
    const sig = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', root.keys.privateKey, tbs as BufferSource));
    return tlv(0x30, tbs, ALG, tlv(0x03, Uint8Array.of(0), sig));
  }

  const status = async (crls: Uint8Array[], at: Date, cert = leaf.certificate) => (await checkRevocation({ chain: [cert, root.certificate], crls, at }))[0];

  it('revoked exactly at the time in question is REVOKED; a millisecond before the revocation, REVOKED_AFTER', async () => {
    const list = [crl([{ serial: '10AA', at: T, reason: 'keyCompromise' }], new Date(T.getTime() + HOUR))];
    const base = { certificate: leaf.certificate, revocationDate: T, reason: 'keyCompromise', crlRequired: false, problems: [] };
    expect(await status(list, T)).toStrictEqual({ ...base, status: 'REVOKED' });
    expect(await status(list, new Date(T.getTime() - 1))).toStrictEqual({ ...base, status: 'REVOKED_AFTER' });
    // An entry without a reason gives a result without one.
    const plain = [crl([{ serial: '10AA', at: T }], new Date(T.getTime() + HOUR))];
    expect(await status(plain, T)).toStrictEqual({ certificate: leaf.certificate, status: 'REVOKED', revocationDate: T, crlRequired: false, problems: [] });
  });

  it('the earliest revocation over all usable CRLs counts, in either order', async () => {
    const early = crl([{ serial: '10AA', at: T, reason: 'keyCompromise' }], new Date(T.getTime() + HOUR));
    const late = crl([{ serial: '10AA', at: new Date(T.getTime() + DAY), reason: 'superseded' }], new Date(T.getTime() + 2 * DAY));
    for (const list of [[early, late], [late, early]]) {
      expect(await status(list, new Date(T.getTime() + 3 * DAY))).toMatchObject({ status: 'REVOKED', revocationDate: T, reason: 'keyCompromise', problems: [] });
    }
  });

  it('certificateHold counts only while the newest CRL lists it; a permanent revocation in an older CRL still counts', async () => {
    const hold = (t: Date) => crl([{ serial: '10AA', at: T, reason: 'certificateHold,holdInstructionReject' }], t);
    const none = (t: Date) => crl([], t);
    const at = new Date(T.getTime() + 3 * DAY);
    const t1 = new Date(T.getTime() + HOUR);
    const t2 = new Date(T.getTime() + DAY);
    for (const list of [[hold(t1), none(t2)], [none(t2), hold(t1)]]) {
      expect(await status(list, at)).toStrictEqual({ certificate: leaf.certificate, status: 'GOOD', crlRequired: false, problems: [] });
    }
    for (const list of [[none(t1), hold(t2)], [hold(t2), none(t1)]]) {
      expect(await status(list, at)).toStrictEqual({ certificate: leaf.certificate, status: 'REVOKED', revocationDate: T, reason: 'certificateHold', crlRequired: false, problems: [] });
    }
    const permanent = crl([{ serial: '10AA', at: new Date(T.getTime() + 2 * HOUR), reason: 'keyCompromise' }], t1);
    expect(await status([hold(t2), permanent], at)).toMatchObject({ status: 'REVOKED', revocationDate: new Date(T.getTime() + 2 * HOUR), reason: 'keyCompromise' });
  });

  it('a removeFromCRL entry is not a revocation', async () => {
    const list = [crl([{ serial: '10AA', at: T, reason: 'removeFromCRL' }], new Date(T.getTime() + HOUR))];
    expect(await status(list, new Date(T.getTime() + 2 * HOUR))).toStrictEqual({ certificate: leaf.certificate, status: 'GOOD', crlRequired: false, problems: [] });
  });

  it('a CRL proves GOOD up to and including its nextUpdate, and for any time before it was issued', async () => {
    const next = new Date(T.getTime() + 2 * DAY);
    const list = [crl([{ serial: '0BAD', at: T }], T, next)];
    expect((await status(list, next)).status).toBe('GOOD');
    expect((await status(list, new Date(T.getTime() - 5 * DAY))).status).toBe('GOOD');
    expect(await status(list, new Date(next.getTime() + 1))).toStrictEqual({
      certificate: leaf.certificate, status: 'UNKNOWN', crlRequired: false, problems: ['CRL_STALE: the CRL expired before the time in question'],
    });
  });

  it('one current CRL next to a stale one proves GOOD; a CRL without nextUpdate proves GOOD only up to its own time', async () => {
    const stale = crl([], new Date(T.getTime() - 10 * DAY), new Date(T.getTime() - 5 * DAY));
    const fresh = crl([], T);
    for (const list of [[stale, fresh], [fresh, stale]]) {
      expect(await status(list, new Date(T.getTime() + HOUR))).toStrictEqual({ certificate: leaf.certificate, status: 'GOOD', crlRequired: false, problems: [] });
    }
    const open = await handCrl({});
    expect((await status([open], T)).status).toBe('GOOD');
    expect(await status([open], new Date(T.getTime() + 1))).toStrictEqual({
      certificate: leaf.certificate, status: 'UNKNOWN', crlRequired: false, problems: ['CRL_STALE: the CRL expired before the time in question'],
    });
  });

  it('a CRL with an unreadable scope, an unsupported signature algorithm, or an unreadable issuer certificate is ignored and noted', async () => {
    const at = new Date(T.getTime() + HOUR);
    const noted = (problem: string) => ({ certificate: leaf.certificate, status: 'UNKNOWN', crlRequired: false, problems: [problem, 'NO_USABLE_CRL'] });
    expect(await status([await handCrl({ next: new Date(T.getTime() + DAY), idp: tlv(0x04, Uint8Array.of(1)) })], at)).toStrictEqual(noted('CRL_INVALID: unreadable issuingDistributionPoint'));
    expect(await status([await handCrl({ next: new Date(T.getTime() + DAY), alg: '2.16.840.1.101.3.4.3.14' })], at))
      .toStrictEqual(noted('CRL_SIGNATURE_INVALID: UNSUPPORTED_SIGNATURE_ALGORITHM: RSASSA-PKCS1-v1_5/SHA3-256'));
    expect((await status([await handCrl({ next: new Date(T.getTime() + DAY) })], at)).status).toBe('GOOD');
    // The next certificate of the chain cannot be read: no CRL or OCSP response can be checked against it.
    const junk = Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01);
    index([], ['10AA']);
    const [r] = await checkRevocation({ chain: [leaf.certificate, junk], crls: [crl([], T)], ocspResponses: [ocsp()], at });
    expect(r).toStrictEqual(noted('CRL_SIGNATURE_INVALID: unreadable issuer certificate'));
  });

  it('a CRL issued when the certificate expires still speaks for it; one issued a second later does not, unless it keeps expired entries', async () => {
    const notAfter = new Date(T.getTime() - 2 * DAY);
    const expired = await makeLeaf(root, { key: 'ECDSA-P256', serial: Uint8Array.of(0x10, 0xbb), notBefore: new Date(T.getTime() - 30 * DAY), notAfter });
    const at = new Date(T.getTime() - 10 * DAY);
    expect((await status([crl([], notAfter)], at, expired.certificate)).status).toBe('GOOD');
    const later = new Date(notAfter.getTime() + 1000);
    expect(await status([crl([], later)], at, expired.certificate)).toStrictEqual({
      certificate: expired.certificate, status: 'UNKNOWN', crlRequired: false, problems: ['CRL_AFTER_EXPIRY: the CRL was issued after the certificate expired'],
    });
    expect((await status([crl([], later, undefined, 'expired_on_crl')], at, expired.certificate)).status).toBe('GOOD');
  });

  it('a CRL is only believed from the chain’s issuer, and only when that issuer may sign CRLs', async () => {
    const list = [crl([], T)];
    const at = new Date(T.getTime() + HOUR);
    // The next certificate in the chain is another CA (another name): the root's CRL does not apply through it.
    const other = await makeRoot({ subject: { country: 'VN', organization: 'saoy TEST', commonName: 'saoy TEST Other CA' } });
    expect((await checkRevocation({ chain: [leaf.certificate, other.certificate], crls: list, at }))[0]).toEqual({
      certificate: leaf.certificate, status: 'UNKNOWN', crlRequired: false, problems: ['CRL_OTHER_ISSUER', 'NO_USABLE_CRL'],
    });
    // An intermediate whose keyUsage lacks cRLSign signs a CRL: ignored.
    const noCrlSign = await makeLeaf(root, { isCA: true, keyUsage: ['keyCertSign'], subject: { country: 'VN', organization: 'saoy TEST', commonName: 'saoy TEST CA without cRLSign' } });
    const sub = await makeLeaf(noCrlSign, { key: 'ECDSA-P256' });
    const subCa = await makeOpensslCa(join(tmp.dir, 'nocrlsign'), noCrlSign);
    const subCrl = readCrlsFromFile(enc(subCa.crl()));
    expect((await checkRevocation({ chain: [sub.certificate, noCrlSign.certificate], crls: subCrl, at: new Date() }))[0]).toEqual({
      certificate: sub.certificate, status: 'UNKNOWN', crlRequired: false, problems: ['CRL_ISSUER_NO_CRL_SIGN', 'NO_USABLE_CRL'],
    });
  });

  it('an unreadable certificate is UNKNOWN with CRLs required; skipped CRLs and OCSP responses are counted, CRLs first', async () => {
    const junk = Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01);
    const results = await checkRevocation({ chain: [junk, root.certificate], crls: [Uint8Array.of(0x30, 0), crl([], T)], ocspResponses: [Uint8Array.of(0x30, 0), Uint8Array.of(1)], at: T });
    expect(results).toStrictEqual([{
      certificate: junk, status: 'UNKNOWN', crlRequired: true,
      problems: ['CRL_UNREADABLE: 1 CRL(s) skipped', 'OCSP_UNREADABLE: 2 OCSP response(s) skipped', 'CERT_UNREADABLE'],
    }]);
    // Only the anchor: nothing to check.
    expect(await checkRevocation({ chain: [root.certificate], crls: [], at: T })).toEqual([]);
  });

  describe('OCSP responses next to CRLs', () => {
    const ocspStatus = async (ocspResponses: Uint8Array[], at: Date, now: Date, crls: Uint8Array[] = []) =>
      (await checkRevocation({ chain: [leaf.certificate, root.certificate], crls, ocspResponses, at, now }))[0];
    const unknown = (problem: string) => ({ certificate: leaf.certificate, status: 'UNKNOWN', crlRequired: false, problems: ['NO_USABLE_CRL', problem] });

    it('a response dated up to the allowed clock skew after the evaluation time counts; a millisecond more does not', async () => {
      index([], ['10AA']);
      const resp = ocsp();
      const u = parseOcspResponse(resp).responses[0].thisUpdate;
      const edge = new Date(u.getTime() - OCSP_CLOCK_SKEW_MS);
      expect((await ocspStatus([resp], u, edge)).status).toBe('GOOD');
      expect(await ocspStatus([resp], u, new Date(edge.getTime() - 1))).toStrictEqual(unknown('OCSP_NOT_YET_VALID: the OCSP response is dated after the evaluation time'));
    });

    it('a good response proves GOOD up to and including its nextUpdate; without a nextUpdate, only up to its own time', async () => {
      index([], ['10AA']);
      const resp = ocsp();
      const { thisUpdate, nextUpdate } = parseOcspResponse(resp).responses[0];
      expect((await ocspStatus([resp], nextUpdate!, nextUpdate!)).status).toBe('GOOD');
      const after = new Date(nextUpdate!.getTime() + 1);
      expect(await ocspStatus([resp], after, after)).toStrictEqual(unknown('OCSP_STALE: the OCSP response expired before the time in question'));
      const bare = ocsp(false);
      const u = parseOcspResponse(bare).responses[0].thisUpdate;
      expect(parseOcspResponse(bare).responses[0].nextUpdate).toBeUndefined();
      expect((await ocspStatus([bare], u, u)).status).toBe('GOOD');
      const later = new Date(u.getTime() + 1);
      expect(await ocspStatus([bare], later, later)).toStrictEqual(unknown('OCSP_STALE: the OCSP response expired before the time in question'));
    });

    it('an "unknown" answer is noted and proves nothing; it does not undo a CRL that proves GOOD', async () => {
      index([]);
      const resp = ocsp();
      const now = new Date();
      expect(await ocspStatus([resp], now, now)).toStrictEqual(unknown('OCSP_STATUS_UNKNOWN: the responder does not know the certificate'));
      const [r] = await checkRevocation({ chain: [leaf.certificate, root.certificate], crls: [crl([], T)], ocspResponses: [resp], at: new Date(T.getTime() + HOUR), now });
      expect(r).toStrictEqual({ certificate: leaf.certificate, status: 'GOOD', crlRequired: false, problems: ['OCSP_STATUS_UNKNOWN: the responder does not know the certificate'] });
    });

    it('the earliest revocation wins across responses; a CRL with an earlier or equal date keeps its date and reason', async () => {
      const early = new Date(T.getTime() + HOUR);
      const late = new Date(T.getTime() + 2 * HOUR);
      index([{ serial: '10AA', at: late, reason: 'superseded' }]);
      const lateResp = ocsp();
      index([{ serial: '10AA', at: early }]); // no reason
      const earlyResp = ocsp();
      const now = new Date();
      const at = new Date(T.getTime() + DAY);
      const byOcsp = { certificate: leaf.certificate, status: 'REVOKED', revocationDate: early, crlRequired: false, problems: ['NO_USABLE_CRL'] };
      expect(await ocspStatus([lateResp, earlyResp], at, now)).toStrictEqual(byOcsp);
      expect(await ocspStatus([earlyResp, lateResp], at, now)).toStrictEqual(byOcsp);
      // Revoked after the time in question.
      expect((await ocspStatus([lateResp], new Date(late.getTime() - 1), now)).status).toBe('REVOKED_AFTER');
      expect(await ocspStatus([lateResp], late, now)).toStrictEqual({ ...byOcsp, revocationDate: late, reason: 'superseded' });
      // The CRL says keyCompromise at T + 1 h: an OCSP date that is later or the same does not replace it.
      const crlEarly = crl([{ serial: '10AA', at: early, reason: 'keyCompromise' }], new Date(T.getTime() + 3 * HOUR));
      for (const resp of [lateResp, earlyResp]) {
        expect(await ocspStatus([resp], at, now, [crlEarly])).toStrictEqual({ certificate: leaf.certificate, status: 'REVOKED', revocationDate: early, reason: 'keyCompromise', crlRequired: false, problems: [] });
      }
      // The CRL says keyCompromise at T + 2 h, OCSP (no reason) at T + 1 h: OCSP's date, and no reason.
      const crlLate = crl([{ serial: '10AA', at: late, reason: 'keyCompromise' }], new Date(T.getTime() + 3 * HOUR));
      expect(await ocspStatus([earlyResp], at, now, [crlLate])).toStrictEqual({ ...byOcsp, problems: [] });
      // A CRL revocation and a good OCSP answer: still revoked (a "good" only fills in an unknown).
      index([], ['10AA']);
      const goodResp = ocsp();
      expect(await ocspStatus([goodResp], at, now, [crlEarly])).toStrictEqual({ certificate: leaf.certificate, status: 'REVOKED', revocationDate: early, reason: 'keyCompromise', crlRequired: false, problems: [] });
      // A CRL that says GOOD and an OCSP revocation: revoked, with OCSP's reason.
      expect(await ocspStatus([lateResp], at, now, [crl([], new Date(T.getTime() + 3 * HOUR))])).toStrictEqual({ ...byOcsp, revocationDate: late, reason: 'superseded', problems: [] });
    });
  });
});
