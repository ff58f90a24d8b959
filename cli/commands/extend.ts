import { parseArgs } from 'node:util';
import { renewalStatus } from '../../core/ltv/renewal.js';
import { CliError } from '../fail.js';
import { readInput, writeOutput } from '../files.js';
import { extendNotes, extendToLevel, LTV_OPTIONS, parseLevel } from '../ltv-options.js';
import { parseTsaUrl, tsaTimestamper } from '../tsa-client.js';
import { extendUsage } from '../usage.js';

/**
 * `saoy extend`: a signed PDF (saoy's or anyone's) gains long-term validation data (B-LT) and a document timestamp
 * (B-LTA); `--renew` adds a new document timestamp when the newest one's TSA certificate expires within N months.
 */
export async function extendCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...LTV_OPTIONS,
      'tsa-url': { type: 'string' },
      renew: { type: 'boolean', default: false },
      months: { type: 'string' },
      output: { type: 'string', short: 'o' },
    },
  });
  const input = positionals[0];
  if (!input || positionals.length > 1) throw new CliError(`usage: ${extendUsage}`);
  if (!values.output) throw new CliError('missing required option --output (-o)');
  if (values.months !== undefined && !values.renew) throw new CliError('--months only applies with --renew');
  const months = values.months === undefined ? 12 : Number(values.months);
  if (!Number.isInteger(months) || months < 0 || months > 600) throw new CliError(`--months must be a whole number of months (0-600), got "${values.months}"`);
  const hasTsa = values['tsa-url'] !== undefined;
  if (!values.level && !values.renew) throw new CliError('missing required option --level (B-LT or B-LTA)');
  const level = values.renew ? parseLevel(values.level ?? 'B-LTA', hasTsa, ['B-LTA'], false) : parseLevel(values.level, hasTsa, ['B-LT', 'B-LTA'], false);
  if (level !== 'B-LT' && level !== 'B-LTA') throw new CliError('--level must be B-LT or B-LTA');
  const timestamp = hasTsa ? tsaTimestamper(parseTsaUrl(values['tsa-url'] as string)) : undefined;
  const pdf = await readInput(input, 'input PDF');

  if (values.renew) {
    const status = await renewalStatus(pdf, months);
    const until = status.expires ? status.expires.toISOString().slice(0, 10) : undefined;
    if (!status.due) {
      process.stdout.write(`${input}: not due for renewal: the newest timestamp (${status.newestField}) is covered until ${until}, more than ${months} month(s) away; nothing written\n`);
      return 0;
    }
    process.stdout.write(`${input}: ${status.newestField ? `the newest timestamp (${status.newestField}) is covered until ${until}` : 'no timestamp yet'}; renewing\n`);
  }
  const r = await extendToLevel(pdf, level, values, timestamp);
  await writeOutput(values.output, r.bytes);
  for (const line of extendNotes(r)) process.stdout.write(`${line}\n`);
  process.stdout.write(`${values.output}: extended to PAdES ${level} (${r.bytes.length - pdf.length} bytes added)\n`);
  return 0;
}
