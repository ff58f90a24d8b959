/**
 * The README works as written: its command-line examples (the ```sh blocks between the readme-cli markers) run in
 * order, as one shell script, in a scratch directory that looks like a fresh clone after `npm install`; and its
 * "What is here" table names every folder of the repository and nothing that does not exist.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/pki.js';
import { ensureCliBuilt, repoRoot } from '../helpers/tools.js';

// stdin from /dev/null: Debian's bash reads ~/.bashrc when stdin is a socket (as Node's pipes are), thinking sshd ran it.
const sh = (cmd: string, args: string[], cwd: string) =>
  spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

function cliExamples(): string {
  const section = /<!-- readme-cli:start -->([\s\S]*?)<!-- readme-cli:end -->/.exec(readme)?.[1];
  if (!section) throw new Error('README.md has no readme-cli markers');
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
}

describe('README', () => {
  it('the command-line examples run in order on a fresh clone and write only into saoy-work/', () => {
    ensureCliBuilt();
    const script = cliExamples();
    expect(script).toMatch(/approve saoy-work\/pending\.pdf/);
    expect(script).not.toMatch(/<[a-z.]+>/); // no unmarked placeholder in a runnable block
    const t = makeTempDir('saoy-readme-');
    try {
      // A clone after `npm install` and `npm run build:cli` (the build itself is not repeated here).
      for (const entry of ['bin', 'dist', 'node_modules', 'scripts', 'tests', 'core', 'cli', 'package.json', 'tsconfig.json']) {
        symlinkSync(join(repoRoot, entry), join(t.dir, entry));
      }
      const body = script.replace(/^npm run build:cli\n/m, '');
      const r = sh('bash', ['-c', `set -euo pipefail\n${body}`], t.dir);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/saoy-work\/copy\.pdf: Valid copy/);
      expect(r.stdout).toMatch(/saoy-work\/approved\.pdf: Bản sao hợp lệ|saoy-work\/approved\.pdf: .*[Hh]ợp lệ/);
      expect(r.stdout).toMatch(/certified e-copy no\. 01 of book 01\/\d{4}-SCT\/BS/);
      expect(r.stdout).toMatch(/intact, 2 record\(s\), 1 number\(s\)/);
      expect(r.stdout).toMatch(/closed — Khóa sổ cuối năm/);
      const made = readdirSync(t.dir).filter((f) => !['bin', 'dist', 'node_modules', 'scripts', 'tests', 'core', 'cli', 'package.json', 'tsconfig.json'].includes(f));
      expect(made).toEqual(['saoy-work']);
      for (const f of ['copy.pdf', 'pending.pdf', 'approved.pdf', 'copy-01.pdf', 'book.xlsx', 'print.html', 'book/book.jsonl']) {
        expect(existsSync(join(t.dir, 'saoy-work', f)), f).toBe(true);
      }
    } finally {
      t.cleanup();
    }
  }, 240_000);

  it('saoy-work/ is ignored by git', () => {
    expect(sh('git', ['check-ignore', '-q', 'saoy-work/copy.pdf'], repoRoot).status).toBe(0);
  });

  it('"What is here" names every folder (and core\'s) and only folders that exist', () => {
    const table = /## What is here\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
    // Row by row: folders in the first cell are paths from the root; folders in the second cell are inside the
    // row's first folder (e.g. `background/` in the `extension/` row).
    const named = new Set<string>();
    for (const row of table.split('\n').filter((l) => l.startsWith('| `'))) {
      const [, first, second] = row.split(' | ').length > 1 ? ['', ...row.slice(2).split(' | ')] : ['', '', ''];
      const dirs = (cell: string) => [...cell.matchAll(/`([.\w-]+(?:\/[\w-]+)*)\/`/g)].map((m) => m[1]);
      const base = dirs(first);
      for (const d of base) named.add(d);
      for (const d of dirs(second ?? '')) named.add(d.startsWith(`${base[0]}/`) ? d : `${base[0]}/${d}`);
    }
    const tracked = sh('git', ['ls-files'], repoRoot).stdout.split('\n').filter(Boolean);
    const top = new Set(tracked.filter((f) => f.includes('/')).map((f) => f.split('/')[0]));
    const core = new Set(tracked.filter((f) => f.startsWith('core/') && f.split('/').length > 2).map((f) => f.split('/').slice(0, 2).join('/')));
    for (const d of [...top, ...core]) expect(named.has(d), `README "What is here" misses ${d}/`).toBe(true);
    for (const d of named) expect(existsSync(join(repoRoot, d)) && statSync(join(repoRoot, d)).isDirectory(), `README names ${d}/, which does not exist`).toBe(true);
  });
});
