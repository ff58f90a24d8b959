/** `npm start` serves the verify page for phones next to the demo portal and prints its address. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/tools.js';
import { ensureExtensionBuilt } from './helpers.js';
import { ensureWebBuilt } from './web-helpers.js';

describe('npm start and the verify page for phones', () => {
  it('prints the page\'s address and serves it (checked by the script itself) before exiting 0', () => {
    ensureExtensionBuilt();
    ensureWebBuilt();
    const r = spawnSync(process.execPath, [join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, SAOY_BROWSER: 'none', CI: 'true' },
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const portal = r.stdout.match(/^demo portal: (http:\/\/127\.0\.0\.1:\d+)\/$/m)?.[1];
    expect(portal).toBeDefined();
    expect(r.stdout).toContain(`verify page for phones ("Kiểm tra trên điện thoại"), works offline once opened: ${portal}/web/`);
    expect(r.stdout).toMatch(/the portal answered, stopping/);
  }, 150_000);
});
