/**
 * core/verify/checks/timestamp-poe.ts: which document timestamp proves a revision existed, when a TSA chain stops
 * vouching, and where a signature's ByteRange ends (the order signatures are checked in). Pure: certificates made
 * in-process with fixed validity ends, PDF dictionaries built by hand.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfInt, pdfName, type PdfDict, type PdfValue } from '../../../core/pdf/parse/objects.js';
import { byteRangeEnd, chainValidUntil, expiredInChain, firstSpanEnd, isDocTimestampReport, ProofOfExistence } from '../../../core/verify/checks/timestamp-poe.js';
import type { SignatureReport } from '../../../core/verify/report.js';
import { makeLeaf, makeRoot, type TestIdentity } from '../../helpers/pki.js';

const T0 = Date.UTC(2030, 0, 1);
const DAY = 86_400_000;
const at = (days: number) => new Date(T0 + days * DAY);

function docTs(revision: number | undefined, time: string | undefined, over: Partial<SignatureReport> = {}): SignatureReport {
  return {
    fieldName: 'ts', subFilter: 'ETSI.RFC3161', chain: [], indication: 'PASSED', intact: true, valid: true, trusted: true,
    coverage: 'ENTIRE_FILE', modificationLevel: 'NONE', modifications: [], reasons: [], signedRevision: revision, timestampTime: time, ...over,
  };
}

describe('ProofOfExistence', () => {
  it('a revision is proven by the earliest validated document timestamp of a LATER revision only', () => {
    const poe = new ProofOfExistence();
    poe.record(docTs(3, '2030-03-01T00:00:00.000Z'));
    poe.record(docTs(5, '2030-02-01T00:00:00.000Z'));
    poe.record(docTs(7, '2030-04-01T00:00:00.000Z'));
    expect(poe.after(1)?.toISOString()).toBe('2030-02-01T00:00:00.000Z');
    expect(poe.after(3)?.toISOString()).toBe('2030-02-01T00:00:00.000Z');
    expect(poe.after(5)?.toISOString()).toBe('2030-04-01T00:00:00.000Z');
    expect(poe.after(6)?.toISOString()).toBe('2030-04-01T00:00:00.000Z');
    expect(poe.after(7)).toBeUndefined();
  });

  it('records only document timestamps that PASSED, with a revision and a time', () => {
    const poe = new ProofOfExistence();
    poe.record(docTs(4, '2030-01-01T00:00:00.000Z', { subFilter: 'ETSI.CAdES.detached' }));
    poe.record(docTs(4, '2030-01-02T00:00:00.000Z', { indication: 'INDETERMINATE' }));
    poe.record(docTs(4, '2030-01-03T00:00:00.000Z', { indication: 'FAILED' }));
    poe.record(docTs(undefined, '2030-01-04T00:00:00.000Z'));
    poe.record(docTs(4, undefined));
    expect(poe.after(1)).toBeUndefined();
    poe.record(docTs(4, '2030-01-05T00:00:00.000Z'));
    expect(poe.after(1)?.toISOString()).toBe('2030-01-05T00:00:00.000Z');
  });

  it('a timestamp at revision 0 proves nothing for revision 0 itself', () => {
    const poe = new ProofOfExistence();
    poe.record(docTs(0, '2030-01-05T00:00:00.000Z'));
    expect(poe.after(0)).toBeUndefined();
    expect(poe.after(-1)?.toISOString()).toBe('2030-01-05T00:00:00.000Z');
  });

  it('isDocTimestampReport: only ETSI.RFC3161', () => {
    expect(isDocTimestampReport({ subFilter: 'ETSI.RFC3161' })).toBe(true);
    expect(isDocTimestampReport({ subFilter: 'ETSI.CAdES.detached' })).toBe(false);
    expect(isDocTimestampReport({ subFilter: undefined })).toBe(false);
  });
});

describe('expiredInChain and chainValidUntil', () => {
  let root: TestIdentity;
  let tsa: TestIdentity;
  beforeAll(async () => {
    root = await makeRoot({ key: 'ECDSA-P256', notBefore: at(-10), notAfter: at(20) });
    tsa = await makeLeaf(root, { key: 'ECDSA-P256', notBefore: at(-5), notAfter: at(30), subject: { commonName: 'TSA one' } });
  });

  it('the leaf expired by the time: named with its notAfter; at its very notAfter it still counts', () => {
    const chain = [tsa.certificate, root.certificate];
    expect(expiredInChain(chain, true, at(30))).toBeUndefined();
    const e = expiredInChain(chain, true, new Date(at(30).getTime() + 1000));
    expect(e?.name).toBe('TSA one');
    expect(e?.notAfter.toISOString()).toBe(at(30).toISOString());
  });

  it('a trusted chain leaves its anchor out; an untrusted one (or a lone certificate) checks every certificate', () => {
    const chain = [tsa.certificate, root.certificate];
    // The root expires at day 20, the TSA at 30.
    expect(expiredInChain(chain, true, at(25))).toBeUndefined();
    expect(expiredInChain(chain, false, at(25))?.name).toBe('saoy TEST Root CA');
    expect(expiredInChain([root.certificate], true, at(25))?.name).toBe('saoy TEST Root CA');
    expect(expiredInChain([], false, at(100))).toBeUndefined();
  });

  it('a longer trusted chain leaves out only its anchor: an expired intermediate still counts', async () => {
    const ca = await makeLeaf(root, { key: 'ECDSA-P256', isCA: true, keyUsage: ['keyCertSign'], notBefore: at(-5), notAfter: at(12), subject: { commonName: 'TSA CA' } });
    const leaf = await makeLeaf(ca, { key: 'ECDSA-P256', notBefore: at(-5), notAfter: at(30), subject: { commonName: 'TSA two' } });
    const chain = [leaf.certificate, ca.certificate, root.certificate];
    expect(expiredInChain(chain, true, at(15))?.name).toBe('TSA CA');
    expect(chainValidUntil(chain, true)?.toISOString()).toBe(at(12).toISOString());
    // Without the intermediate's end, the root (left out) would not count either: the leaf's end.
    expect(chainValidUntil([leaf.certificate, root.certificate], true)?.toISOString()).toBe(at(30).toISOString());
  });

  it('chainValidUntil: the earliest notAfter, anchor left out when trusted', () => {
    const chain = [tsa.certificate, root.certificate];
    expect(chainValidUntil(chain, true)?.toISOString()).toBe(at(30).toISOString());
    expect(chainValidUntil(chain, false)?.toISOString()).toBe(at(20).toISOString());
    expect(chainValidUntil([root.certificate, tsa.certificate], false)?.toISOString()).toBe(at(20).toISOString());
    expect(chainValidUntil([root.certificate], true)?.toISOString()).toBe(at(20).toISOString());
    expect(chainValidUntil([], true)).toBeUndefined();
  });
});

describe('firstSpanEnd and byteRangeEnd', () => {
  const sig = (items?: PdfValue[] | PdfValue): PdfDict => ({
    kind: 'dict',
    entries: new Map<string, PdfValue>(items === undefined ? [] : [['ByteRange', Array.isArray(items) ? { kind: 'array', items } : items]]),
  });
  const br = (...n: number[]) => sig(n.map(pdfInt));

  it('a well-formed ByteRange: where /Contents starts and where the signed revision ends', () => {
    expect(firstSpanEnd(br(0, 100, 200, 50))).toBe(100);
    expect(byteRangeEnd(br(0, 100, 200, 50))).toBe(250);
  });

  it('anything else: -1 (no ByteRange, not an array, not 4 items, not starting at 0, empty first span)', () => {
    for (const d of [sig(), sig(pdfInt(3)), br(0, 100, 200), br(0, 100, 200, 50, 1), br(1, 100, 200, 50), br(0, 0, 200, 50)]) {
      expect(firstSpanEnd(d)).toBe(-1);
    }
    expect(firstSpanEnd(sig([pdfInt(0), pdfName('x'), pdfInt(200), pdfInt(50)]))).toBe(-1);
    expect(firstSpanEnd(sig([pdfName('x'), pdfInt(100), pdfInt(200), pdfInt(50)]))).toBe(-1);
    // A boolean has a `value` too: it must not pass for a length.
    expect(firstSpanEnd(sig([pdfInt(0), { kind: 'bool', value: true }, pdfInt(200), pdfInt(50)]))).toBe(-1);
    for (const d of [sig(), sig(pdfInt(3)), br(0, 100, 200), br(0, 100, 200, 50, 1)]) expect(byteRangeEnd(d)).toBe(-1);
    // Non-numbers count as 0 for the end, so a broken entry sorts first rather than throwing.
    expect(byteRangeEnd(sig([pdfInt(0), pdfInt(100), pdfName('x'), pdfInt(50)]))).toBe(50);
    expect(byteRangeEnd(sig([pdfInt(0), pdfInt(100), pdfInt(200), pdfName('x')]))).toBe(200);
  });
});
