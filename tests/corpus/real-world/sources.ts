/**
 * Unsigned starting documents written byte by byte to ISO 32000 (no saoy code): a plain one-page PDF, a form with
 * a text field, a combo box and two empty signature fields (optionally with a /Lock), XMP metadata and an /Info
 * dictionary, and a tagged PDF (structure tree, parent tree, marked content).
 */
import { deflateSync } from 'node:zlib';
import { enc, streamBody } from '../pdf-bytes.js';
import { pdfDate, writePdf, type PdfObject } from './pdf-writer.js';

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
const CONTENT = 'BT /F1 14 Tf 50 780 Td (Chung thuc ban sao dung voi ban chinh.) Tj ET\nBT /F1 12 Tf 50 760 Td (So chung thuc: 15 Quyen so: 01/2026-SCT/BS) Tj ET';

export function xmpPacket(opts: { title: string; modify: string; instance: string }): string {
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${opts.title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>UBND phuong Hac Thanh</rdf:li></rdf:Seq></dc:creator>
   <xmp:CreateDate>2026-01-05T08:00:00Z</xmp:CreateDate>
   <xmp:ModifyDate>${opts.modify}</xmp:ModifyDate>
   <xmp:MetadataDate>${opts.modify}</xmp:MetadataDate>
   <pdf:Producer>hand-written</pdf:Producer>
   <xmpMM:DocumentID>uuid:7d1c9a52-0000-4000-8000-000000000001</xmpMM:DocumentID>
   <xmpMM:InstanceID>${opts.instance}</xmpMM:InstanceID>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
${' '.repeat(200)}
<?xpacket end="w"?>`;
}

export const XMP_STREAM = (xmp: string): Uint8Array => streamBody('/Type /Metadata /Subtype /XML', new Uint8Array(Buffer.from(xmp, 'utf8')));

export const INFO = (title: string, mod: string, producer = 'hand-written') => `<< /Title (${title}) /Author (UBND phuong Hac Thanh) /Subject (Ban sao) /Keywords (chung thuc) /Producer (${producer}) /CreationDate (D:20260105080000Z) /ModDate (${mod}) >>`;

/** Objects 1..4 of every source: catalog 1 (extra keys given), pages 2, page 3, content 4, font 5. */
function basics(catalogExtra: string, pageExtra: string, content = CONTENT): PdfObject[] {
  return [
    { num: 1, body: `<< /Type /Catalog /Pages 2 0 R${catalogExtra} >>` },
    { num: 2, body: '<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>' },
    { num: 3, body: `<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 595 842 ] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R${pageExtra} >>` },
    { num: 4, body: streamBody('/Filter /FlateDecode', deflateSync(Buffer.from(content, 'latin1'))) },
    { num: 5, body: FONT },
  ];
}

export function plainDoc(): Uint8Array {
  return writePdf([...basics('', ''), { num: 6, body: INFO('Giay khai sinh', 'D:20260105080000Z') }], 1, 6);
}

export interface FormOptions {
  /** A /Lock dictionary written on signature field sigA (ISO 32000-2 Table 235). */
  lockA?: string;
}

/**
 * Objects: 6 /Info, 7 /AcroForm, 8 text field "name", 9 combo box "choice", 10 and 11 empty signature fields
 * "sigA" and "sigB" (merged field-widgets, zero-size), 12 and 13 appearance streams, 14 XMP metadata.
 */
export function formDoc(opts: FormOptions = {}): Uint8Array {
  const ap = (text: string, w: number) => streamBody(`/Type /XObject /Subtype /Form /BBox [ 0 0 ${w} 22 ] /Resources << /Font << /Helv 5 0 R >> >>`, `/Tx BMC BT /Helv 12 Tf 2 6 Td (${text}) Tj ET EMC`);
  return writePdf(
    [
      ...basics(' /AcroForm 7 0 R /Metadata 14 0 R', ' /Annots [ 8 0 R 9 0 R 10 0 R 11 0 R ]'),
      { num: 6, body: INFO('Giay khai sinh', 'D:20260105080000Z') },
      { num: 7, body: '<< /Fields [ 8 0 R 9 0 R 10 0 R 11 0 R ] /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv 5 0 R >> >> >>' },
      { num: 8, body: '<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /V (Nguyen Van A) /Rect [ 50 700 300 722 ] /F 4 /P 3 0 R /DA (/Helv 12 Tf 0 g) /AP << /N 12 0 R >> >>' },
      { num: 9, body: '<< /Type /Annot /Subtype /Widget /FT /Ch /Ff 131072 /T (choice) /Opt [ (a) (b) (c) ] /V (a) /I [ 0 ] /Rect [ 50 650 200 672 ] /F 4 /P 3 0 R /DA (/Helv 12 Tf 0 g) /AP << /N 13 0 R >> >>' },
      { num: 10, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigA) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R${opts.lockA ? ` /Lock ${opts.lockA}` : ''} >>` },
      { num: 11, body: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (sigB) /Rect [ 0 0 0 0 ] /F 132 /P 3 0 R >>' },
      { num: 12, body: ap('Nguyen Van A', 250) },
      { num: 13, body: ap('a', 150) },
      { num: 14, body: XMP_STREAM(xmpPacket({ title: 'Giay khai sinh', modify: '2026-01-05T08:00:00Z', instance: 'uuid:7d1c9a52-0000-4000-8000-0000000000a1' })) },
    ],
    1,
    6,
  );
}

/**
 * A tagged PDF: 6 /Info, 20 StructTreeRoot (/ParentTreeNextKey 1), 21 /Document element, 22 parent tree
 * (/Nums [ 0 [ 23 0 R ] ]), 23 /P element for marked content 0 of the page (page /StructParents 0).
 */
export function taggedDoc(): Uint8Array {
  const content = '/P << /MCID 0 >> BDC BT /F1 14 Tf 50 780 Td (Chung thuc ban sao dung voi ban chinh.) Tj ET EMC';
  return writePdf(
    [
      ...basics(' /MarkInfo << /Marked true >> /StructTreeRoot 20 0 R /Lang (vi)', ' /StructParents 0 /Tabs /S', content),
      { num: 6, body: INFO('Giay khai sinh', 'D:20260105080000Z') },
      { num: 20, body: '<< /Type /StructTreeRoot /K 21 0 R /ParentTree 22 0 R /ParentTreeNextKey 1 >>' },
      { num: 21, body: '<< /Type /StructElem /S /Document /P 20 0 R /K [ 23 0 R ] >>' },
      { num: 22, body: '<< /Nums [ 0 [ 23 0 R ] ] >>' },
      { num: 23, body: '<< /Type /StructElem /S /P /P 21 0 R /Pg 3 0 R /K 0 >>' },
    ],
    1,
    6,
  );
}

export { enc, pdfDate };
