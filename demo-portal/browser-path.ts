/**
 * Which Chromium or Chrome the tests, `npm start` and the bench drive: the one place that decides, in the same
 * order as scripts/setup-system.sh. SAOY_BROWSER (a path, or "none") wins; CHROMIUM_PATH is its older name.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export const DEFAULT_BROWSER = '/usr/bin/chromium';
const ON_PATH = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser to launch, or undefined when there is none (or SAOY_BROWSER names one that does not run). */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const asked = env.SAOY_BROWSER || env.CHROMIUM_PATH;
  if (asked) return asked !== 'none' && executable(asked) ? asked : undefined;
  if (executable(DEFAULT_BROWSER)) return DEFAULT_BROWSER;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of ON_PATH) if (executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** What to launch: the browser found, else the default path (so a missing browser is named in the error). */
export function browserPath(env: NodeJS.ProcessEnv = process.env): string {
  return findBrowser(env) ?? (env.SAOY_BROWSER && env.SAOY_BROWSER !== 'none' ? env.SAOY_BROWSER : DEFAULT_BROWSER);
}
