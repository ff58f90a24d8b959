/**
 * `saoy native-host install|uninstall [--browser chrome|chromium|firefox] [--user-data-dir DIR] [--module PATH]`
 * registers saoy's token host with a browser; `saoy native-host serve` is what the browser runs (stdin/stdout).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NATIVE_HOST_NAME } from '../../extension/shared/native-protocol.js';
import { CliError } from '../fail.js';
import { nativeHostUsage } from '../usage.js';
import { type BrowserName, BROWSERS, hostManifest, launcherScript, manifestDir, registryKey } from './native-host-manifest.js';

export async function nativeHostCommand(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  if (action === 'serve') {
    // stdout belongs to the framing from here on: nothing else may print.
    const { runHost } = await import('../../native-host/host.js');
    return runHost(rest, process.stdin, process.stdout, { configuredModule: process.env.SAOY_PKCS11_MODULE || undefined });
  }
  if (action !== 'install' && action !== 'uninstall') throw new CliError(`usage: ${nativeHostUsage}`);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { browser: { type: 'string', multiple: true }, 'user-data-dir': { type: 'string' }, module: { type: 'string' } },
  });
  if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"; usage: ${nativeHostUsage}`);
  const browsers = (values.browser ?? ['chrome', 'chromium', 'firefox']).map((b) => {
    if (!(BROWSERS as readonly string[]).includes(b)) throw new CliError(`--browser must be chrome, chromium or firefox, got "${b}"`);
    return b as BrowserName;
  });
  const userDataDir = values['user-data-dir'] !== undefined ? resolve(values['user-data-dir']) : undefined;
  if (userDataDir !== undefined && browsers.includes('firefox')) throw new CliError('--user-data-dir is a Chromium profile directory: use it with --browser chrome or chromium');
  if (values.module !== undefined && !existsSync(values.module)) throw new CliError(`--module ${values.module}: no such file`);
  const platform = process.platform;
  for (const browser of browsers) {
    const dir = manifestDir(browser, platform, userDataDir);
    const manifestPath = join(dir, `${NATIVE_HOST_NAME}.json`);
    const launcher = join(dir, platform === 'win32' ? 'saoy-token-host.cmd' : 'saoy-token-host');
    if (action === 'uninstall') {
      rmSync(manifestPath, { force: true });
      rmSync(launcher, { force: true });
      if (platform === 'win32') spawnSync('reg', ['delete', registryKey(browser), '/f'], { stdio: 'ignore' });
      process.stdout.write(`${browser}: removed ${manifestPath}\n`);
      continue;
    }
    mkdirSync(dir, { recursive: true });
    const entry = realpathSync(process.argv[1]);
    writeFileSync(launcher, launcherScript(platform, process.execPath, entry, values.module && resolve(values.module)));
    if (platform !== 'win32') chmodSync(launcher, 0o755);
    writeFileSync(manifestPath, `${JSON.stringify(hostManifest(browser, launcher), null, 2)}\n`);
    if (platform === 'win32') {
      const r = spawnSync('reg', ['add', registryKey(browser), '/ve', '/t', 'REG_SZ', '/d', manifestPath, '/f'], { stdio: 'ignore' });
      if (r.status !== 0) throw new CliError(`could not write the registry key ${registryKey(browser)}`);
    }
    process.stdout.write(`${browser}: installed ${manifestPath}\n`);
  }
  return 0;
}
