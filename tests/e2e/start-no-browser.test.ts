/** `npm start` on a machine without any browser: it still serves the portal, says where, and exits 0. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/tools.js';
import { ensureExtensionBuilt } from './helpers.js';

describe('npm start without a browser', () => {
  it('serves the demo portal, prints its address and the built extension, exits 0', () => {
    ensureExtensionBuilt();
    const r = spawnSync(process.execPath, [join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, SAOY_BROWSER: 'none', CI: 'true' },
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^demo portal: http:\/\/127\.0\.0\.1:\d+\/$/m);
    expect(r.stdout).toContain(`built extension: ${join(repoRoot, 'dist/chrome')}`);
    expect(r.stdout).toMatch(/no Chromium or Chrome found/);
    expect(r.stdout).toMatch(/the portal answered, stopping/);
  }, 150_000);
});
