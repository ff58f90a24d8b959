/**
 * core/verify/online.ts on chains and documents made to test its bounds and its bookkeeping, without a network:
 * the fetcher answers from a table of URLs under http://ca.test/ (never contacted). Certificates are issued by
 * openssl with the URLs written into them. Checked: at most three issuer levels fetched, at most 30 certificates
 * and 40 fetches, the 60 s deadline, de-duplication, self-issued and trusted certificates left alone, the time
 * each answer came, and what each failed source says.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appendDss } from '../../../core/pdf/dss-writer.js';
import { fetchOnlineEvidence, MAX_ONLINE_MILLIS, namedOrigins } from '../../../core/verify/online.js';
import { makeLeaf, makeRoot, makeTempDir, pemToDer, writePemBundle, type TestIdentity } from '../../helpers/pki.js';
import { tableFetcher, type Answers } from '../../helpers/table-fetcher.js';
import { assertTools, run, skipWithout } from '../../helpers/tools.js';
import { appendSignatureUpdate, fillPlaceholder, placeholderPdf } from '../../verify/rw/tools-pdf.js';
import { makeOpensslCa, ok, opensslIssue, type OpensslCert } from '../trust/fixtures.js';

const url = (name: string) => `http://ca.test/${name}`;

describe.skipIf(skipWithout('openssl'))('online check: bounds and bookkeeping', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let root: TestIdentity;
  /** root → A → B → C → D → E (the signer); each below A names its issuer only by caIssuers. */
  const chain: Record<'A' | 'B' | 'C' | 'D' | 'E', OpensslCert> = {} as never;
  let signedByE: Uint8Array;
  let issuerAnswers: Answers;

  /** An openssl-issued CA as an identity that can issue in turn (its RSA key read back into WebCrypto). */
  const asIdentity = async (o: OpensslCert): Promise<TestIdentity> => {
    const key = new Uint8Array(pemToDer(readFileSync(o.keyPath, 'utf8')));
    const privateKey = await crypto.subtle.importKey('pkcs8', key, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['sign']);
    return { certificate: o.der, keys: { privateKey, publicKey: privateKey }, kind: 'RSA-2048' };
  };
  // RSA CAs: their signatures have a fixed length (the equal-length test below depends on it).
  const ca = (cn: string, extra: string[] = []) => ({ cn, extensions: ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign', ...extra] });
  const caIssuers = (...names: string[]) => `authorityInfoAccess=${names.map((n) => `caIssuers;URI:${url(n)}`).join(',')}`;

  /** A one-signature PDF signed by `signer`, the CMS carrying `extraCerts` too (openssl cms -certfile). */
  const signed = (signer: OpensslCert, extraCerts: Uint8Array[] = [], pdf = placeholderPdf({ hexDigits: 80_000 })): Uint8Array =>
    fillPlaceholder(pdf, (data) => {
      const input = join(tmp.dir, 'in.bin');
      const output = join(tmp.dir, 'out.der');
      writeFileSync(input, data);
      const certfile = extraCerts.length ? ['-certfile', writePemBundle(tmp.dir, 'extra.pem', extraCerts)] : [];
      const r = run('openssl', ['cms', '-sign', '-binary', '-in', input, '-signer', signer.certPath, '-inkey', signer.keyPath, ...certfile, '-outform', 'DER', '-out', output, '-md', 'sha256']);
      if (r.status !== 0) throw new Error(r.stderr);
      return new Uint8Array(readFileSync(output));
    });

  /** The table fetcher, with the URLs asked shortened to their names under http://ca.test/. */
  const fetcher = (answers: Answers) => {
    const t = tableFetcher(answers);
    return { ...t, urls: () => t.asked.map((r) => r.url.replace('http://ca.test/', '')) };
  };
  const options = () => ({ trustAnchors: [root.certificate] });

  beforeAll(async () => {
    assertTools('openssl');
    tmp = makeTempDir('saoy-online-bounds-');
    root = await makeRoot();
    chain.A = await opensslIssue(tmp.dir, root, ca('Chain A TEST'));
    chain.B = await opensslIssue(tmp.dir, await asIdentity(chain.A), ca('Chain B TEST', [caIssuers('a.cer')]));
    chain.C = await opensslIssue(tmp.dir, await asIdentity(chain.B), ca('Chain C TEST', [caIssuers('b.cer', 'b-mirror.cer')]));
    chain.D = await opensslIssue(tmp.dir, await asIdentity(chain.C), ca('Chain D TEST', [`authorityInfoAccess=caIssuers;URI:${url('c.cer')},OCSP;URI:${url('ocsp-d')}`]));
    chain.E = await opensslIssue(tmp.dir, await asIdentity(chain.D), {
      cn: 'Chain E TEST',
      key: 'ec-p384',
      extensions: ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature,nonRepudiation',
        `authorityInfoAccess=caIssuers;URI:${url('d-down.cer')},caIssuers;URI:${url('d.cer')},OCSP;URI:${url('ocsp-e')}`, `crlDistributionPoints=URI:${url('e.crl')}`],
    });
    signedByE = signed(chain.E);
    issuerAnswers = Object.fromEntries((['A', 'B', 'C', 'D'] as const).map((k) => [url(`${k.toLowerCase()}.cer`), () => chain[k].der]));
  });
  afterAll(() => tmp?.cleanup());

  it('issuers are fetched three levels up at most; a mirror is asked only when the first URL failed; fetched issuers are checked too', async () => {
    const { f, urls, asked } = fetcher(issuerAnswers);
    const ev = await fetchOnlineEvidence(signedByE, options(), f);
    expect(urls()).toEqual(['d-down.cer', 'd.cer', 'c.cer', 'b.cer', 'ocsp-e', 'e.crl', 'ocsp-d']);
    expect(ev.intermediates).toEqual([chain.D.der, chain.C.der, chain.B.der]);
    expect(ev.sources.map((s) => [s.kind, s.certificate, s.ok])).toEqual([
      ['caIssuers', 'Chain E TEST', false], ['caIssuers', 'Chain E TEST', true], ['caIssuers', 'Chain D TEST', true], ['caIssuers', 'Chain C TEST', true],
      ['ocsp', 'Chain E TEST', false], ['crl', 'Chain E TEST', false], ['ocsp', 'Chain D TEST', false],
    ]);
    // The OCSP request about D is made with D's issuer, C, fetched in the second round.
    expect(asked[6].contentType).toBe('application/ocsp-request');
  });

  it('the same signer twice (two signatures): each URL asked once', async () => {
    const twice = fillPlaceholder(appendSignatureUpdate(signedByE, 'Signature2'), (data) => {
      writeFileSync(join(tmp.dir, 'in2.bin'), data);
      ok(['cms', '-sign', '-binary', '-in', join(tmp.dir, 'in2.bin'), '-signer', chain.E.certPath, '-inkey', chain.E.keyPath, '-outform', 'DER', '-out', join(tmp.dir, 'out2.der'), '-md', 'sha256']);
      return new Uint8Array(readFileSync(join(tmp.dir, 'out2.der')));
    });
    const { f, urls } = fetcher({ ...issuerAnswers, [url('c.cer')]: () => { throw new Error('down'); } });
    await fetchOnlineEvidence(twice, options(), f);
    expect(urls()).toEqual(['d-down.cer', 'd.cer', 'c.cer', 'ocsp-e', 'e.crl']);
  });

  it('a signer that is itself a trust anchor, or self-issued, is not looked up', async () => {
    const trusted = fetcher(issuerAnswers);
    await fetchOnlineEvidence(signedByE, { trustAnchors: [root.certificate, chain.E.der] }, trusted.f);
    expect(trusted.asked).toEqual([]);
    // Two self-signed certificates with one subject: each names the other's subject as its issuer, so only the
    // self-issued check keeps them from being looked up (by caIssuers, then OCSP and CRL "issued by" the other).
    const selfSigned = (n: string) => {
      const base = join(tmp.dir, `self-${n}`);
      ok(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${base}.key`, '-out', `${base}.pem`, '-subj', '/CN=Self TEST', '-days', '30',
        '-addext', `authorityInfoAccess=caIssuers;URI:${url(`self-${n}.cer`)},OCSP;URI:${url(`ocsp-self-${n}`)}`, '-addext', `crlDistributionPoints=URI:${url(`self-${n}.crl`)}`]);
      return { der: pemToDer(readFileSync(`${base}.pem`, 'utf8')), certPath: `${base}.pem`, keyPath: `${base}.key` };
    };
    const [self1, self2] = [selfSigned('1'), selfSigned('2')];
    const lone = fetcher({});
    const ev = await fetchOnlineEvidence(signed(self1, [self2.der]), options(), lone.f);
    expect(lone.asked).toEqual([]);
    expect(ev.sources).toEqual([]);
  });

  it('no more than 30 certificates are looked at: an issuer fetched for a crowded signature is not looked up in turn', async () => {
    const crowd: Uint8Array[] = [];
    for (let i = 0; i < 29; i++) crowd.push((await makeLeaf(root, { key: 'ECDSA-P256', subject: { commonName: `Crowd ${i} TEST` } })).certificate);
    const { f, urls } = fetcher(issuerAnswers);
    const ev = await fetchOnlineEvidence(signed(chain.E, crowd), options(), f);
    // 30 certificates from the signature: D is fetched (E needs it) but neither its issuer nor its OCSP is asked.
    expect(urls()).toEqual(['d-down.cer', 'd.cer', 'ocsp-e', 'e.crl']);
    expect(ev.intermediates).toEqual([chain.D.der]);
  });

  it('no more than 40 fetches, and equal-length certificates are still told apart', async () => {
    const many = Array.from({ length: 4 }, (_, k) => k);
    const issuer = await asIdentity(chain.A);
    const certs: OpensslCert[] = [];
    for (let i = 0; i < 6; i++) {
      certs.push(await opensslIssue(tmp.dir, issuer, {
        cn: `Many URLs ${i} TEST`,
        key: 'ec-p384',
        extensions: ['basicConstraints=CA:FALSE', `authorityInfoAccess=${many.map((k) => `OCSP;URI:${url(`ocsp-${i}-${k}`)}`).join(',')}`,
          `crlDistributionPoints=${many.map((k) => `URI:${url(`crl-${i}-${k}`)}`).join(',')}`],
      }));
    }
    // Same template, same key type, same issuer: the DER lengths match, so only their bytes tell them apart.
    expect(new Set(certs.map((c) => c.der.length)).size).toBe(1);
    const { f, asked } = fetcher({});
    const ev = await fetchOnlineEvidence(signed(certs[0], certs.slice(1).map((c) => c.der)), { ...options(), intermediates: [chain.A.der] }, f);
    expect(asked).toHaveLength(40);
    expect(ev.sources).toHaveLength(40);
    expect(new Set(ev.sources.map((s) => s.certificate)).size).toBe(5);
  });

  it('the 60 s deadline: a fetch starting exactly at it still goes out, later ones are recorded as not fetched', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const start = new Date('2026-06-01T00:00:00Z').getTime();
      vi.setSystemTime(start);
      const slow = fetcher({
        ...issuerAnswers,
        [url('d.cer')]: () => {
          vi.setSystemTime(start + MAX_ONLINE_MILLIS);
          return chain.D.der;
        },
        [url('c.cer')]: () => {
          vi.setSystemTime(start + MAX_ONLINE_MILLIS + 1);
          return chain.C.der;
        },
      });
      const ev = await fetchOnlineEvidence(signedByE, options(), slow.f);
      expect(slow.urls()).toEqual(['d-down.cer', 'd.cer', 'c.cer']);
      const late = ev.sources.slice(3);
      expect(late.map((s) => [s.kind, s.certificate])).toEqual([
        ['caIssuers', 'Chain C TEST'], ['caIssuers', 'Chain C TEST'], ['ocsp', 'Chain E TEST'], ['crl', 'Chain E TEST'], ['ocsp', 'Chain D TEST'],
      ]);
      for (const s of late) expect(s).toMatchObject({ ok: false, error: 'not fetched: the online check took longer than 60 s' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('each source carries the time its answer came, not the time it was asked', async () => {
    let tick = 0;
    const clock = () => new Date(Date.UTC(2026, 5, 1, 0, 0, tick++));
    const { f } = fetcher(issuerAnswers);
    const ev = await fetchOnlineEvidence(signedByE, options(), f, clock);
    // Two readings per fetch: asked (even), answered (odd).
    expect(ev.sources.map((s) => new Date(s.fetchedAt).getUTCSeconds())).toEqual([1, 3, 5, 7, 9, 11, 13]);
  });

  it('what failed sources say: known certificates only, a refused OCSP request, a broken PEM CRL, DER that is no CRL', async () => {
    const { f } = fetcher({
      [url('d-down.cer')]: () => chain.E.der,
      [url('d.cer')]: () => chain.D.der,
      // An OCSPResponse with responseStatus 6 (unauthorized) and nothing else.
      [url('ocsp-e')]: () => new Uint8Array([0x30, 0x03, 0x0a, 0x01, 0x06]),
      [url('e.crl')]: () => new Uint8Array(Buffer.from('-----BEGIN X509 CRL-----\nabcde\n-----END X509 CRL-----\n')),
      [url('ocsp-d')]: () => new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]),
    });
    const ev = await fetchOnlineEvidence(signedByE, options(), f);
    expect(ev.sources.slice(0, 2).map((s) => [s.url, s.ok, s.error])).toEqual([
      [url('d-down.cer'), false, 'only certificates already known'],
      [url('d.cer'), true, undefined],
    ]);
    const e = ev.sources.filter((s) => s.certificate === 'Chain E TEST' && s.kind !== 'caIssuers');
    expect(e.map((s) => [s.kind, s.ok, s.error])).toEqual([
      ['ocsp', false, 'not a usable OCSP response (malformed ASN.1 data: OCSP responseStatus 6 (not successful))'],
      ['crl', false, 'not a CRL'],
    ]);
    expect(ev.ocspResponses).toEqual([]);
    expect(ev.crls).toEqual([]);
    // DER that is not a CRL is not passed on as one, nor counted as an answer.
    const derJunk = fetcher({ ...issuerAnswers, [url('e.crl')]: () => new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]) });
    const ev2 = await fetchOnlineEvidence(signedByE, options(), derJunk.f);
    expect(ev2.crls).toEqual([]);
    expect(ev2.sources.find((s) => s.kind === 'crl')).toMatchObject({ ok: false, error: 'not a CRL' });
  });

  it('two certificates of one CA sharing its CRL URL: the CRL is fetched once, whether it answered or failed', async () => {
    const issuer = await asIdentity(chain.A);
    const leaf = (n: number) => opensslIssue(tmp.dir, issuer, { cn: `Shared CRL ${n} TEST`, key: 'ec-p384', extensions: ['basicConstraints=CA:FALSE', `crlDistributionPoints=URI:${url('a.crl')}`] });
    const [one, two] = [await leaf(1), await leaf(2)];
    const pdf = signed(one, [two.der]);
    const crl = pemToDer((await makeOpensslCa(join(tmp.dir, 'ca-a'), issuer)).crl());
    const answering = fetcher({ [url('a.crl')]: () => crl });
    const ev = await fetchOnlineEvidence(pdf, { ...options(), intermediates: [chain.A.der] }, answering.f);
    expect(answering.urls()).toEqual(['a.crl']);
    expect(ev.crls).toEqual([crl]);
    expect(ev.sources.map((s) => [s.kind, s.ok])).toEqual([['crl', true]]);
    const failing = fetcher({});
    const ev2 = await fetchOnlineEvidence(pdf, { ...options(), intermediates: [chain.A.der] }, failing.f);
    expect(failing.urls()).toEqual(['a.crl']);
    expect(ev2.sources.map((s) => [s.kind, s.ok, s.error])).toEqual([['crl', false, `no route to ${url('a.crl')}`]]);
  });

  it('junk where certificates should be (a /DSS entry, a user\'s intermediate, a caIssuers answer) is left out, never fatal', async () => {
    const junk = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]);
    const withJunk = await appendDss(signedByE, { certificates: [junk], crls: [], ocspResponses: [], vri: [], time: new Date() });
    expect(await namedOrigins(withJunk)).toEqual(['http://ca.test/*']);
    const { f, urls } = fetcher({ ...issuerAnswers, [url('d-down.cer')]: () => junk });
    const ev = await fetchOnlineEvidence(withJunk, { ...options(), intermediates: [junk] }, f);
    expect(urls()).toEqual(['d-down.cer', 'd.cer', 'c.cer', 'b.cer', 'ocsp-e', 'e.crl', 'ocsp-d']);
    expect(ev.sources[0]).toMatchObject({ ok: false, error: 'not a certificate' });
    expect(ev.intermediates).toEqual([chain.D.der, chain.C.der, chain.B.der]);
  });

  it('a caIssuers bundle gives at most five certificates', async () => {
    const others: Uint8Array[] = [];
    for (let i = 0; i < 6; i++) others.push((await makeLeaf(root, { key: 'ECDSA-P256', subject: { commonName: `Bundle ${i} TEST` } })).certificate);
    const bundle = join(tmp.dir, 'bundle.p7c');
    ok(['crl2pkcs7', '-nocrl', '-certfile', writePemBundle(tmp.dir, 'bundle.pem', others), '-outform', 'DER', '-out', bundle]);
    const p7c = new Uint8Array(readFileSync(bundle));
    const { f, urls } = fetcher({ [url('d-down.cer')]: () => p7c });
    const ev = await fetchOnlineEvidence(signedByE, options(), f);
    // DER sorts a SET OF, so which five is not fixed: five of the six.
    expect(ev.intermediates).toHaveLength(5);
    for (const c of ev.intermediates) expect(others).toContainEqual(c);
    // None was E's issuer: the second caIssuers URL is tried, and no revocation is asked without an issuer. The
    // next round (new certificates came) asks neither URL again.
    expect(urls()).toEqual(['d-down.cer', 'd.cer']);
  });
});
