/**
 * XMP metadata (ISO 32000-2 §14.3.2): signing tools rewrite the packet with a new xmp:ModifyDate,
 * xmp:MetadataDate, pdf:Producer and xmpMM:InstanceID (a fresh one per save, XMP part 1 §8.2.3). Those changes
 * are explained at LTA_UPDATES; a changed dc:title, dc:creator, dc:description, dc:subject or pdf:Keywords is
 * vetoed (like /Info /Title ...); any other difference stays unexplained.
 */
import type { PdfStream, PdfValue } from '../../../pdf/parse/index.js';
import { dictGet } from '../../../pdf/parse/index.js';
import { refNum } from '../../pdf-access.js';
import { WHOLE, type DiffContext } from '../context.js';
import type { DiffRule } from '../rule.js';
import { normalised, property } from './xmp-text.js';

const DESCRIPTIVE_PROPS = ['dc:title', 'dc:creator', 'dc:description', 'dc:subject', 'pdf:Keywords'];
const MAX_XMP = 1 << 20;

async function text(ctx: DiffContext, v: PdfValue | undefined): Promise<string | undefined> {
  if (v?.kind !== 'stream') return undefined;
  try {
    const d = await ctx.pdf.decodeStream(v as PdfStream, MAX_XMP);
    return d.complete ? new TextDecoder('utf-8', { fatal: false }).decode(d.bytes) : undefined;
  } catch {
    return undefined;
  }
}

export const xmpMetadata: DiffRule = {
  name: 'xmp-metadata',
  level: 'LTA_UPDATES',
  explains: 'the catalog /Metadata XMP stream: tool dates, producer and instance ID may change; dc:title, dc:creator, dc:description, dc:subject, pdf:Keywords may not',
  async explain(ctx) {
    const cat = ctx.rolesF.catalog;
    if (cat === undefined) return;
    const valueF = dictGet(ctx.vf.catalog(), 'Metadata');
    const num = refNum(valueF);
    const keyChanged = ctx.keysChanged(cat).includes('Metadata');
    if (num === undefined || !(keyChanged || ctx.changed.has(num))) return;
    const before = await text(ctx, ctx.vs.resolve(dictGet(ctx.vs.catalog(), 'Metadata')));
    const after = await text(ctx, ctx.vf.resolve(valueF));
    if (after === undefined) return;
    const changedDescriptive = DESCRIPTIVE_PROPS.filter((p) => property(before ?? '', p) !== property(after, p));
    if (changedDescriptive.length) {
      ctx.veto('xmp-metadata', ctx.label(num), `document description in the XMP metadata changed after signing: ${changedDescriptive.join(', ')}`, `mô tả tài liệu trong siêu dữ liệu XMP bị thay đổi sau khi ký: ${changedDescriptive.join(', ')}`);
      return;
    }
    if (before !== undefined && normalised(before) !== normalised(after)) return;
    const en = 'XMP metadata dates / producer updated by the signing tool';
    const vi = 'công cụ ký cập nhật ngày / phần mềm trong siêu dữ liệu XMP';
    if (keyChanged) ctx.claim('xmp-metadata', cat, ['Metadata'], 'LTA_UPDATES', en, vi);
    ctx.claim('xmp-metadata', num, WHOLE, 'LTA_UPDATES', en, vi);
    ctx.approve('xmp-metadata', num, 'LTA_UPDATES', en, vi);
  },
};
