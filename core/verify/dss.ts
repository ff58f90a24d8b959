/** Validation data embedded in the document (/DSS): certificates, CRLs and OCSP responses offered as chain and revocation input. */
import type { ParsedPdf, PdfValue } from '../pdf/parse/index.js';
import { RevisionView } from './pdf-access.js';

const MAX_ITEMS = 200;
const MAX_BYTES = 1 << 20;

export interface DssData {
  certificates: Uint8Array[];
  crls: Uint8Array[];
  /** DER OCSPResponse objects from /DSS /OCSPs. */
  ocspResponses: Uint8Array[];
}

export async function readDss(pdf: ParsedPdf): Promise<DssData> {
  const v = new RevisionView(pdf, pdf.revisions.length - 1);
  const dss = v.getDict(v.catalog(), 'DSS');
  const out: DssData = { certificates: [], crls: [], ocspResponses: [] };
  if (!dss) return out;
  const streams = async (items: readonly PdfValue[] | undefined, into: Uint8Array[]) => {
    for (const item of (items ?? []).slice(0, MAX_ITEMS)) {
      const s = v.resolve(item);
      if (s?.kind !== 'stream') continue;
      try {
        const d = await pdf.decodeStream(s, MAX_BYTES);
        if (d.complete) into.push(d.bytes);
      } catch {
        // Unreadable validation data is simply not used.
      }
    }
  };
  await streams(v.getArray(dss, 'Certs'), out.certificates);
  await streams(v.getArray(dss, 'CRLs'), out.crls);
  await streams(v.getArray(dss, 'OCSPs'), out.ocspResponses);
  return out;
}
