/**
 * Two ways a certified copy gets "changed after signing", made with core's own parser and incremental writer:
 * a byte flipped inside the signed range, and an appended revision that replaces the first page's content.
 */
import { latin1 } from '../core/pdf/bytes.js';
import { appendRevision } from '../core/pdf/incremental-writer.js';
import { asDict, dictGet, parsePdf, type PdfRef, type PdfValue } from '../core/pdf/parse/index.js';

/** Flips one bit at 1/4 of the file: inside the page image, covered by every signature's ByteRange. */
export function flipSignedByte(pdf: Uint8Array): Uint8Array {
  const out = pdf.slice();
  out[Math.floor(out.length / 4)] ^= 0x01;
  return out;
}

/** Paints page 1 white with a red block where the original was, as an incremental update after both signatures. */
export async function replaceFirstPageContent(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await parsePdf(pdf);
  const last = doc.revisions[doc.revisions.length - 1];
  const rootRef = dictGet(last.trailer, 'Root');
  const size = dictGet(last.trailer, 'Size');
  if (rootRef?.kind !== 'ref' || size?.kind !== 'number') throw new Error('demo copy has no /Root or /Size');
  const pagesRef = dictGet(asDict(doc.resolve(rootRef)), 'Pages');
  const kids = dictGet(asDict(doc.resolve(pagesRef)), 'Kids');
  const first: PdfValue | undefined = kids?.kind === 'array' ? kids.items[0] : undefined;
  const contents = dictGet(asDict(doc.resolve(first)), 'Contents');
  const refs = (contents?.kind === 'array' ? contents.items : [contents]).filter((v): v is PdfRef => v?.kind === 'ref');
  if (!refs.length) throw new Error('demo copy page 1 has no indirect /Contents');
  const paint = 'q 1 1 1 rg 0 0 3000 3000 re f Q q 0.8 0 0 rg 60 300 470 200 re f Q\n';
  const stream = (s: string) => latin1(`<< /Length ${s.length} >>\nstream\n${s}endstream`);
  // The first content stream paints over the page; any others are emptied.
  const objects = refs.map((r, i) => ({ num: r.num, gen: r.gen, body: stream(i === 0 ? paint : '') }));
  return appendRevision(
    pdf,
    objects,
    { size: size.value, root: `${rootRef.num} ${rootRef.gen} R`, prev: last.xrefOffset },
    last.kind,
  ).bytes;
}

/** A file that starts like a PDF and then stops: not readable. */
export function brokenPdf(pdf: Uint8Array): Uint8Array {
  return pdf.slice(0, Math.min(pdf.length, 4000));
}
