/** `saoy trust list [--json]`: every trust anchor `saoy verify` would use with the same flags, one per line. */
import { parseArgs } from 'node:util';
import { BUILTIN_LISTS } from '../../core/pki/trust-builtin.js';
import { CliError } from '../fail.js';
import { anchorLines, cliTrust, TRUST_OPTIONS } from '../trust-options.js';
import { trustUsage } from '../usage.js';

export async function trustCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, ...TRUST_OPTIONS },
  });
  if (positionals.length !== 1 || positionals[0] !== 'list') throw new CliError(`usage: ${trustUsage}`);
  const lines = await anchorLines(await cliTrust(values));
  for (const a of lines) {
    if (values.json) {
      process.stdout.write(`${JSON.stringify(a)}\n`);
      continue;
    }
    const name = BUILTIN_LISTS.find((l) => l.id === a.list)?.en ?? (a.list === 'user' ? 'User (--trust)' : a.list);
    process.stdout.write(`${name}\t${a.subject}\t${a.notAfter.slice(0, 10)}\t${a.sha256.toUpperCase()}\n`);
  }
  if (lines.length === 0) process.stderr.write('no trust anchors: every signature would be indeterminate\n');
  return 0;
}
