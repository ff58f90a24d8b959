/** E-copy data read from the XMP of the signed revision only, so nothing added after signing can change it. */
import { parseEcopyXmp } from '../ecopy/xmp.js';
import type { ParsedPdf } from '../pdf/parse/index.js';
import { RevisionView } from './pdf-access.js';
import type { EcopyData } from './report.js';

export async function readEcopyData(pdf: ParsedPdf, revision: number): Promise<EcopyData | undefined> {
  const v = new RevisionView(pdf, revision);
  const meta = v.get(v.catalog(), 'Metadata');
  if (meta?.kind !== 'stream') return undefined;
  try {
    const decoded = await pdf.decodeStream(meta, 1 << 20);
    if (!decoded.complete) return undefined;
    const fields = parseEcopyXmp(new TextDecoder('utf-8').decode(decoded.bytes));
    if (!fields) return undefined;
    return {
      certNo: fields.certNo,
      bookNo: fields.bookNo,
      date: fields.date,
      office: fields.office,
      certifier: fields.certifier,
      authority: fields.authority,
      docName: fields.docName,
      pageCount: fields.pageCount,
    };
  } catch {
    return undefined;
  }
}
