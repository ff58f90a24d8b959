/**
 * `npm run mutate [-- TARGET...]`: StrykerJS mutation testing of the code where a surviving bug is a security or
 * data-loss bug. A TARGET is a folder or a file (default: all of TARGETS below, one after the other). Each target
 * gets its own HTML report, test-output/mutation/<target>.html, and its own incremental file next to it, so a
 * re-run only re-tests mutants whose code or covering tests changed. Not part of `npm test` (minutes per folder).
 * MUTATE_CONCURRENCY (default 2) sets the number of parallel test runners; the machine may be shared.
 * MUTATE_OUT (default test-output/mutation) is where reports and incremental files go.
 *
 * No TypeScript checker: the repo uses TypeScript 7 (the native compiler), whose npm package exposes no compiler
 * API, and @stryker-mutator/typescript-checker needs that API. Mutants that do not type-check therefore run as
 * tests too (vitest strips types); they are killed or survive like any other, never counted as compile errors.
 */
import { existsSync, statSync } from 'node:fs';
import { Stryker } from '@stryker-mutator/core';
import type { PartialStrykerOptions } from '@stryker-mutator/api/core';

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
  const clean = target.replace(/\/+$/, '');
  if (!existsSync(clean)) throw new Error(`no such file or folder: ${clean}`);
  return statSync(clean).isDirectory() ? [`${clean}/**/*.ts`] : [clean];
}

const reportName = (target: string) => target.replace(/\/+$/, '').replace(/\.ts$/, '').replace(/[/\\]/g, '-');

const OUT = process.env.MUTATE_OUT ?? 'test-output/mutation';

async function mutate(target: string): Promise<number | undefined> {
  const name = reportName(target);
  const options: PartialStrykerOptions = {
    mutate: globsFor(target),
    testRunner: 'vitest',
    plugins: ['@stryker-mutator/vitest-runner'],
    vitest: { configFile: 'vitest.stryker.config.ts', related: true },
    coverageAnalysis: 'perTest',
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
    // A mutant that loops forever is caught after this (plus 1.5 × the tests' own time); counted as killed.
    timeoutMS: 4_000,
    ignoreStatic: true,
    // Equivalent mutants are marked in the source with `// Stryker disable next-line <mutator>: <reason>`.
  };
  const results = await new Stryker(options).runMutationTest();
  const counted = results.filter((r) => r.status !== 'Ignored' && r.status !== 'CompileError');
  const killed = counted.filter((r) => r.status === 'Killed' || r.status === 'Timeout').length;
  console.log(`\n${target}: ${killed}/${counted.length} killed (${counted.length ? ((100 * killed) / counted.length).toFixed(1) : '-'} %)`);
  for (const r of counted) {
    if (r.status === 'Survived' || r.status === 'NoCoverage') {
      console.log(`  ${r.status === 'Survived' ? 'survived' : 'no coverage'} ${r.fileName}:${r.location.start.line} ${r.mutatorName}: ${r.replacement ?? ''}`.slice(0, 200));
    }
  }
  return counted.length ? (100 * killed) / counted.length : undefined;
}

const targets = process.argv.slice(2).filter((a) => a !== '--');
for (const target of targets.length ? targets : TARGETS) await mutate(target);
