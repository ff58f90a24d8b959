/**
 * `npx tsx scripts/mutate-tally.ts FOLDER REPORT.incremental.json...`: the mutation score of every source file under
 * FOLDER, from the newest of the given Stryker incremental reports that measured the file as it is now. A file whose
 * every report saw other code is listed as "stale" with its last counts; a file no report measured, as "never".
 * Counts follow scripts/mutate.ts: killed and timed-out mutants are killed; survived and uncovered ones survive;
 * ignored ones and the named equivalents (scripts/mutate-equivalent.ts) are not counted. With `--lines`, each
 * file's row also gives the lines of its surviving mutants.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EQUIVALENT } from './mutate-equivalent.js';

interface Mutant {
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}
interface Report {
  files: Record<string, { source: string; mutants: Mutant[] }>;
}

const args = process.argv.slice(2).filter((a) => a !== '--');
const withLines = args.includes('--lines');
const [folder, ...reports] = args.filter((a) => a !== '--lines');
if (!folder || !reports.length) {
  console.error('usage: tsx scripts/mutate-tally.ts FOLDER REPORT.incremental.json...');
  process.exit(2);
}

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourcesUnder(path);
    return path.endsWith('.ts') && !path.endsWith('.generated.ts') ? [path] : [];
  });

/** The code a mutant replaced, cut from the source the report recorded. */
function original(source: string, m: Mutant): string {
  const lines = source.split('\n');
  const { start, end } = m.location;
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  return [lines[start.line - 1].slice(start.column - 1), ...lines.slice(start.line, end.line - 1), lines[end.line - 1].slice(0, end.column - 1)].join('\n');
}

// Newest report first: the first that saw the current source wins.
const loaded = reports.map((path) => ({ path, mtime: statSync(path).mtimeMs, report: JSON.parse(readFileSync(path, 'utf8')) as Report })).sort((a, b) => b.mtime - a.mtime);

let killedAll = 0;
let totalAll = 0;
const rows: string[] = [];
for (const file of sourcesUnder(folder).sort()) {
  const now = readFileSync(file, 'utf8');
  const seen = loaded.filter((l) => l.report.files[file]);
  const current = seen.find((l) => l.report.files[file].source === now);
  const used = current ?? seen[0];
  if (!used) {
    rows.push(`never     ${file}`);
    continue;
  }
  const { source, mutants } = used.report.files[file];
  let killed = 0;
  let total = 0;
  const lines = new Set<number>();
  for (const m of mutants) {
    if (m.status === 'Ignored' || m.status === 'CompileError') continue;
    const survived = m.status === 'Survived' || m.status === 'NoCoverage';
    if (survived && EQUIVALENT.some((e) => e.file === file && e.mutator === m.mutatorName && e.replacement === m.replacement && e.original === original(source, m))) continue;
    total++;
    if (!survived) killed++;
    else lines.add(m.location.start.line);
  }
  killedAll += killed;
  totalAll += total;
  const pct = total ? ((100 * killed) / total).toFixed(1) : '-';
  const at = withLines && lines.size ? ` survivors at lines ${[...lines].sort((a, b) => a - b).join(', ')}` : '';
  rows.push(`${current ? 'current' : 'stale  '}   ${file}: ${killed}/${total} (${pct} %) from ${used.path}${at}`);
}
for (const r of rows) console.log(r);
console.log(`${folder}: ${killedAll}/${totalAll} (${totalAll ? ((100 * killedAll) / totalAll).toFixed(1) : '-'} %)`);
