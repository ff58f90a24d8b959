/**
 * CLI trust: `saoy trust list` prints exactly the pinned anchors the verifier uses (built-in on by default, legacy on
 * request, none with --no-builtin-trust, plus --trust); `--intermediate` helps a chain without ever being an anchor;
 * a hierarchy named like the government's is not trusted by the built-in lists.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { certifyCopy } from '../../core/certify/certify-copy.js';
import { BUILTIN_CERTIFICATES } from '../../core/pki/trust-builtin.js';
import { pageImages, signedAt } from '../corpus/copies.js';
import { signerOf } from '../corpus/pki.js';
import { copyFonts, sampleFields } from '../helpers/ecopy.js';
import { makeLookalikePki, type LookalikePki } from '../helpers/lookalike-pki.js';
import { makeTempDir, writePem } from '../helpers/pki.js';
import { ensureCliBuilt, saoy } from '../helpers/tools.js';

const vnDay = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
const pins = (list: string[]) => BUILTIN_CERTIFICATES.filter((c) => c.role === 'anchor' && list.includes(c.list)).map((c) => c.sha256);
const jsonLines = (out: string) => out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { list: string; subject: string; notAfter: string; sha256: string });

describe('saoy trust list / verify trust flags', () => {
  const { dir } = makeTempDir('saoy-trust-cli-');
  let pki: LookalikePki;
  let rootPem: string;
  let caPem: string;
  let leafOnlyPdf: string;

  beforeAll(async () => {
    ensureCliBuilt();
    pki = await makeLookalikePki({ officer: 'Lê Thị Thu Hà', office: 'Ủy ban nhân dân phường Hạc Thành' });
    rootPem = writePem(dir, 'lookalike-root.pem', pki.root.certificate);
    caPem = writePem(dir, 'lookalike-ca.pem', pki.ca.certificate);
    const at = signedAt();
    // Both signatures carry only the signer's own certificate, as many real ones do.
    const copy = await certifyCopy({
      pages: pageImages().slice(0, 1).map((bytes) => ({ bytes, name: 'p.jpg' })),
      fields: sampleFields({ pageCount: 1, date: vnDay(at), office: 'UBND phường Hạc Thành, tỉnh Thanh Hóa', certifier: 'Lê Thị Thu Hà' }),
      fonts: copyFonts(),
      certifier: pki.certifierLeafOnly,
      authority: signerOf(pki.office),
      signingTime: at,
    });
    leafOnlyPdf = join(dir, 'leaf-only.pdf');
    writeFileSync(leafOnlyPdf, copy.final!);
  });

  it('prints the pinned anchors, one per line: on by default, legacy on request, none with --no-builtin-trust', () => {
    const def = saoy(['trust', 'list', '--json']);
    expect(def.status, def.stderr).toBe(0);
    const lines = jsonLines(def.stdout);
    expect(lines.map((l) => l.sha256)).toEqual(pins(['vgca', 'neac', 'neac-tsa']));
    expect(lines.map((l) => l.list)).toEqual(['vgca', 'neac', 'neac', 'neac-tsa']);
    expect(lines[0]).toEqual({ list: 'vgca', subject: 'CN=RootCA chuyên dùng Chính phủ G2,O=Ban Cơ yếu Chính phủ,C=VN', notAfter: '2048-08-14T07:36:39.000Z', sha256: BUILTIN_CERTIFICATES[0].sha256 });

    const human = saoy(['trust', 'list']);
    const rows = human.stdout.trim().split('\n');
    expect(rows).toHaveLength(4);
    expect(rows[0].split('\t')).toEqual(['Government (VGCA)', 'CN=RootCA chuyên dùng Chính phủ G2,O=Ban Cơ yếu Chính phủ,C=VN', '2048-08-14', BUILTIN_CERTIFICATES[0].sha256.toUpperCase()]);

    expect(jsonLines(saoy(['trust', 'list', '--json', '--legacy-trust']).stdout).map((l) => l.sha256)).toEqual(pins(['vgca', 'neac', 'neac-tsa', 'legacy']));
    const none = saoy(['trust', 'list', '--json', '--no-builtin-trust']);
    expect(none.status).toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/no trust anchors/);
    const user = jsonLines(saoy(['trust', 'list', '--json', '--no-builtin-trust', '--trust', rootPem]).stdout);
    expect(user.map((l) => l.list)).toEqual(['user']);
    // Intermediates are not anchors: they are not listed.
    expect(jsonLines(saoy(['trust', 'list', '--json', '--no-builtin-trust', '--intermediate', caPem]).stdout)).toEqual([]);
  });

  it('refuses bad trust input with one line', () => {
    const r = saoy(['trust', 'list', '--trust', join(dir, 'missing.pem')]);
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/missing\.pem" does not exist/);
    const bad = join(dir, 'bad.pem');
    writeFileSync(bad, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    const r2 = saoy(['verify', leafOnlyPdf, '--intermediate', bad]);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toMatch(/^saoy: error: intermediate certificate file ".*bad\.pem" is not a readable certificate/);
  });

  it('the look-alike hierarchy is not trusted by the built-in lists', () => {
    const r = saoy(['verify', '--json', leafOnlyPdf, '--intermediate', caPem]);
    expect(r.status).toBe(2);
    const rep = JSON.parse(r.stdout);
    expect(rep.verdict).toBe('indeterminate');
    for (const s of rep.signatures) expect(s.reasons.map((x: { code: string }) => x.code)).toContain('CHAIN_UNTRUSTED');
  });

  it('--intermediate completes a chain that omits its issuing CA; it never acts as an anchor', () => {
    const without = JSON.parse(saoy(['verify', '--json', leafOnlyPdf, '--trust', rootPem]).stdout);
    expect(without.verdict).toBe('indeterminate');
    expect(without.signatures[0].reasons.map((x: { code: string }) => x.code)).toContain('CHAIN_UNTRUSTED');

    const r = saoy(['verify', '--json', leafOnlyPdf, '--trust', rootPem, '--intermediate', caPem]);
    const rep = JSON.parse(r.stdout);
    expect(rep.signatures.map((s: { trusted: boolean; trustList: string }) => [s.trusted, s.trustList])).toEqual([[true, 'user'], [true, 'user']]);
    expect(rep.signatures[0].chain.map((c: { commonName: string }) => c.commonName)).toEqual(['Lê Thị Thu Hà', 'CA phục vụ các cơ quan Nhà nước G2', 'RootCA chuyên dùng Chính phủ G2']);

    // The root offered only as an intermediate trusts nothing.
    const asIntermediate = JSON.parse(saoy(['verify', '--json', leafOnlyPdf, '--intermediate', caPem, '--intermediate', rootPem, '--no-builtin-trust']).stdout);
    expect(asIntermediate.verdict).toBe('indeterminate');
    expect(asIntermediate.signatures.every((s: { trusted: boolean }) => !s.trusted)).toBe(true);

    const human = saoy(['verify', leafOnlyPdf, '--trust', rootPem, '--intermediate', caPem]);
    expect(human.stdout).toMatch(/trust list: anchor given by the user \(--trust\)/);
  });
});
