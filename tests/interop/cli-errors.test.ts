import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPkcs12 } from '../../core/signers/pkcs12.js';
import { makeJpeg, NOT_SUPPORTED } from '../helpers/images.js';
import { exportPkcs8, makeLeaf, makeRoot } from '../helpers/pki.js';
import { ensureCliBuilt, saoy } from '../helpers/tools.js';

/** Bad input: one clear English line on stderr, a non-zero exit, never a stack trace. */
describe('saoy certify refuses bad input with one clear line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saoy-cli-errors-'));
  const env = { SAOY_P12_PASSWORD: 'demo' };
  const img = join(dir, 'ok.jpg');
  let good: string;
  let noKeyUsage: string;
  let expired: string;

  beforeAll(async () => {
    ensureCliBuilt();
    writeFileSync(img, makeJpeg(400, 500, { dpi: 150 }));
    const root = await makeRoot();
    const p12 = async (name: string, leaf: Awaited<ReturnType<typeof makeLeaf>>) => {
      const path = join(dir, name);
      writeFileSync(path, await createPkcs12({ pkcs8: await exportPkcs8(leaf.keys.privateKey), certificates: [leaf.certificate, root.certificate], password: 'demo' }));
      return path;
    };
    good = await p12('good.p12', await makeLeaf(root));
    noKeyUsage = await p12('no-ku.p12', await makeLeaf(root, { keyUsage: ['keyEncipherment'] }));
    const past = Date.now() - 400 * 86_400_000;
    expired = await p12('expired.p12', await makeLeaf(root, { notBefore: new Date(past), notAfter: new Date(past + 30 * 86_400_000) }));
  });

  const base = (p12: string, image = img) => [
    'certify', '--image', image, '--doc-name', 'Giấy khai sinh', '--cert-no', '7', '--book', '01/2026-SCT/BS',
    '--office', 'UBND xã Demo, tỉnh Thanh Hóa', '--certifier-p12', p12, '-o', join(dir, 'out.pdf'),
  ];

  function expectOneLine(r: ReturnType<typeof saoy>, pattern: RegExp) {
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.length, r.stderr).toBe(1);
    expect(lines[0]).toMatch(/^saoy: error: /);
    expect(lines[0]).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at |Error:|TypeError|node:internal/);
  }

  it('certifies when the input is fine (control)', () => {
    const r = saoy(base(good), env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('corrupt JPEG', () => {
    const bad = join(dir, 'corrupt.jpg');
    writeFileSync(bad, makeJpeg(400, 500).subarray(0, 300));
    expectOneLine(saoy(base(good, bad), env), /corrupt\.jpg/);
  });

  for (const [kind, make] of Object.entries(NOT_SUPPORTED)) {
    it(`${kind.toUpperCase()} image`, () => {
      const bad = join(dir, `scan.${kind}`);
      writeFileSync(bad, make());
      expectOneLine(saoy(base(good, bad), env), /only JPEG and PNG/i);
    });
  }

  it('missing image file', () => {
    expectOneLine(saoy(base(good, join(dir, 'nope.jpg')), env), /does not exist/);
  });

  it('wrong .p12 password', () => {
    expectOneLine(saoy(base(good), { SAOY_P12_PASSWORD: 'wrong' }), /wrong password/i);
  });

  it('password variable not set', () => {
    expectOneLine(saoy([...base(good), '--password-env', 'SAOY_UNSET_VARIABLE_X']), /SAOY_UNSET_VARIABLE_X/);
  });

  it('certificate without digitalSignature or nonRepudiation', () => {
    expectOneLine(saoy(base(noKeyUsage), env), /key usage/i);
  });

  it('expired certificate', () => {
    expectOneLine(saoy(base(expired), env), /expired/i);
  });

  for (const opt of ['--doc-name', '--cert-no', '--book', '--office', '--certifier-p12']) {
    it(`missing required ${opt}`, () => {
      const args = base(good);
      const i = args.indexOf(opt);
      args.splice(i, 2);
      expectOneLine(saoy(args, env), new RegExp(opt));
    });
  }

  it('empty required value', () => {
    const args = base(good);
    args[args.indexOf('--doc-name') + 1] = '   ';
    expectOneLine(saoy(args, env), /--doc-name/);
  });

  it('unknown option and bad date', () => {
    // An unknown option: one line of ours, then the command's usage (tests/interop/cli-help.test.ts).
    const unknown = saoy([...base(good), '--colour', 'red'], env);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.split('\n')[0]).toBe('saoy: error: unknown option --colour for "saoy certify"');
    expect(unknown.stderr.split('\n')[1]).toMatch(/^usage: saoy certify /);
    expectOneLine(saoy([...base(good), '--date', '2026-13-45'], env), /--date/);
  });

  it('a date other than today (Vietnam time) is refused: no backdating, no postdating', () => {
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const r = saoy([...base(good), '--date', '2020-01-02'], env);
    expectOneLine(r, new RegExp(`--date 2020-01-02 refused: a copy is dated the day it is signed, today ${today}`));
    expectOneLine(saoy([...base(good), '--date', '2999-01-02'], env), /refused/);
  });

  it('offices: district level refused for today\'s copies, unknown kind refused, structured flags accepted', () => {
    const args = base(good);
    args[args.indexOf('--office') + 1] = 'UBND phường Trường Thi, thành phố Thanh Hóa, tỉnh Thanh Hóa';
    expectOneLine(saoy(args, env), /districts were abolished on 2025-07-01/);
    const kinds = base(good);
    kinds[kinds.indexOf('--office') + 1] = 'Hạc Thành';
    expectOneLine(saoy([...kinds, '--office-kind', 'huyện', '--province', 'Thanh Hóa'], env), /--office-kind must be xã, phường or đặc khu/);
    expectOneLine(saoy([...kinds, '--office-kind', 'phường'], env), /missing --province/);
    expectOneLine(saoy(kinds, env), /missing --office-kind/);
    const ok = saoy([...kinds, '--office-kind', 'phường', '--province', 'Thanh Hóa'], env);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
  });

  it('--paper: the listed sizes only; a chosen size makes the page that size', () => {
    expectOneLine(saoy([...base(good), '--paper', 'b5'], env), /--paper must be one of a4, a5, letter, id-card, passport, dpi/);
    const args = base(good);
    const out = join(dir, 'id-card.pdf');
    args[args.indexOf('-o') + 1] = out;
    const r = saoy([...args, '--paper', 'id-card'], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const info = spawnSync('pdfinfo', ['-f', '1', '-l', '1', out], { encoding: 'utf8' });
    expect(info.status, 'pdfinfo (poppler-utils) is needed').toBe(0);
    expect(info.stdout).toMatch(/Page\s+1 size:\s+153\.07\d* x 242\.6[45]\d* pts/); // 54 × 85.6 mm, portrait photo
  });

  it('signature and seal images: PNG/JPEG within the cap only', () => {
    const gif = join(dir, 'sig.gif');
    writeFileSync(gif, Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'));
    expectOneLine(saoy([...base(good), '--signature-image', gif], env), /--signature-image .*PNG or JPEG/);
    const big = join(dir, 'big.jpg');
    writeFileSync(big, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(300 * 1024)]));
    expectOneLine(saoy([...base(good), '--signature-image', big], env), /at most 256 KB/);
    expectOneLine(saoy([...base(good), '--seal-image', join(dir, 'missing.png')], env), /does not exist/);
  });

  it('garbage instead of a .p12', () => {
    const bad = join(dir, 'garbage.p12');
    writeFileSync(bad, 'not a pkcs12 file at all');
    expectOneLine(saoy(base(bad), env), /PKCS#12/);
  });
});
