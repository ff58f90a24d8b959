/**
 * Built-in trust lists: every pinned certificate loads, its pin is the SHA-256 openssl computes from the PEM file,
 * a tampered file is refused, intermediates only build chains, legacy is off by default, and a test hierarchy named
 * exactly like the government's is not trusted.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { certifyCopy } from '../../../core/certify/certify-copy.js';
import { buildChain } from '../../../core/pki/chain.js';
import { describeCertificate } from '../../../core/pki/certificate.js';
import { BUILTIN_CERTIFICATES, BUILTIN_LISTS, loadBuiltinCertificates, type LoadedBuiltinCertificate } from '../../../core/pki/trust-builtin.js';
import { TRUST_PEM } from '../../../core/pki/trust-data/pem.generated.js';
import { builtinTrustLists, resolveTrust } from '../../../core/pki/trust-lists.js';
import { verifyPdf } from '../../../core/verify/index.js';
import { generatedModule, trustPemFiles } from '../../../scripts/gen-trust-data.js';
import { pageImages } from '../../corpus/copies.js';
import { copyFonts, sampleFields, signingDay } from '../../helpers/ecopy.js';
import { makeLookalikePki } from '../../helpers/lookalike-pki.js';
import { openssl } from '../../helpers/pki.js';
import { assertTools, skipWithout } from '../../helpers/tools.js';

const dataDir = fileURLToPath(new URL('../../../core/pki/trust-data/', import.meta.url));
const README = readFileSync(`${dataDir}README.md`, 'utf8');

describe.skipIf(skipWithout('openssl'))('built-in trust data', () => {
  let loaded: LoadedBuiltinCertificate[];
  beforeAll(async () => {
    assertTools('openssl');
    loaded = await loadBuiltinCertificates();
  });

  it('every certificate loads and its pin is the fingerprint openssl computes from the file', () => {
    expect(loaded).toHaveLength(10);
    for (const c of loaded) {
      const r = openssl(['x509', '-in', `${dataDir}${c.file}`, '-noout', '-fingerprint', '-sha256']);
      expect(r.status, r.stderr).toBe(0);
      const fp = r.stdout.trim().split('=')[1].replace(/:/g, '').toLowerCase();
      expect(fp, c.file).toBe(c.sha256);
      // ...and the README table (the public source) says the same.
      expect(README.toUpperCase(), c.file).toContain(c.sha256.toUpperCase());
    }
  });

  it('the bundled module is exactly the PEM files (scripts/gen-trust-data.ts is not stale)', () => {
    const files = trustPemFiles(dataDir);
    expect(Object.keys(files).sort()).toEqual(BUILTIN_CERTIFICATES.map((c) => c.file).sort());
    expect(TRUST_PEM).toEqual(files);
    expect(readFileSync(`${dataDir}pem.generated.ts`, 'utf8')).toBe(generatedModule(files));
  });

  it('a tampered certificate is refused with a clear error', async () => {
    const file = 'vgca-rootca-g2.pem';
    const pem = TRUST_PEM[file];
    // Flip one base64 character inside the body (still valid base64, different DER).
    const i = pem.indexOf('\n', 40) + 10;
    const tampered = pem.slice(0, i) + (pem[i] === 'A' ? 'B' : 'A') + pem.slice(i + 1);
    await expect(loadBuiltinCertificates({ ...TRUST_PEM, [file]: tampered })).rejects.toMatchObject({
      code: 'TRUST_PIN_MISMATCH',
      message: expect.stringMatching(/vgca-rootca-g2\.pem does not match its pinned SHA-256 .*refused/),
    });
    // Swapping two files' contents is refused as well: the pin belongs to the place, not just to the set.
    await expect(loadBuiltinCertificates({ ...TRUST_PEM, [file]: TRUST_PEM['vietnam-national-root-ca-g2.pem'] })).rejects.toMatchObject({ code: 'TRUST_PIN_MISMATCH' });
    await expect(loadBuiltinCertificates({ ...TRUST_PEM, [file]: '' })).rejects.toMatchObject({ code: 'TRUST_PIN_MISMATCH' });
  });

  it('separate lists; legacy off by default; intermediates never anchors', () => {
    expect(BUILTIN_LISTS.map((l) => [l.id, l.vi, l.enabledByDefault])).toEqual([
      ['vgca', 'Chính phủ (VGCA)', true],
      ['neac', 'Quốc gia (NEAC)', true],
      ['neac-tsa', 'Dấu thời gian (NEAC TSA)', true],
      ['legacy', expect.stringContaining('chưa đối chiếu với công bố chính thức'), false],
    ]);
    const lists = builtinTrustLists(loaded);
    expect(lists.map((l) => l.id)).toEqual(['vgca', 'neac', 'neac-tsa']);
    const t = resolveTrust(lists);
    const cn = (ders: Uint8Array[]) => ders.map((d) => describeCertificate(d).subject.commonName).sort();
    expect(cn(t.anchors)).toEqual(['RootCA chuyên dùng Chính phủ G2', 'Vietnam National Root CA', 'Vietnam National Root CA G3']);
    // The TSA root vouches for timestamps only.
    expect(cn(t.timestampAnchors)).toContain('VIETNAM NATIONAL ROOT CA - TSA');
    expect(cn(t.intermediates)).toEqual(['CA phục vụ các cơ quan Nhà nước G2', 'VNPT SmartCA RS', 'VNPT-CA SHA2']);
    for (const i of t.intermediates) expect(t.listOf(i)).toBeUndefined();
    expect(t.listOf(loaded.find((c) => c.file === 'vgca-rootca-g2.pem')!.der)).toBe('vgca');
    const withLegacy = resolveTrust(builtinTrustLists(loaded, ['legacy']));
    expect(cn(withLegacy.anchors)).toEqual(['MIC National Root CA']);
  });

  it('a real intermediate reaches its real root through the built-in lists (a signature that omits its issuing CA)', async () => {
    const t = resolveTrust(builtinTrustLists(loaded));
    const der = (f: string) => loaded.find((c) => c.file === f)!.der;
    for (const [inter, root] of [
      ['intermediates/vnpt-smartca-rs.pem', 'vietnam-national-root-ca-g2.pem'],
      ['intermediates/vnpt-ca-sha2.pem', 'vietnam-national-root-ca-g2.pem'],
      ['intermediates/vgca-ca-co-quan-nha-nuoc-g2.pem', 'vgca-rootca-g2.pem'],
    ]) {
      const r = await buildChain(der(inter), t.intermediates, t.anchors);
      expect(r.status, inter).toBe('TRUSTED');
      expect(r.anchor).toEqual(der(root));
    }
    // With the root's list off, the intermediate alone trusts nothing.
    const noVgca = resolveTrust(builtinTrustLists(loaded, ['neac']));
    expect((await buildChain(der('intermediates/vgca-ca-co-quan-nha-nuoc-g2.pem'), [...noVgca.intermediates, der('intermediates/vgca-ca-co-quan-nha-nuoc-g2.pem')], noVgca.anchors)).status).toBe('NO_CHAIN');
  });
});

describe('trust is by certificate bytes, never by name', () => {
  it('an e-copy signed under a test root named like the VGCA root is not trusted by the built-in lists; the same root given explicitly is', async () => {
    const loaded = await loadBuiltinCertificates();
    const pki = await makeLookalikePki();
    const real = loaded.find((c) => c.file === 'vgca-rootca-g2.pem')!;
    // The imitation is exact in name: same subject, different key.
    expect(describeCertificate(pki.root.certificate).subject.text).toBe(real.subject);
    const realCa = loaded.find((c) => c.file === 'intermediates/vgca-ca-co-quan-nha-nuoc-g2.pem')!;
    expect(describeCertificate(pki.ca.certificate).subject.text).toBe(realCa.subject);

    const at = new Date();
    const copy = await certifyCopy({
      pages: pageImages().slice(0, 1).map((bytes) => ({ bytes, name: 'p.jpg' })),
      fields: sampleFields({ pageCount: 1, date: signingDay(at) }),
      signingTime: at,
      fonts: copyFonts(),
      certifier: pki.certifier,
      authority: pki.authority,
    });
    const builtin = builtinTrustLists(loaded);
    const r = await verifyPdf(copy.final!, { trustAnchors: [], trustLists: builtin });
    expect(r.signatures).toHaveLength(2);
    for (const s of r.signatures) {
      expect(s.trusted).toBe(false);
      expect(s.trustList).toBeUndefined();
      expect(s.reasons.map((x) => x.code)).toContain('CHAIN_UNTRUSTED');
    }
    expect(r.verdict).toBe('indeterminate');

    const explicit = await verifyPdf(copy.final!, { trustAnchors: [pki.root.certificate], trustLists: builtin });
    for (const s of explicit.signatures) {
      expect(s.trusted).toBe(true);
      expect(s.trustList).toBe('user');
    }
    const demoList = await verifyPdf(copy.final!, { trustAnchors: [], trustLists: [...builtin, { id: 'demo', anchors: [pki.root.certificate] }] });
    expect(demoList.signatures.map((s) => s.trustList)).toEqual(['demo', 'demo']);
  });
});
