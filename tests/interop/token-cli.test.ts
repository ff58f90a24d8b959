/**
 * `saoy certify` / `saoy approve` signing with keys that live on a PKCS#11 token (SoftHSM2, keys generated on the
 * token by OpenSC's pkcs11-tool, certificates from the test PKI): the copies are checked by pdfsig (poppler/NSS)
 * and by `saoy verify`; a wrong PIN fails in one line with no output file.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeJpeg } from '../helpers/images.js';
import { makeTestToken, type TestToken, TOKEN_TOOLS } from '../helpers/token.js';
import { assertTools, ensureCliBuilt, run, saoy, skipWithout } from '../helpers/tools.js';

const TOOLS = [...TOKEN_TOOLS, 'pdfsig', 'certutil'];

describe.skipIf(skipWithout(...TOOLS))('saoy certify/approve with a PKCS#11 token', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saoy-token-cli-'));
  const nssDb = `sql:${join(dir, 'nss')}`;
  let token: TestToken;
  let env: NodeJS.ProcessEnv;
  let image: string;
  const common = ['--doc-name', 'Giấy khai sinh', '--book', '01/2026-SCT/BS', '--office-kind', 'phường', '--office', 'Hạc Thành', '--province', 'Thanh Hóa'];

  beforeAll(async () => {
    assertTools(...TOOLS);
    ensureCliBuilt();
    token = await makeTestToken();
    env = { ...token.env, SAOY_TOKEN_PIN: token.pin };
    image = join(dir, 'page.jpg');
    writeFileSync(image, makeJpeg(620, 820, { dpi: 150 }));
    run('mkdir', ['-p', join(dir, 'nss')]);
    expect(run('certutil', ['-N', '-d', nssDb, '--empty-password']).status).toBe(0);
    expect(run('certutil', ['-A', '-d', nssDb, '-n', 'saoy-token-root', '-t', 'CT,C,C', '-i', token.rootPem]).status).toBe(0);
  });
  afterAll(() => token?.remove());

  const tokenFlags = (role: 'certifier' | 'authority', keyLabel: string) =>
    role === 'certifier'
      ? ['--certifier-pkcs11', token.module, '--token-label', token.label, '--key-label', keyLabel]
      : ['--authority-pkcs11', token.module, '--authority-key-label', keyLabel];

  const pdfsigValid = (file: string, signatures: number): string[] => {
    const r = run('pdfsig', ['-nssdir', nssDb, file]);
    expect(r.status, r.stderr).toBe(0);
    const sigs = r.stdout.split(/^Signature #\d+:/m).slice(1);
    expect(sigs.length).toBe(signatures);
    for (const s of sigs) {
      expect(s).toContain('Signature Validation: Signature is Valid.');
      expect(s).toContain('Certificate Validation: Certificate is Trusted.');
    }
    return sigs;
  };

  const saoyValid = (file: string, keys: string[]): void => {
    const r = saoy(['verify', '--json', '--no-builtin-trust', '--trust', token.rootPem, file]);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    writeFileSync(join(dir, 'last-report.json'), r.stdout);
    expect(report.verdict, r.stdout.slice(-3000)).toBe('valid');
    expect(report.signatures.map((s: { keyAlgorithm: string }) => s.keyAlgorithm)).toEqual(keys);
    expect(r.status).toBe(0);
  };

  it('certifier RSA-2048 and authority ECDSA P-256, both on the token, in one certify', () => {
    const out = join(dir, 'both.pdf');
    const r = saoy(['certify', '--image', image, ...common, '--cert-no', '11', ...tokenFlags('certifier', 'certifier-rsa'), ...tokenFlags('authority', 'certifier-ec'), '-o', out], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('signed by Nguyễn Văn Token (TEST) and Trần Thị Token (TEST)');
    pdfsigValid(out, 2);
    saoyValid(out, ['RSA-2048', 'EC-P256']);
  });

  it('certify with the ECDSA key, then approve with the RSA key through --authority-pkcs11', () => {
    const pending = join(dir, 'pending.pdf');
    const final = join(dir, 'approved.pdf');
    const c = saoy(['certify', '--image', image, ...common, '--cert-no', '12', ...tokenFlags('certifier', 'certifier-ec'), '-o', pending], env);
    expect(c.stderr).toBe('');
    expect(c.status).toBe(0);
    const a = saoy(['approve', pending, '--authority-pkcs11', token.module, '--token-label', token.label, '--key-label', 'certifier-rsa', '-o', final], env);
    expect(a.stderr).toBe('');
    expect(a.status).toBe(0);
    pdfsigValid(final, 2);
    saoyValid(final, ['EC-P256', 'RSA-2048']);
  });

  it('a wrong PIN: non-zero exit, one clear line, no stack trace, no output file', () => {
    const out = join(dir, 'wrong-pin.pdf');
    const r = saoy(['certify', '--image', image, ...common, '--cert-no', '13', ...tokenFlags('certifier', 'certifier-rsa'), '-o', out], { ...env, SAOY_TOKEN_PIN: '000000' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toBe('saoy: error: certifier token: logging in to the token: wrong PIN (CKR_PIN_INCORRECT)\n');
    expect(r.stderr).not.toContain('000000');
    expect(existsSync(out)).toBe(false);
  });

  it('the key without a certificate, an ambiguous token, a missing PIN variable: one line each', () => {
    const base = ['certify', '--image', image, ...common, '--cert-no', '14', '-o', join(dir, 'x.pdf')];
    const bare = saoy([...base, '--certifier-pkcs11', token.module, '--token-label', token.label, '--key-label', 'no-cert'], env);
    expect(bare.stderr).toBe('saoy: error: certifier token: the key "no-cert" has no certificate on the token\n');
    const many = saoy([...base, '--certifier-pkcs11', token.module, '--token-label', token.label], env);
    expect(many.stderr).toMatch(/^saoy: error: certifier token: several keys on token "saoy-test"; choose one with --key-label \(certifier-(rsa|ec), certifier-(rsa|ec)\)\n$/);
    const noPin = saoy([...base, ...tokenFlags('certifier', 'certifier-rsa'), '--pin-env', 'SAOY_NO_SUCH_PIN'], token.env);
    expect(noPin.stderr).toBe('saoy: error: certifier token: the PIN is not set: put it in the environment variable SAOY_NO_SUCH_PIN\n');
    const noToken = saoy([...base, '--certifier-pkcs11', token.module, '--token-label', 'absent'], env);
    expect(noToken.stderr).toBe('saoy: error: certifier token: no token labelled "absent" is plugged in\n');
    for (const r of [bare, many, noPin, noToken]) expect(r.status).toBe(1);
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
  });
});
