/**
 * Where each browser looks for saoy's native-messaging host manifest, and what the manifest says. Only our
 * extension is allowed: `allowed_origins` with the fixed Chromium ID, `allowed_extensions` with the Firefox ID.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ORIGIN, FIREFOX_EXTENSION_ID, NATIVE_HOST_NAME } from '../../extension/shared/native-protocol.js';

export type BrowserName = 'chrome' | 'chromium' | 'firefox';
export const BROWSERS: readonly BrowserName[] = ['chrome', 'chromium', 'firefox'];

export interface HostManifest {
  name: string;
  description: string;
  path: string;
  type: 'stdio';
  allowed_origins?: string[];
  allowed_extensions?: string[];
}

export function hostManifest(browser: BrowserName, launcher: string): HostManifest {
  const base = { name: NATIVE_HOST_NAME, description: 'saoy: ký bằng token USB (PKCS#11) / USB token signing', path: launcher, type: 'stdio' as const };
  return browser === 'firefox' ? { ...base, allowed_extensions: [FIREFOX_EXTENSION_ID] } : { ...base, allowed_origins: [CHROMIUM_ORIGIN] };
}

/**
 * The per-user manifest directory (Linux, macOS) — or, with a browser profile directory (`--user-data-dir`),
 * Chromium's per-profile NativeMessagingHosts folder. On Windows the manifest may live anywhere: the registry
 * key (registryKey) points at it.
 */
export function manifestDir(browser: BrowserName, platform: NodeJS.Platform, userDataDir?: string, home = homedir()): string {
  if (userDataDir !== undefined) return join(userDataDir, 'NativeMessagingHosts');
  if (platform === 'win32') return join(process.env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'saoy', 'native-host', browser);
  if (platform === 'darwin') {
    const support = join(home, 'Library', 'Application Support');
    return browser === 'chrome' ? join(support, 'Google', 'Chrome', 'NativeMessagingHosts')
      : browser === 'chromium' ? join(support, 'Chromium', 'NativeMessagingHosts')
      : join(support, 'Mozilla', 'NativeMessagingHosts');
  }
  return browser === 'chrome' ? join(home, '.config', 'google-chrome', 'NativeMessagingHosts')
    : browser === 'chromium' ? join(home, '.config', 'chromium', 'NativeMessagingHosts')
    : join(home, '.mozilla', 'native-messaging-hosts');
}

/** Windows: HKCU key whose default value is the manifest's path. */
export function registryKey(browser: BrowserName): string {
  const vendor = browser === 'chrome' ? 'Google\\Chrome' : browser === 'chromium' ? 'Chromium' : 'Mozilla';
  return `HKCU\\Software\\${vendor}\\NativeMessagingHosts\\${NATIVE_HOST_NAME}`;
}

const shQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The program the browser starts: node running saoy's `native-host serve`, passing the caller's arguments on. */
export function launcherScript(platform: NodeJS.Platform, node: string, saoyEntry: string, module?: string): string {
  if (platform === 'win32') {
    const env = module ? `@set "SAOY_PKCS11_MODULE=${module}"\r\n` : '';
    return `@echo off\r\n${env}@"${node}" "${saoyEntry}" native-host serve %*\r\n`;
  }
  const env = module ? `SAOY_PKCS11_MODULE=${shQuote(module)} ` : '';
  return `#!/bin/sh\n# saoy token host, written by "saoy native-host install"\n${env}exec ${shQuote(node)} ${shQuote(saoyEntry)} native-host serve "$@"\n`;
}
