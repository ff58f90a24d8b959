import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const inCI = process.env.CI === 'true';

export function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

/**
 * Whether a test group needing these external tools should be skipped. Under CI=true nothing is
 * skipped: a missing tool must fail the run, so callers also call `assertTools` in beforeAll.
 */
export function skipWithout(...tools: string[]): boolean {
  const missing = tools.filter((t) => !hasTool(t));
  if (missing.length && !inCI) {
    console.warn(`skipping: missing ${missing.join(', ')} (install them; under CI=true this fails)`);
    return true;
  }
  return false;
}

export function assertTools(...tools: string[]): void {
  const missing = tools.filter((t) => !hasTool(t));
  if (missing.length) throw new Error(`required tool(s) missing: ${missing.join(', ')}`);
}

export function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string | Uint8Array } = {}): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...opts.env }, input: opts.input, maxBuffer: 64 << 20 });
}

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const saoyBin = fileURLToPath(new URL('../../bin/saoy.mjs', import.meta.url));

const cliBundle = fileURLToPath(new URL('../../dist/cli/saoy.mjs', import.meta.url));

/** The newest modification time among the sources the CLI bundle is built from. */
function newestCliSource(): number {
  let newest = 0;
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(join(repoRoot, 'cli'));
  walk(join(repoRoot, 'core'));
  walk(join(repoRoot, 'native-host'));
  for (const f of ['vite.cli.config.ts', 'package.json', 'bin/saoy.mjs', 'extension/shared/native-protocol.ts']) newest = Math.max(newest, statSync(join(repoRoot, f)).mtimeMs);
  return newest;
}

/** Missing, or older than a source under cli/ or core/ (a developer ran vitest directly after a change). */
export function cliBundleIsStale(): boolean {
  return !existsSync(cliBundle) || statSync(cliBundle).mtimeMs < newestCliSource();
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * The CLI bundle is what users run: (re)build it when it is missing or stale. Test files run in parallel
 * processes, so one builds while the others wait on a lock directory (vite empties dist/cli first).
 */
export function ensureCliBuilt(): void {
  if (!cliBundleIsStale()) return;
  const lock = join(tmpdir(), `saoy-build-cli-${Buffer.from(repoRoot).toString('hex').slice(-40)}.lock`);
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const held = statSync(lock, { throwIfNoEntry: false });
      // A lock older than any build is left over from a killed run.
      if (held && Date.now() - held.mtimeMs > 5 * 60_000) rmdirSync(lock);
      else if (Date.now() > deadline) throw new Error('timed out waiting for another test process to build the CLI');
      else sleep(200);
    }
  }
  try {
    if (cliBundleIsStale()) execFileSync('npm', ['run', 'build:cli'], { cwd: repoRoot, stdio: 'ignore' });
  } finally {
    rmdirSync(lock);
  }
}

export function saoy(args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return run(process.execPath, [saoyBin, ...args], { env });
}
