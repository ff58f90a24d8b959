/**
 * scripts/setup-system.sh: silent and quick when everything is there, names the one command when something is
 * missing and it may not install (SAOY_NO_INSTALL / --check), and lets the demo go on without a browser.
 * The browser lookup of demo-portal/browser-path.ts follows the same order.
 */
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BROWSER, findBrowser } from '../../../demo-portal/browser-path.js';
import { makeTempDir } from '../../helpers/pki.js';
import { repoRoot, run } from '../../helpers/tools.js';

const script = join(repoRoot, 'scripts/setup-system.sh');

/** A PATH holding only what the script itself needs (no pdfsig, qpdf, chromium…). */
function barePath(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  for (const c of ['sed', 'sort', 'id', 'printf']) {
    const found = run('sh', ['-c', `command -v ${c}`]).stdout.trim();
    symlinkSync(found, join(bin, c));
  }
  return bin;
}

const setup = (args: string[], env: NodeJS.ProcessEnv) => run('/bin/bash', [script, ...args], { env });

describe('scripts/setup-system.sh', () => {
  it('says nothing and succeeds when every tool is installed (this machine)', () => {
    const r = setup(['--check'], { SAOY_BROWSER: '' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('names the missing Debian packages and the one command to run, and fails, when it may not install', () => {
    const t = makeTempDir('saoy-setup-');
    try {
      const r = setup(['--for', 'test'], { PATH: barePath(t.dir), SAOY_NO_INSTALL: '1', SAOY_BROWSER: 'none' });
      expect(r.status).toBe(1);
      for (const pkg of ['poppler-utils', 'mupdf-tools', 'qpdf', 'openssl', 'libnss3-tools', 'softhsm2', 'opensc', 'unzip']) expect(r.stderr).toContain(pkg);
      expect(r.stderr).toMatch(/(su -c ')?(sudo )?apt-get update && (sudo )?apt-get install -y --no-install-recommends .*poppler-utils/);
      expect(r.stderr.trim().split('\n')).toHaveLength(2);
    } finally {
      t.cleanup();
    }
  });

  it('lets `npm start` go on without a browser, and makes `npm test` stop for one', () => {
    const start = setup(['--for', 'start'], { SAOY_BROWSER: 'none' });
    expect(start.status).toBe(0);
    expect(start.stderr).toMatch(/without opening one/);
    const test = setup(['--for', 'test'], { SAOY_BROWSER: '/nonexistent/chrome' });
    expect(test.status).toBe(1);
    expect(test.stderr).toMatch(/SAOY_BROWSER=\/nonexistent\/chrome is not an executable browser/);
  });

  it('refuses an unknown option', () => {
    const r = setup(['--bogus'], {});
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option --bogus/);
  });
});

describe('findBrowser (the one place tests and npm start take the browser from)', () => {
  it('takes SAOY_BROWSER when it runs, none when it does not or says "none"', () => {
    const t = makeTempDir('saoy-browser-');
    try {
      const fake = join(t.dir, 'my-chrome');
      writeFileSync(fake, '#!/bin/sh\n');
      chmodSync(fake, 0o755);
      expect(findBrowser({ SAOY_BROWSER: fake })).toBe(fake);
      expect(findBrowser({ SAOY_BROWSER: 'none' })).toBeUndefined();
      expect(findBrowser({ SAOY_BROWSER: join(t.dir, 'absent') })).toBeUndefined();
    } finally {
      t.cleanup();
    }
  });

  it('falls back to /usr/bin/chromium, then chromium, chromium-browser or google-chrome on PATH', () => {
    const t = makeTempDir('saoy-browser-');
    try {
      const chrome = join(t.dir, 'google-chrome');
      writeFileSync(chrome, '#!/bin/sh\n');
      chmodSync(chrome, 0o755);
      const found = findBrowser({ PATH: t.dir });
      // /usr/bin/chromium comes first when this machine has it (the default of the project's tests).
      expect(found).toBe(run('sh', ['-c', `test -x ${DEFAULT_BROWSER}`]).status === 0 ? DEFAULT_BROWSER : chrome);
    } finally {
      t.cleanup();
    }
  });
});
