import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync } from 'node:fs';
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

/** The CLI bundle is what users run; build it once if a developer runs vitest directly. */
export function ensureCliBuilt(): void {
  if (!existsSync(fileURLToPath(new URL('../../dist/cli/saoy.mjs', import.meta.url)))) {
    execFileSync('npm', ['run', 'build:cli'], { cwd: repoRoot, stdio: 'ignore' });
  }
}

export function saoy(args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return run(process.execPath, [saoyBin, ...args], { env });
}
