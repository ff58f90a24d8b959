/**
 * `saoy book`: the certification book kept in a directory (cli/book-dir.ts): open, check, export (CSV, XLSX),
 * the monthly print, the year-end closing. Numbers are taken by `saoy certify --book-dir`.
 */
import { parseArgs } from 'node:util';
import { bookCsvBytes } from '../../core/book/export.js';
import { rowsOf } from '../../core/book/rows.js';
import { monthlyPrint, yearEndReason } from '../../core/book/totals.js';
import { bookXlsx } from '../../core/book/xlsx.js';
import { checkBook, closeBookDir, openBookDir, readBookFile, stateOf } from '../book-dir.js';
import { CliError } from '../fail.js';
import { writeOutput } from '../files.js';
import { HELP } from '../usage.js';
import { monthlyPrintHtml } from './book-print.js';

const todayInVietnam = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

function dirArg(positionals: string[], sub: string): string {
  if (positionals.length !== 1) throw new CliError(`"saoy book ${sub}" takes one directory\n${HELP.book}`);
  return positionals[0];
}

export async function bookCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'open':
      return open(rest);
    case 'check':
      return check(rest);
    case 'export':
      return exportBook(rest);
    case 'print':
      return print(rest);
    case 'close':
      return close(rest);
    default:
      throw new CliError(`${sub ? `unknown book command "${sub}"` : 'missing book command'}\n${HELP.book}`);
  }
}

async function open(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { office: { type: 'string' }, 'book-no': { type: 'string' }, year: { type: 'string' }, 'number-suffix': { type: 'string' } },
  });
  const dir = dirArg(positionals, 'open');
  const today = todayInVietnam();
  const year = values.year ?? today.slice(0, 4);
  if (!/^\d{4}$/.test(year)) throw new CliError(`--year must be a year like 2026, got "${year}"`);
  if (!values.office) throw new CliError('missing required option --office');
  if (!values['book-no']) throw new CliError('missing required option --book-no (e.g. 01/2026-SCT/BS)');
  const openedOn = year === today.slice(0, 4) ? today : `${year}-01-01`;
  const state = openBookDir(dir, { office: values.office, bookNo: values['book-no'], year: Number(year), numberSuffix: values['number-suffix'], openedOn });
  process.stdout.write(`${dir}: book ${state.config.bookNo} of ${state.config.office}, year ${state.config.year}, numbers from ${state.config.firstNumber}\n`);
  return 0;
}

async function check(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  const f = readBookFile(dirArg(positionals, 'check'));
  const c = checkBook(f);
  const state = stateOf(f);
  if (!c.ok) {
    for (const p of c.problems) process.stdout.write(`${p}\n`);
    process.stdout.write(`book ${state.config.bookNo}: NOT intact (${c.problems.length} problem(s))\n`);
    return 1;
  }
  const rows = rowsOf(f.records);
  process.stdout.write(
    `book ${state.config.bookNo}: intact, ${f.records.length} record(s), ${rows.length} number(s)` +
      `${state.head.closed ? ', closed' : ''}; head hash ${state.head.hash}\n`,
  );
  return 0;
}

async function exportBook(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { csv: { type: 'boolean' }, xlsx: { type: 'boolean' }, output: { type: 'string', short: 'o' } },
  });
  const dir = dirArg(positionals, 'export');
  if (Boolean(values.csv) === Boolean(values.xlsx)) throw new CliError(`choose one of --csv or --xlsx\n${HELP.book}`);
  const f = readBookFile(dir);
  const state = stateOf(f);
  const rows = rowsOf(f.records);
  const bytes = values.csv ? bookCsvBytes(state, rows) : bookXlsx(state, rows);
  if (values.output) {
    await writeOutput(values.output, bytes);
    process.stdout.write(`${values.output}: ${rows.length} row(s) of book ${state.config.bookNo}\n`);
  } else process.stdout.write(bytes);
  return 0;
}

async function print(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { month: { type: 'string' }, output: { type: 'string', short: 'o' } } });
  const dir = dirArg(positionals, 'print');
  const month = values.month;
  if (!month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new CliError('--month must be a month like 2026-03');
  const f = readBookFile(dir);
  const html = monthlyPrintHtml(monthlyPrint(stateOf(f), rowsOf(f.records), month, checkBook(f).report));
  if (values.output) {
    await writeOutput(values.output, html);
    process.stdout.write(`${values.output}: monthly print of ${month}\n`);
  } else process.stdout.write(html);
  return 0;
}

async function close(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { reason: { type: 'string' } } });
  const dir = dirArg(positionals, 'close');
  const a = await closeBookDir(dir, (state, rows) => (values.reason ? `${values.reason}. ` : '') + yearEndReason(state, rows), new Date());
  process.stdout.write(`${dir}: book ${a.state.config.bookNo} closed — ${a.record.kind === 'close' ? a.record.reason : ''}\n`);
  return 0;
}
