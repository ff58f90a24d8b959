/**
 * Extends a signed PDF to PAdES B-LT (validation data in a /DSS) or B-LTA (then a document timestamp), and renews
 * the archive timestamp of a B-LTA copy. Works on any signed PDF, saoy's or another tool's: only incremental updates
 * are appended, so every earlier signature keeps its bytes.
 */
import { timestampPdf } from '../certify/timestamp-pdf.js';
import { SaoyError } from '../errors.js';
import { appendDss, type VriEntry } from '../pdf/dss-writer.js';
import { parsePdf } from '../pdf/parse/index.js';
import { readDss } from '../verify/dss.js';
import { gatherValidationData, type FetchRecord, type GatherOptions } from './gather.js';
import { documentSignatures, type DocumentSignature } from './signatures.js';
import { vriKey } from '../pdf/dss-vri.js';

export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';
export const PADES_LEVELS: readonly PadesLevel[] = ['B-B', 'B-T', 'B-LT', 'B-LTA'];

export interface ExtendOptions extends GatherOptions {
  level: 'B-LT' | 'B-LTA';
  /** RFC 3161 token over `data` (the document timestamp's ByteRange bytes); required for B-LTA. */
  timestamp?: (data: Uint8Array) => Promise<Uint8Array>;
  /** When the data was gathered (the VRI /TU); default now. */
  now?: Date;
}

export interface ExtendResult {
  bytes: Uint8Array;
  /** What the /DSS gained (objects not already in it). */
  added: { certificates: number; crls: number; ocspResponses: number };
  /** Certificates publishing revocation data for which none was found (the copy is then not fully B-LT). */
  missingRevocation: string[];
  /** Signatures without a signature timestamp (only a document timestamp can prove when they existed). */
  withoutTimestamp: string[];
  fetches: FetchRecord[];
  /** Name of the document timestamp field added (B-LTA). */
  timestampField?: string;
}

export async function extendPdf(bytes: Uint8Array, opts: ExtendOptions): Promise<ExtendResult> {
  if (opts.level === 'B-LTA' && !opts.timestamp) throw new SaoyError('LTV_NO_TSA', 'B-LTA needs a timestamp authority (--tsa-url)', 'Mức B-LTA cần máy chủ cấp dấu thời gian (--tsa-url)');
  const pdf = await parsePdf(bytes);
  const signatures = await documentSignatures(bytes, pdf);
  if (signatures.length === 0) throw new SaoyError('LTV_NO_SIGNATURES', 'the PDF carries no signature to extend', 'Tệp PDF không có chữ ký nào để bổ sung');
  const dss = await readDss(pdf);
  const gathered = await gatherValidationData(signatures, {
    ...opts,
    certificates: [...(opts.certificates ?? []), ...dss.certificates],
    crls: [...(opts.crls ?? []), ...dss.crls],
    ocspResponses: [...(opts.ocspResponses ?? []), ...dss.ocspResponses],
  });
  const vri: VriEntry[] = [];
  for (const g of gathered.perSignature) vri.push({ key: await vriKey(g.signature.contents), ...g.data });
  const isNew = (have: readonly Uint8Array[]) => (x: Uint8Array) => !have.some((h) => h.length === x.length && h.every((b, i) => b === x[i]));
  const added = {
    certificates: gathered.all.certificates.filter(isNew(dss.certificates)).length,
    crls: gathered.all.crls.filter(isNew(dss.crls)).length,
    ocspResponses: gathered.all.ocspResponses.filter(isNew(dss.ocspResponses)).length,
  };
  const field = opts.level === 'B-LTA' ? timestampFieldName(signatures) : undefined;
  let out = await appendDss(bytes, { ...gathered.all, vri, time: opts.now ?? new Date(), timestampField: field });
  if (field && opts.timestamp) out = await documentTimestamp(out, field, opts.timestamp);
  return {
    bytes: out,
    added,
    missingRevocation: gathered.missingRevocation,
    withoutTimestamp: signatures.filter((s) => s.kind === 'signature' && !s.timestamp).map((s) => s.fieldName),
    fetches: gathered.fetches,
    ...(field ? { timestampField: field } : {}),
  };
}

/** Room first sized for a usual token (a TSA certificate or two); a larger token is asked for again with room to spare. */
const DOC_TIMESTAMP_CAPACITY = 8 * 1024;

async function documentTimestamp(pdf: Uint8Array, fieldName: string, timestamp: (data: Uint8Array) => Promise<Uint8Array>): Promise<Uint8Array> {
  let size = 0;
  try {
    return await timestampPdf(pdf, { fieldName, capacity: DOC_TIMESTAMP_CAPACITY, timestamp: async (d) => {
      const t = await timestamp(d);
      size = t.length;
      return t;
    } });
  } catch (e) {
    if (!(e instanceof SaoyError && e.code === 'SIG_PLACEHOLDER_TOO_SMALL') || size === 0) throw e;
    return timestampPdf(pdf, { fieldName, capacity: size + 4096, timestamp });
  }
}

/** "Archive timestamp 1", "… 2": the first name no field of the document has. */
function timestampFieldName(signatures: readonly DocumentSignature[]): string {
  const taken = new Set(signatures.map((s) => s.fieldName));
  let n = signatures.filter((s) => s.kind === 'document-timestamp').length + 1;
  while (taken.has(`ArchiveTimestamp${n}`)) n++;
  return `ArchiveTimestamp${n}`;
}
