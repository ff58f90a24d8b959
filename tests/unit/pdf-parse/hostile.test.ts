import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SaoyError } from '../../../core/errors.js';
import { parsePdf } from '../../../core/pdf/parse/index.js';
import { buildPdf, concat, dec, enc, expectCode, flateStreamBody, prng, samplePdf } from './helpers.js';

/** 64 MiB of zeros compresses to ~64 KiB. */
const bomb = deflateSync(new Uint8Array(64 * 1024 * 1024));

async function parseOrSaoyError(bytes: Uint8Array): Promise<'ok' | string> {
  try {
    await parsePdf(bytes);
    return 'ok';
  } catch (e) {
    if (e instanceof SaoyError) return e.code;
    throw e;
  }
}

describe('limits', () => {
  it('rejects files above maxFileSize before reading them', async () => {
    await expectCode(parsePdf(await samplePdf(false), { maxFileSize: 100 }), 'PDF_LIMIT');
  });

  it('rejects a 50 MB buffer of zeros quickly', async () => {
    const zeros = new Uint8Array(50 * 1024 * 1024);
    let t0 = performance.now();
    await expectCode(parsePdf(zeros), 'PDF_NOT_PDF');
    expect(performance.now() - t0).toBeLessThan(2000);
    zeros.set(enc('%PDF-1.7\n'));
    t0 = performance.now();
    await expectCode(parsePdf(zeros), 'PDF_NO_STARTXREF');
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('rejects 100k levels of nesting in an object without overflowing the stack', async () => {
    const pdf = await parsePdf(
      buildPdf([{ num: 1, body: '<< /Type /Catalog /Deep 2 0 R >>' }, { num: 2, body: '['.repeat(100_000) + ']'.repeat(100_000) }], '<< /Size 3 /Root 1 0 R >>'),
    );
    await expectCode(() => pdf.getObject(2), 'PDF_LIMIT');
  });

  it('stops a Flate bomb in an object stream at the output cap', async () => {
    const body = concat(`<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`, bomb, '\nendstream');
    const bytes = buildPdf(
      [
        { num: 1, body: '<< /Type /Catalog >>' },
        { num: 3, body },
      ],
      '<< /Size 5 /Root 1 0 R >>',
    );
    // Make object 4 a compressed entry inside object 3 by appending an xref stream that says so.
    const s = dec(bytes);
    const xrefAt = s.length;
    const rows = Uint8Array.from([2, 0, 3, 0]);
    const xs = concat(`\n5 0 obj\n<< /Type /XRef /Size 6 /W [1 2 1] /Index [4 1] /Prev ${/startxref\n(\d+)/.exec(s)![1]} /Root 1 0 R /Length 4 >>\nstream\n`, rows, '\nendstream\nendobj\n');
    const file = concat(bytes, xs, `startxref\n${xrefAt + 1}\n%%EOF\n`);
    const t0 = performance.now();
    const e = await expectCode(parsePdf(file, { maxStreamBytes: 1024 * 1024 }), 'PDF_LIMIT');
    expect(e.message).toMatch(/inflates to more than/);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('stops a Flate bomb in decodeStream', async () => {
    const pdf = await parsePdf(
      buildPdf([{ num: 1, body: '<< /Type /Catalog >>' }, { num: 2, body: flateStreamBody('', new Uint8Array(8 * 1024 * 1024)) }], '<< /Size 3 /Root 1 0 R >>'),
    );
    const obj = pdf.getObject(2)!;
    if (obj.value.kind !== 'stream') throw new Error('stream expected');
    expect((await pdf.decodeStream(obj.value)).bytes.length).toBe(8 * 1024 * 1024);
    await expectCode(pdf.decodeStream(obj.value, 1024 * 1024), 'PDF_LIMIT');
  });

  it('stops on the total step budget', async () => {
    await expectCode(parsePdf(await samplePdf(false, 5), { maxSteps: 50 }), 'PDF_LIMIT');
  });

  it('refuses an xref subsection that claims more entries than the file can hold', async () => {
    const s = dec(buildPdf([{ num: 1, body: '<< /Type /Catalog >>' }], '<< /Size 2 /Root 1 0 R >>'));
    await expectCode(parsePdf(enc(s.replace('xref\n0 1\n', 'xref\n0 999999999\n'))), 'PDF_LIMIT');
    await expectCode(parsePdf(enc(s.replace('xref\n0 1\n', 'xref\n0 99999\n'))), 'PDF_BAD_XREF');
  });
});

describe('hostile input', () => {
  it('refuses every truncation of a valid file with a stated reason', async () => {
    for (const objectStreams of [false, true]) {
      const bytes = await samplePdf(objectStreams);
      const startxref = dec(bytes).lastIndexOf('startxref') + 'startxref'.length;
      const seen = new Set<string>();
      for (let n = 0; n < bytes.length; n += 7) {
        const r = await parseOrSaoyError(bytes.subarray(0, n));
        if (n < 5) expect(r, `cut at ${n}`).toBe('PDF_NOT_PDF');
        // Cut before its last startxref value, a file has lost its xref or trailer: refused, never half-parsed.
        else if (n <= startxref) expect(r, `cut at ${n}`).toMatch(/^PDF_(NO_STARTXREF|BAD_XREF|BAD_TRAILER)$/);
        else expect(r, `cut at ${n}`).toMatch(/^(ok|PDF_[A-Z_]+)$/);
        seen.add(r);
      }
      expect(await parseOrSaoyError(bytes)).toBe('ok');
      expect(seen).toContain('PDF_NO_STARTXREF');
    }
  });

  it('reads or refuses a body cut short under an intact tail, object by object', async () => {
    for (const objectStreams of [false, true]) {
      const bytes = await samplePdf(objectStreams);
      const text = dec(bytes);
      const tail = text.slice(text.lastIndexOf('startxref'));
      const outcomes = new Map<string, number>();
      for (let n = 9; n < bytes.length - tail.length; n += 11) {
        let outcome = await parseOrSaoyError(concat(bytes.subarray(0, n), '\n', tail));
        if (outcome === 'ok') {
          const pdf = await parsePdf(concat(bytes.subarray(0, n), '\n', tail));
          for (let num = 1; num < 12; num++) {
            try {
              pdf.getObject(num);
            } catch (e) {
              expect(e, `object ${num} of a file cut at ${n}`).toBeInstanceOf(SaoyError);
              outcome = 'ok, object refused';
            }
          }
        }
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
      for (const o of outcomes.keys()) expect(o).toMatch(/^(ok|ok, object refused|PDF_[A-Z_]+)$/);
      // The xref points past the end of a file cut short: some cuts must be refused outright.
      expect([...outcomes.keys()].some((o) => o.startsWith('PDF_')), JSON.stringify([...outcomes])).toBe(true);
    }
  });

  it('handles random garbage', async () => {
    const rand = prng(42);
    for (let i = 0; i < 300; i++) {
      const len = 32 + Math.floor(rand() * 4096);
      const bytes = Uint8Array.from({ length: len }, () => Math.floor(rand() * 256));
      if (i % 2) bytes.set(enc('%PDF-1.4\n'));
      if (i % 3 === 0) bytes.set(enc('\nstartxref\n9\n%%EOF'), Math.max(0, len - 20));
      await parseOrSaoyError(bytes);
    }
  });

  it('survives thousands of random byte mutations of valid files', async () => {
    const bases = [await samplePdf(false, 2), await samplePdf(true, 2)];
    const rand = prng(20260305);
    const tokens = ['obj', 'endobj', 'stream', 'endstream', 'R', '<<', '>>', '[', ']', '(', ')', '/Prev 0', '/Length 9 0 R', '999999999', '-1', 'xref', 'trailer', '%%EOF'];
    const outcomes = new Map<string, number>();
    let slowest = 0;
    for (let i = 0; i < 3000; i++) {
      const base = bases[i % 2];
      const bytes = base.slice();
      const edits = 1 + Math.floor(rand() * 4);
      let mutated: Uint8Array = bytes;
      for (let k = 0; k < edits; k++) {
        const at = Math.floor(rand() * mutated.length);
        const kind = rand();
        if (kind < 0.5) mutated[at] = Math.floor(rand() * 256);
        else if (kind < 0.7) mutated[at] = '0123456789 \n<>[]()/'.charCodeAt(Math.floor(rand() * 20));
        else if (kind < 0.85) mutated = concat(mutated.subarray(0, at), tokens[Math.floor(rand() * tokens.length)], mutated.subarray(at));
        else mutated = concat(mutated.subarray(0, at), mutated.subarray(Math.min(mutated.length, at + 1 + Math.floor(rand() * 16))));
      }
      const t0 = performance.now();
      let outcome: string;
      try {
        const pdf = await parsePdf(mutated);
        // Exercise lazy paths too: every object of every revision, and the scan.
        for (const rev of pdf.revisions) for (const num of pdf.objectTable(rev.index).keys()) pdf.getObject(num, rev.index);
        pdf.scanObjects();
        outcome = 'ok';
      } catch (e) {
        if (!(e instanceof SaoyError)) throw new Error(`mutation ${i}: ${String(e)}`, { cause: e });
        outcome = e.code;
      }
      const ms = performance.now() - t0;
      slowest = Math.max(slowest, ms);
      expect(ms, `mutation ${i}`).toBeLessThan(1000);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    console.log('mutation outcomes', Object.fromEntries(outcomes), `slowest ${slowest.toFixed(1)} ms`);
    expect(outcomes.get('ok')).toBeGreaterThan(100);
  });
});
