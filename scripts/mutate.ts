/**
 * `npm run mutate [-- TARGET...]`: StrykerJS mutation testing of the code where a surviving bug is a security or
 * data-loss bug. A TARGET is a folder or a file (default: all of TARGETS below, one after the other). Each target
 * gets its own HTML report, test-output/mutation/<target>.html, and its own incremental file next to it, so a
 * re-run only re-tests mutants whose code or covering tests changed. Not part of `npm test` (minutes per folder).
 * MUTATE_TIMEOUT_MS (default 15000) is the time after which a mutant counts as an endless loop (killed).
 * MUTATE_CONCURRENCY (default 2) sets the number of parallel test runners; the machine may be shared.
 * MUTATE_OUT (default test-output/mutation) is where reports and incremental files go.
 * MUTATE_TESTS (comma-separated globs) runs only those test files: do a module's own unit tests kill its mutants?
 * A TARGET may also be several files or folders joined by commas, measured in one run (one dry run instead of one per
 * file); MUTATE_NAME then names its report and incremental file.
 * MUTATE_ISOLATE=0 runs the test files of one test run in one process, each from a fresh registry of our own modules
 * (tests/helpers/fresh-modules.ts): about 2.3× faster for the PKI tests (vitest's forks each re-imported pkijs).
 * MUTATE_COVERAGE (default perTest) is Stryker's coverageAnalysis: `all` runs every selected test against every
 * mutant (slower, but immune to per-test coverage being attributed to the wrong test).
 *
 * No TypeScript checker: the repo uses TypeScript 7 (the native compiler), whose npm package exposes no compiler
 * API, and @stryker-mutator/typescript-checker needs that API. Mutants that do not type-check therefore run as
 * tests too (vitest strips types); they are killed or survive like any other, never counted as compile errors.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { Stryker } from '@stryker-mutator/core';
import type { MutantResult, PartialStrykerOptions } from '@stryker-mutator/api/core';
import { EQUIVALENT, type Equivalent } from './mutate-equivalent.js';

const TARGETS = [
  'core/book',
  'extension/shared/messages.ts',
  'core/verify',
  'core/pki',
  'core/cms',
  'core/store/book.ts',
  'core/store/book-ledger.ts',
  'core/store/book-tx.ts',
  'core/store/book-keys.ts',
  'core/store/copies.ts',
  'extension/background',
];

function globsFor(target: string): string[] {
  if (target.includes(',')) return target.split(',').flatMap(globsFor);
  const clean = target.replace(/\/+$/, '');
  if (!existsSync(clean)) throw new Error(`no such file or folder: ${clean}`);
  // Generated data (the built-in certificates as PEM text) is not code: mutating its strings says nothing.
  return statSync(clean).isDirectory() ? [`${clean}/**/*.ts`, `!${clean}/**/*.generated.ts`] : [clean];
}

const reportName = (target: string) => (target.includes(',') ? process.env.MUTATE_NAME ?? 'group' : target).replace(/\/+$/, '').replace(/\.ts$/, '').replace(/[/\\]/g, '-');

const OUT = process.env.MUTATE_OUT ?? 'test-output/mutation';

async function mutate(target: string): Promise<number | undefined> {
  const name = reportName(target);
  const options: PartialStrykerOptions = {
    mutate: globsFor(target),
    testRunner: 'vitest',
    plugins: ['@stryker-mutator/vitest-runner'],
    vitest: { configFile: 'vitest.stryker.config.ts', related: true },
    coverageAnalysis: (process.env.MUTATE_COVERAGE ?? 'perTest') as 'perTest' | 'all' | 'off',
    ...(process.env.MUTATE_TESTS ? { testFiles: process.env.MUTATE_TESTS.split(',') } : {}),
    concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 2),
    incremental: true,
    incrementalFile: `${OUT}/${name}.incremental.json`,
    reporters: ['html', 'clear-text', 'progress'],
    htmlReporter: { fileName: `${OUT}/${name}.html` },
    clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
    ignorePatterns: ['dist', 'test-output', 'bench-output', 'demo-output', '.stryker-tmp'],
    tempDirName: '.stryker-tmp',
    // Stryker rewrites tsconfig `extends`/`references` in the sandbox through the TypeScript API, which TS 7 lacks;
    // ours has neither, so point it at a file that does not exist and the rewrite is skipped.
    tsconfigFile: 'tsconfig.stryker-absent.json',
    cleanTempDir: true,
    // Stryker would add `// @ts-nocheck` to every source file in its sandbox, for type checkers we do not use (vitest
    // strips types); a test comparing the generated trust data with its PEM files then failed in the dry run.
    disableTypeChecks: false,
    // A mutant that loops forever is caught after this (plus 1.5 × the tests' own time); counted as killed. Generous:
    // on a loaded machine a normal run can take seconds, and a false timeout would count a survivor as killed.
    timeoutMS: Number(process.env.MUTATE_TIMEOUT_MS ?? 15_000),
    ignoreStatic: (process.env.MUTATE_COVERAGE ?? 'perTest') === 'perTest',
    // Equivalent mutants: scripts/mutate-equivalent.ts (one reason each), or in the source with
    // `// Stryker disable next-line <mutator>: <reason>`.
  };
  const results = await new Stryker(options).runMutationTest();
  const equivalent = results.filter((r) => (r.status === 'Survived' || r.status === 'NoCoverage') && equivalentOf(r));
  const counted = results.filter((r) => r.status !== 'Ignored' && r.status !== 'CompileError' && !equivalent.includes(r));
  const killed = counted.filter((r) => r.status === 'Killed' || r.status === 'Timeout').length;
  const survivors = counted.filter((r) => r.status === 'Survived' || r.status === 'NoCoverage');
  const where = (r: MutantResult) => `${relative(process.cwd(), r.fileName)}:${r.location.start.line}`;
  console.log(`\n${target}: ${killed}/${counted.length} killed (${counted.length ? ((100 * killed) / counted.length).toFixed(1) : '-'} %), ${equivalent.length} equivalent`);
  for (const r of survivors) console.log(`  ${r.status === 'Survived' ? 'survived' : 'no coverage'} ${where(r)} ${r.mutatorName}: ${(r.replacement ?? '').replace(/\s+/g, ' ')}`.slice(0, 200));
  for (const r of equivalent) console.log(`  equivalent ${where(r)} ${r.mutatorName}: ${equivalentOf(r)?.reason}`);
  mkdirSync(OUT, { recursive: true });
  const summary = { target, killed, total: counted.length, equivalent: equivalent.length, survivors: survivors.map((r) => `${where(r)} ${r.status} ${r.mutatorName}: ${(r.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80)}`) };
  writeFileSync(`${OUT}/${name}.summary.json`, `${JSON.stringify(summary, null, 2)}\n`);
  return counted.length ? (100 * killed) / counted.length : undefined;
}

const sources = new Map<string, string>();

/** The code a mutant replaced, read from the file (report locations: lines and columns from 1). */
function originalOf(r: MutantResult): string {
  let text = sources.get(r.fileName);
  if (text === undefined) sources.set(r.fileName, (text = readFileSync(r.fileName, 'utf8')));
  const lines = text.split('\n');
  const { start, end } = r.location;
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  return [lines[start.line - 1].slice(start.column - 1), ...lines.slice(start.line, end.line - 1), lines[end.line - 1].slice(0, end.column - 1)].join('\n');
}

function equivalentOf(r: MutantResult): Equivalent | undefined {
  const file = relative(process.cwd(), r.fileName);
  return EQUIVALENT.find((e) => e.file === file && e.mutator === r.mutatorName && e.replacement === r.replacement && e.original === originalOf(r));
}

const targets = process.argv.slice(2).filter((a) => a !== '--');
for (const target of targets.length ? targets : TARGETS) await mutate(target);
