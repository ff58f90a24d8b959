/**
 * `npm start` with a browser, as a newcomer runs it: the demo sets up the clerk (keys, the book's structured office)
 * through the extension's own pages and the portal's badges read what the demo says they should. Guards the demo
 * script against UI changes (it once still filled the book's office as free text and died after the build).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/tools.js';
import { assertChromium, ensureExtensionBuilt, skipE2e } from './helpers.js';

const VERDICT_TEXT: Record<string, string> = {
  valid: 'Hợp lệ',
  invalid: 'Không hợp lệ',
  unsigned: 'Chưa ký',
  indeterminate: 'Chưa xác định được',
  error: 'Lỗi',
};

describe.skipIf(skipE2e())('npm start with a browser', () => {
  it('opens the book, shows every badge with its expected verdict, saves the screenshot, exits 0', () => {
    assertChromium();
    ensureExtensionBuilt();
    const r = spawnSync(process.execPath, [join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', DISPLAY: '' },
      timeout: 240_000,
    });
    expect(r.stderr).not.toMatch(/saoy demo failed/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/certification book opened/);
    const expected = [...r.stdout.matchAll(/^ {2}(valid|invalid|unsigned|indeterminate|error) +(\S+\.pdf) — /gm)].map((m) => ({ verdict: m[1], name: m[2] }));
    expect(expected.length).toBeGreaterThanOrEqual(8);
    const count = Number(/^(\d+) badges in \d+ ms:$/m.exec(r.stdout)?.[1]);
    expect(count).toBe(expected.length);
    // The badge list: the lines between "N badges in … ms:" and the screenshot line.
    const after = r.stdout.slice(r.stdout.search(/^\d+ badges in \d+ ms:$/m)).split('\n').slice(1);
    const badgeLines = after.slice(0, after.findIndex((l) => !l.startsWith('  ')));
    for (const { verdict, name } of expected) {
      const line = badgeLines.find((l) => l.trimEnd().endsWith(`/files/${name}`));
      expect(line, name).toBeDefined();
      const text = (line as string).trim();
      expect(text.startsWith(VERDICT_TEXT[verdict as string] as string), `${name}: ${text}`).toBe(true);
      // "Hợp lệ" must not be read into "Không hợp lệ" the other way round.
      if (verdict === 'valid') expect(text.startsWith('Không')).toBe(false);
    }
    expect(r.stdout).toMatch(/^screenshot: .*start-portal\.png$/m);
  }, 300_000);
});
