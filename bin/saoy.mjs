#!/usr/bin/env node
// Thin launcher: the CLI is built to dist/cli by `npm run build:cli`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const bundle = fileURLToPath(new URL('../dist/cli/saoy.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('saoy: the CLI is not built yet; run `npm run build:cli` first\n');
  process.exit(3);
}
await import(bundle);
