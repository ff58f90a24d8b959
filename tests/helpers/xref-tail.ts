import { parsePdf } from '../../core/pdf/parse/index.js';

/** The newest revision as the strict parser reads it: where /Prev points, its xref kind, its trailer /Size. */
export async function xrefTail(pdf: Uint8Array): Promise<{ startxref: number; kind: 'table' | 'stream'; size: number }> {
  const parsed = await parsePdf(pdf);
  const last = parsed.revisions[parsed.revisions.length - 1];
  const size = last.trailer.entries.get('Size');
  return { startxref: last.xrefOffset, kind: last.kind, size: size?.kind === 'number' ? size.value : 0 };
}
