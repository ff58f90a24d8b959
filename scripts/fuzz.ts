/**
 * `npx tsx scripts/fuzz.ts [--count N] [--seed S] [--only I] [--hang-ms MS] [--out DIR]`
 *
 * Mutates signed e-copies with a seeded PRNG (byte flips, insert/delete, truncation, duplicated ranges, spliced
 * revisions of two copies, digits changed in ByteRange/xref; engine in tests/verify/mutate.ts), runs verifyPdf on
 * each with a timer, and reports crashes (an exception), hangs (> 1 s) and failures (a mutation that changed a
 * signed byte but is still `valid`). Findings are written to DIR (default test-output/fuzz/). The seed copies are
 * made afresh each run (new keys, same layout), so `--seed S --only I` replays mutation I (same kind and offsets)
 * on equivalent bytes; the written file is the exact one. Exit 0 when clean, 1 on any finding. A watchdog thread
 * kills the run (exit 137) if one verification never returns (default after 60 s, --watchdog-ms).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { createNodeDigester } from '../cli/node-digester.js';
import { verifyPdf } from '../core/verify/index.js';
import { describeFinding, makeFuzzSeeds, runFuzz, summaryLine } from '../tests/verify/mutate.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    only: { type: 'string' },
    'hang-ms': { type: 'string', default: '1000' },
    'watchdog-ms': { type: 'string', default: '60000' },
    out: { type: 'string', default: 'test-output/fuzz' },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
const hangMillis = Number(values['hang-ms']);
if (!Number.isSafeInteger(count) || count < 0 || !Number.isSafeInteger(seed)) {
  console.error('usage: npx tsx scripts/fuzz.ts [--count N] [--seed S] [--only I] [--hang-ms MS] [--out DIR]');
  process.exit(2);
}

// Watchdog: the main thread publishes the index being verified; if it does not move for watchdog-ms, a
// synchronous hang is blocking the event loop and only another thread can say so.
const beat = new Int32Array(new SharedArrayBuffer(4));
Atomics.store(beat, 0, -1);
const watchdog = new Worker(
  `const { workerData } = require('node:worker_threads');
   const fs = require('node:fs');
   const { beat, limit, seed } = workerData;
   let last = -1, since = Date.now();
   setInterval(() => {
     const i = Atomics.load(beat, 0);
     if (i !== last) { last = i; since = Date.now(); return; }
     if (i >= 0 && Date.now() - since > limit) {
       fs.writeSync(2, 'fuzz: HANG — mutation #' + i + ' (seed ' + seed + ') has not returned after ' + limit + ' ms; replay with --seed ' + seed + ' --only ' + i + '\\n');
       process.kill(process.pid, 'SIGKILL');
     }
   }, 250);`,
  { eval: true, workerData: { beat, limit: Number(values['watchdog-ms']), seed } },
);
watchdog.unref();

const t0 = Date.now();
const seeds = await makeFuzzSeeds();
for (const s of seeds) {
  const r = await verifyPdf(s.bytes, { trustAnchors: s.trustAnchors }, { createDigester: createNodeDigester });
  if (r.verdict !== 'valid') {
    console.error(`fuzz: seed copy ${s.name} is not valid (${r.verdict}: ${r.reasons.map((x) => x.code).join(', ')}); the failure check would be meaningless`);
    process.exit(1);
  }
}
console.log(`fuzz: ${seeds.length} seed copies ready in ${Date.now() - t0} ms (${seeds.map((s) => `${s.name} ${s.bytes.length} B`).join(', ')})`);

let lastReport = Date.now();
const result = await runFuzz({
  seeds,
  count,
  seed,
  hangMillis,
  only: values.only === undefined ? undefined : Number(values.only),
  verify: (bytes, s) => verifyPdf(bytes, { trustAnchors: s.trustAnchors }, { createDigester: createNodeDigester }),
  onStart: (i) => {
    Atomics.store(beat, 0, i);
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      console.log(`fuzz: … ${i}/${count}`);
    }
  },
  onDone: () => Atomics.store(beat, 0, -1),
});

const findings = [
  ...result.crashes.map((f) => ['crash', f] as const),
  ...result.hangs.map((f) => ['hang', f] as const),
  ...result.failures.map((f) => ['failure', f] as const),
];
if (findings.length) {
  mkdirSync(values.out!, { recursive: true });
  for (const [what, f] of findings) {
    const file = join(values.out!, `seed${seed}-${f.index}-${what}.pdf`);
    writeFileSync(file, f.bytes);
    console.log(`${what.toUpperCase()} ${describeFinding(f)}\n  → ${file}`);
  }
}
console.log(`fuzz: mutations by kind ${Object.entries(result.kinds).map(([k, n]) => `${k}=${n}`).join(' ')}`);
console.log(summaryLine(result));
await watchdog.terminate();
process.exit(findings.length ? 1 : 0);
