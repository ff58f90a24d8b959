import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeJpeg } from '../helpers/images.js';
import { rawSignatures } from '../helpers/pdf-signatures.js';
import { assertTools, ensureCliBuilt, run, saoy, skipWithout } from '../helpers/tools.js';

const TOOLS = ['pdfsig', 'mutool', 'qpdf', 'openssl', 'certutil'];
const env = { SAOY_P12_PASSWORD: 'demo' };

interface Made {
  name: string;
  final: string;
  pending: string;
  root: string;
  pages: number;
}

describe.skipIf(skipWithout(...TOOLS))('e-copies made by `saoy certify` pass independent verifiers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saoy-interop-'));
  const nssDb = `sql:${join(dir, 'nss')}`;
  const made: Made[] = [];

  beforeAll(() => {
    assertTools(...TOOLS);
    ensureCliBuilt();
    const images = [1, 2, 3].map((i) => {
      const p = join(dir, `page${i}.jpg`);
      writeFileSync(p, makeJpeg(600 + i * 10, 800, { dpi: 150 }));
      return p;
    });
    run('mkdir', ['-p', join(dir, 'nss')]);
    expect(run('certutil', ['-N', '-d', nssDb, '--empty-password']).status).toBe(0);
    for (const key of ['rsa', 'ecdsa'] as const) {
      const idDir = join(dir, `id-${key}`);
      const id = saoy(['demo-identity', idDir, '--certifier-key', key]);
      expect(id.stderr).toBe('');
      expect(id.status).toBe(0);
      expect(run('certutil', ['-A', '-d', nssDb, '-n', `saoy-demo-${key}`, '-t', 'CT,C,C', '-i', join(idDir, 'root.pem')]).status).toBe(0);
      for (const pages of [1, 3]) {
        const name = `${key}-${pages}p`;
        const pending = join(dir, `${name}-pending.pdf`);
        const final = join(dir, `${name}.pdf`);
        const common = ['--doc-name', 'Bằng tốt nghiệp đại học', '--cert-no', `${pages}5`, '--book', '01/2026-SCT/BS', '--office-kind', 'phường', '--office', 'Hạc Thành', '--province', 'Thanh Hóa', '--certifier-title', 'Công chức Tư pháp - Hộ tịch'];
        const imgs = images.slice(0, pages).flatMap((p) => ['--image', p]);
        const c = saoy(['certify', ...imgs, ...common, '--certifier-p12', join(idDir, 'certifier.p12'), '-o', pending], env);
        expect(c.stderr).toBe('');
        expect(c.status).toBe(0);
        const a = saoy(['approve', pending, '--authority-p12', join(idDir, 'authority.p12'), '-o', final], env);
        expect(a.stderr).toBe('');
        expect(a.status).toBe(0);
        made.push({ name, final, pending, root: join(idDir, 'root.pem'), pages });
      }
    }
  });

  it('made four copies (RSA/ECDSA certifier, 1 and 3 pages)', () => {
    expect(made.map((m) => m.name)).toEqual(['rsa-1p', 'rsa-3p', 'ecdsa-1p', 'ecdsa-3p']);
  });

  it('pdfsig: every signature valid and trusted with the demo root in an NSS database', () => {
    for (const m of made) {
      const r = run('pdfsig', ['-nssdir', nssDb, m.final]);
      expect(r.status, `${m.name}: ${r.stderr}`).toBe(0);
      const sigs = r.stdout.split(/^Signature #\d+:/m).slice(1);
      expect(sigs.length, m.name).toBe(2);
      for (const s of sigs) {
        expect(s, m.name).toContain('Signature Validation: Signature is Valid.');
        expect(s, m.name).toContain('Certificate Validation: Certificate is Trusted.');
        expect(s, m.name).toContain('ETSI.CAdES.detached');
      }
      expect(sigs[1], m.name).toContain('Total document signed');
    }
  });

  it('mutool sign -v agrees', () => {
    for (const m of made) {
      const r = run('mutool', ['sign', '-v', m.final]);
      expect(r.status, `${m.name}: ${r.stderr}`).toBe(0);
      const blocks = (r.stdout + r.stderr).split(/^Verifying signature \d+:/m).slice(1);
      expect(blocks.length, m.name).toBe(2);
      // The certifier's digest is intact; mutool (no allow-list) reports the authority's later revision as edits.
      expect(blocks[0]).toContain('The signature is valid but there have been edits since signing.');
      expect(blocks[1]).toContain('The document is unchanged since signing.');
      for (const b of blocks) {
        expect(b).toContain('Distinguished name: cn=');
        // mutool has no option to add a trust anchor: a private root can only be "self-signed in chain".
        const certLine = /Certificate error: (.*)/.exec(b)?.[1];
        if (certLine) expect(certLine).toBe('Self-signed certificate in chain.');
        expect(b).not.toMatch(/NOT valid|Digest error|digest failure/i);
      }
    }
  });

  it('qpdf --check finds no errors', () => {
    for (const m of made) {
      const r = run('qpdf', ['--check', m.final]);
      expect(r.status, `${m.name}: ${r.stdout}${r.stderr}`).toBe(0);
      expect(r.stdout).toContain('No syntax or stream encoding errors found');
    }
  });

  it('openssl cms -verify accepts each signature over its ByteRange bytes', () => {
    for (const m of made) {
      const sigs = rawSignatures(new Uint8Array(readFileSync(m.final)));
      expect(sigs.length).toBe(2);
      sigs.forEach((s, i) => {
        const sig = join(dir, `${m.name}-sig${i}.der`);
        const data = join(dir, `${m.name}-sig${i}.bin`);
        writeFileSync(sig, s.cms);
        writeFileSync(data, s.signedData);
        const r = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', sig, '-content', data, '-CAfile', m.root, '-purpose', 'any', '-out', '/dev/null']);
        expect(r.status, `${m.name} sig ${i}: ${r.stderr}`).toBe(0);
        expect(r.stderr).toContain('Verification successful');
      });
    }
  });

  it('the first signed revision is byte-identical before and after the authority signs', () => {
    for (const m of made) {
      const pending = readFileSync(m.pending);
      const final = readFileSync(m.final);
      expect(final.length).toBeGreaterThan(pending.length);
      expect(Buffer.compare(final.subarray(0, pending.length), pending)).toBe(0);
      const [first, second] = rawSignatures(new Uint8Array(final));
      // The certifier's ByteRange ends exactly where the pending file ended.
      expect(first.byteRange[2] + first.byteRange[3]).toBe(pending.length);
      expect(second.byteRange[2] + second.byteRange[3]).toBe(final.length);
    }
  });

  it('the same verifiers notice one flipped byte inside the signed range (the checks above can fail)', () => {
    const m = made[0];
    const bytes = readFileSync(m.final);
    const [first] = rawSignatures(new Uint8Array(bytes));
    const at = Math.floor(first.byteRange[1] / 2); // inside rev0, covered by both signatures
    bytes[at] ^= 0x01;
    const bad = join(dir, 'tampered.pdf');
    writeFileSync(bad, bytes);
    const p = run('pdfsig', ['-nssdir', nssDb, bad]);
    expect(p.stdout).not.toContain('Signature Validation: Signature is Valid.');
    const mu = run('mutool', ['sign', '-v', bad]);
    expect(mu.stdout + mu.stderr).not.toMatch(/The signature is valid|unchanged since signing/);
  });
});
