/**
 * Stopping synchronous parsing from outside (issue 12, cross-tab fairness): the parser calls its `interrupt` every
 * INTERRUPT_EVERY work units, and an error it throws ends the parse at once, whatever the parser was doing. Before,
 * a worker told to stop could only be terminated, and Chromium lets a terminated worker still running script go on
 * for up to 2 s: a flood's stopped jobs kept the CPU from the tab they were stopped for.
 */
import { describe, expect, it } from 'vitest';
import { SaoyError } from '../../../core/errors.js';
import { parsePdf } from '../../../core/pdf/parse/index.js';
import { Budget, INTERRUPT_EVERY, resolveLimits } from '../../../core/pdf/parse/limits.js';
import { slowPdf } from '../../e2e/flood-files.js';

const many = slowPdf(20_000);

describe('the parser’s interrupt', () => {
  it('is called every INTERRUPT_EVERY work units, and not at all before the first INTERRUPT_EVERY', () => {
    let calls = 0;
    const budget = new Budget(resolveLimits(), () => calls++);
    budget.tick(INTERRUPT_EVERY - 1);
    expect(calls).toBe(0);
    budget.tick();
    expect(calls).toBe(1);
    budget.tick(INTERRUPT_EVERY - 1);
    expect(calls).toBe(1);
    budget.tick();
    expect(calls).toBe(2);
    // One big tick counts once, and the next call is a whole interval after it.
    budget.tick(10 * INTERRUPT_EVERY);
    expect(calls).toBe(3);
    budget.tick(INTERRUPT_EVERY - 1);
    expect(calls).toBe(3);
    budget.tick();
    expect(calls).toBe(4);
  });

  it('is called all through the parse of a file of many objects, and leaves its result unchanged', async () => {
    let calls = 0;
    const watched = await parsePdf(many, undefined, () => calls++);
    const plain = await parsePdf(many);
    expect(calls).toBe(Math.floor(watched.stepsUsed / INTERRUPT_EVERY));
    expect(calls).toBeGreaterThan(10);
    expect(watched.stepsUsed).toBe(plain.stepsUsed);
    expect([...watched.objectTable().keys()]).toEqual([...plain.objectTable().keys()]);
    expect(watched.anomalies).toEqual(plain.anomalies);
  });

  it('ends the parse with the error it throws, at the call that threw (not at the end of the file)', async () => {
    const stop = new Error('stop now');
    let calls = 0;
    const parse = parsePdf(many, undefined, () => {
      calls++;
      if (calls === 3) throw stop;
    });
    await expect(parse).rejects.toBe(stop);
    expect(calls).toBe(3);
  });

  it('a PDF_LIMIT thrown by it passes every catch of the parser as a limit (the code verifyPdf relies on)', async () => {
    const limit = new SaoyError('PDF_LIMIT', 'stopped', 'dừng');
    await expect(parsePdf(many, undefined, () => { throw limit; })).rejects.toBe(limit);
  });

  it('reaches later reads too: objects parsed after the parse tick the same budget', async () => {
    let armed = false;
    const pdf = await parsePdf(many, undefined, () => {
      if (armed) throw new Error('late stop');
    });
    armed = true;
    // Reading every object costs far more than INTERRUPT_EVERY units.
    expect(() => {
      for (const num of pdf.objectTable().keys()) pdf.getObject(num);
    }).toThrow('late stop');
  });
});
