/**
 * `saoy verify` over many files uses a worker-thread pool (cli/verify-pool.ts): same reports, same order, same
 * exit code as one thread. Inputs mix valid, tampered, missing and non-PDF files so order mistakes show.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/pki.js';
import { assertTools, ensureCliBuilt, saoy, skipWithout } from '../helpers/tools.js';
import { fillPlaceholder, makeToolPki, opensslCms, placeholderPdf, type ToolPki } from './rw/tools-pdf.js';

const skip = skipWithout('openssl');
const temp = makeTempDir('saoy-cli-parallel-');
let pki: ToolPki;
const files: string[] = [];

const strip = (out: string) => out.trim().split('\n').map((l) => l.replace(/"checkedAt":"[^"]*"/, ''));

describe.skipIf(skip)('saoy verify on many files', () => {
  beforeAll(() => {
    assertTools('openssl');
    ensureCliBuilt();
    pki = makeToolPki(temp.dir, 'rsa');
    for (let i = 0; i < 24; i++) {
      const pdf = fillPlaceholder(placeholderPdf(), (d) => opensslCms(pki, d, ['-md', 'sha256']));
      if (i % 7 === 3) pdf[Buffer.from(pdf).indexOf('Ban sao')] ^= 1; // tampered: invalid
      const f = join(temp.dir, `f${i}.pdf`);
      writeFileSync(f, i % 11 === 5 ? Buffer.from('not a pdf') : pdf);
      files.push(i === 17 ? join(temp.dir, 'missing.pdf') : f);
    }
  }, 120_000);

  it('gives the same reports in input order with 3 threads as with 1, and uses worker threads', () => {
    const one = saoy(['verify', '--json', '--trust', pki.rootPem, ...files], { SAOY_VERIFY_THREADS: '1' });
    const three = saoy(['verify', '--json', '--trust', pki.rootPem, ...files], { SAOY_VERIFY_THREADS: '3', SAOY_VERIFY_DEBUG: '1' });
    expect(three.status).toBe(one.status);
    expect(one.status).toBe(1);
    expect(strip(three.stdout)).toEqual(strip(one.stdout));
    const lines = three.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; verdict: string });
    expect(lines.map((l) => l.file)).toEqual(files);
    expect(lines.map((l) => l.verdict)).toEqual(files.map((_, i) => (i === 17 || i % 11 === 5 ? 'error' : i % 7 === 3 ? 'invalid' : 'valid')));
    // Some files were verified by worker threads (thread ids > 0), not all on the main thread.
    expect(three.stderr).toMatch(/verify pool: thread [1-9]\d* verified file \d+/);
    expect(three.stderr).not.toMatch(/Error|at .*\.js:\d+/);
  });

  it('prints human-readable reports in the same order and keeps the exit code', () => {
    const one = saoy(['verify', '--trust', pki.rootPem, ...files.slice(0, 6)], { SAOY_VERIFY_THREADS: '1' });
    const two = saoy(['verify', '--trust', pki.rootPem, ...files.slice(0, 6)], { SAOY_VERIFY_THREADS: '2' });
    expect(two.stdout).toBe(one.stdout);
    expect(two.status).toBe(one.status);
  });
});
