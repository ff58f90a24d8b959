/**
 * core/verify/ltv-summary.ts on report objects and hand-written PDFs (no signing): which timestamps are listed and
 * relied on, what the /DSS holds and which signatures its /VRI names (an unknown /VRI key is reported), and the
 * "covered until" date: the newest relied-on document timestamp's TSA chain, else the earliest end among the
 * signatures' own chains or signature timestamps, only for a valid file.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parsePdf, type PdfDict } from '../../../core/pdf/parse/index.js';
import type { FoundSignature } from '../../../core/verify/checks/signature-fields.js';
import type { DssData } from '../../../core/verify/dss.js';
import { ltvSummary } from '../../../core/verify/ltv-summary.js';
import type { SignatureReport } from '../../../core/verify/report.js';
import { signatureReport } from '../../helpers/signature-report.js';

const NO_DSS: DssData = { certificates: [], crls: [], ocspResponses: [] };
const cert = (notAfter: string) => ({ notAfter }) as SignatureReport['chain'][number];
const sig = (o: Partial<SignatureReport> = {}): SignatureReport => signatureReport({ subFilter: 'ETSI.CAdES.detached', ...o });
const docTs = (o: Partial<SignatureReport> = {}) => sig({ fieldName: 'ts', subFilter: 'ETSI.RFC3161', ...o });

function pdfOf(catalogExtra: string): Uint8Array {
  const bodies = [`<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>`, '<< /Type /Pages /Kids [] /Count 0 >>'];
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  bodies.forEach((b, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${b}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 3\n0000000000 65535 f \n${offsets.map((x) => `${String(x).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
const plain = () => parsePdf(pdfOf(''));
const contentsOf = (bytes: number[]): PdfDict => ({ kind: 'dict', entries: new Map([['Contents', { kind: 'string', bytes: new Uint8Array(bytes), hex: true }]]) }) as unknown as PdfDict;
const found = (name: string, bytes: number[]): FoundSignature => ({ fieldName: name, sig: contentsOf(bytes), reachable: true });
const vriOf = (bytes: number[]) => createHash('sha1').update(new Uint8Array(bytes)).digest('hex').toUpperCase();

describe('ltvSummary: timestamps', () => {
  it('a document timestamp with its TSA, its chain end (anchor left out when trusted), relied on when PASSED; a signature timestamp always relied on', async () => {
    const signatures = [
      sig({ fieldName: 'a', timestampTime: '2026-03-05T01:00:00Z', timestampValidUntil: '2031-01-01T00:00:00.000Z' }),
      sig({ fieldName: 'b' }),
      docTs({ fieldName: 'ts1', timestampTime: '2026-03-06T01:00:00Z', signer: { commonName: 'TSA 1' } as SignatureReport['signer'], chain: [cert('2030-01-01T00:00:00Z'), cert('2029-01-01T00:00:00Z'), cert('2020-01-01T00:00:00Z')] }),
      docTs({ fieldName: 'ts2', timestampTime: '2026-03-07T01:00:00Z', indication: 'INDETERMINATE', trusted: false, chain: [cert('2030-01-01T00:00:00Z'), cert('2020-01-01T00:00:00Z')] }),
      docTs({ fieldName: 'ts3' }),
    ];
    const { ltv, reasons } = await ltvSummary(await plain(), [], signatures, NO_DSS, 'indeterminate');
    expect(ltv.timestamps).toEqual([
      { field: 'a', kind: 'signature', time: '2026-03-05T01:00:00Z', validUntil: '2031-01-01T00:00:00.000Z', relied: true },
      { field: 'ts1', kind: 'document', time: '2026-03-06T01:00:00Z', tsa: 'TSA 1', validUntil: '2029-01-01T00:00:00.000Z', relied: true },
      // Not trusted: the whole chain counts (the last one is no anchor).
      { field: 'ts2', kind: 'document', time: '2026-03-07T01:00:00Z', tsa: undefined, validUntil: '2020-01-01T00:00:00.000Z', relied: false },
    ]);
    expect(reasons).toEqual([]);
    expect(ltv.dss).toBeUndefined();
    expect(ltv.coveredUntil).toBeUndefined();
  });

  it('a trusted chain of one certificate keeps it; unreadable times are ignored; no times, no end', async () => {
    const one = docTs({ timestampTime: '2026-03-06T01:00:00Z', chain: [cert('2030-01-01T00:00:00Z')] });
    const odd = docTs({ fieldName: 'odd', timestampTime: '2026-03-06T01:00:00Z', chain: [cert('garbage'), cert('2028-01-01T00:00:00Z'), cert('2020-01-01T00:00:00Z')] });
    const none = docTs({ fieldName: 'none', timestampTime: '2026-03-06T01:00:00Z', chain: [cert('garbage')], trusted: false });
    const { ltv } = await ltvSummary(await plain(), [], [one, odd, none], NO_DSS, 'indeterminate');
    expect(ltv.timestamps.map((t) => t.validUntil)).toEqual(['2030-01-01T00:00:00.000Z', '2028-01-01T00:00:00.000Z', undefined]);
  });
});

describe('ltvSummary: covered until (valid files only)', () => {
  it('the newest relied-on document timestamp decides, whatever the order in the report', async () => {
    const older = docTs({ fieldName: 't1', timestampTime: '2026-03-06T01:00:00Z', chain: [cert('2035-01-01T00:00:00Z'), cert('2040-01-01T00:00:00Z')] });
    const newer = docTs({ fieldName: 't2', timestampTime: '2026-03-08T01:00:00Z', chain: [cert('2033-01-01T00:00:00Z'), cert('2040-01-01T00:00:00Z')] });
    const unrelied = docTs({ fieldName: 't3', timestampTime: '2026-03-09T01:00:00Z', indication: 'INDETERMINATE', chain: [cert('2031-01-01T00:00:00Z'), cert('2040-01-01T00:00:00Z')] });
    const s = sig({ chain: [cert('2027-01-01T00:00:00Z'), cert('2040-01-01T00:00:00Z')] });
    for (const order of [[s, older, newer, unrelied], [s, newer, older, unrelied]]) {
      const { ltv } = await ltvSummary(await plain(), [], order, NO_DSS, 'valid');
      expect(ltv.coveredUntil).toBe('2033-01-01T00:00:00.000Z');
    }
    expect((await ltvSummary(await plain(), [], [s, older, newer], NO_DSS, 'indeterminate')).ltv.coveredUntil).toBeUndefined();
  });

  it('without one: the earliest of the signatures’ ends (signature timestamp first, else the chain); none when one is unknown', async () => {
    const a = sig({ fieldName: 'a', timestampValidUntil: '2032-01-01T00:00:00.000Z', chain: [cert('2027-01-01T00:00:00Z'), cert('2040-01-01T00:00:00Z')] });
    const b = sig({ fieldName: 'b', chain: [cert('2029-01-01T00:00:00Z'), cert('2040-01-01T00:00:00Z')] });
    expect((await ltvSummary(await plain(), [], [a, b], NO_DSS, 'valid')).ltv.coveredUntil).toBe('2029-01-01T00:00:00.000Z');
    expect((await ltvSummary(await plain(), [], [a], NO_DSS, 'valid')).ltv.coveredUntil).toBe('2032-01-01T00:00:00.000Z');
    const unknown = sig({ fieldName: 'c', chain: [] });
    expect((await ltvSummary(await plain(), [], [a, unknown], NO_DSS, 'valid')).ltv.coveredUntil).toBeUndefined();
    // A relied-on document timestamp without a chain end falls back to the signatures.
    const bare = docTs({ timestampTime: '2026-03-06T01:00:00Z', chain: [] });
    expect((await ltvSummary(await plain(), [], [b, bare], NO_DSS, 'valid')).ltv.coveredUntil).toBe('2029-01-01T00:00:00.000Z');
    // Only document timestamps, none with an end: nothing.
    expect((await ltvSummary(await plain(), [], [bare], NO_DSS, 'valid')).ltv.coveredUntil).toBeUndefined();
  });
});

describe('ltvSummary: /DSS and /VRI', () => {
  it('counts what the /DSS holds; /VRI keys name the signatures whose /Contents they hash (any case); an unknown key is reported', async () => {
    const a = [1, 2, 3];
    const b = [4, 5, 6];
    const unknown = 'AB'.repeat(20);
    const pdf = await parsePdf(pdfOf(`/DSS << /VRI << /Type /VRI /${vriOf(a).toLowerCase()} << >> /${unknown} << >> /NOTHEX << >> /${vriOf(b).slice(0, 38)} << >> >> >>`));
    const dss: DssData = { certificates: [new Uint8Array(1), new Uint8Array(1)], crls: [new Uint8Array(1)], ocspResponses: [] };
    const noContents: FoundSignature = { fieldName: 'n', sig: { kind: 'dict', entries: new Map() } as PdfDict, reachable: true };
    const { ltv, reasons } = await ltvSummary(pdf, [found('A', a), found('B', b), noContents], [], dss, 'valid');
    expect(ltv.dss).toEqual({ certificates: 2, crls: 1, ocspResponses: 0, vriEntries: 2, signaturesWithVri: ['A'] });
    expect(reasons.map((r) => r.code)).toEqual(['DSS_VRI_UNMATCHED']);
    expect(reasons[0].en).toContain(`(${unknown})`);
  });

  it('only validation data, or only a /VRI, is enough for the /DSS line; neither, no line', async () => {
    for (const dss of [{ ...NO_DSS, certificates: [new Uint8Array(1)] }, { ...NO_DSS, crls: [new Uint8Array(1)] }, { ...NO_DSS, ocspResponses: [new Uint8Array(1)] }]) {
      const { ltv } = await ltvSummary(await plain(), [], [], dss, 'valid');
      expect(ltv.dss?.vriEntries).toBe(0);
    }
    const a = [7];
    const pdf = await parsePdf(pdfOf(`/DSS << /VRI << /${vriOf(a)} << >> >> >>`));
    const { ltv, reasons } = await ltvSummary(pdf, [found('A', a)], [], NO_DSS, 'valid');
    expect(ltv.dss).toEqual({ certificates: 0, crls: 0, ocspResponses: 0, vriEntries: 1, signaturesWithVri: ['A'] });
    expect(reasons).toEqual([]);
    expect((await ltvSummary(await parsePdf(pdfOf('/DSS << >>')), [], [], NO_DSS, 'valid')).ltv.dss).toBeUndefined();
  });

  it('at most three unknown keys named; at most 500 keys read', async () => {
    const keys = Array.from({ length: 501 }, (_, i) => createHash('sha1').update(String(i)).digest('hex').toUpperCase());
    const pdf = await parsePdf(pdfOf(`/DSS << /VRI << ${keys.map((k) => `/${k} << >>`).join(' ')} >> >>`));
    const { ltv, reasons } = await ltvSummary(pdf, [], [], NO_DSS, 'valid');
    expect(ltv.dss?.vriEntries).toBe(500);
    expect(reasons[0].en).toContain(`(${keys.slice(0, 3).join(', ')})`);
  });
});
