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

const TOOL_PROPS = ['xmp:ModifyDate', 'xmp:MetadataDate', 'pdf:Producer', 'xmpMM:InstanceID'];
const DESCRIPTIVE_PROPS = ['dc:title', 'dc:creator', 'dc:description', 'dc:subject', 'pdf:Keywords'];
const MAX_XMP = 1 << 20;

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text of one property in element form (<p>...</p>) or attribute form (p="..."), or ''. */
function property(xmp: string, name: string): string {
  const el = new RegExp(`<${esc(name)}(\\s[^>]*)?>([\\s\\S]*?)</${esc(name)}>`).exec(xmp);
  if (el) return el[2].replace(/\s+/g, ' ').trim();
  const attr = new RegExp(`\\s${esc(name)}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(xmp);
  return attr ? (attr[2] ?? attr[3] ?? '').trim() : '';
}

/** The packet with the tool-maintained properties and insignificant white space removed. */
function normalised(xmp: string): string {
  let s = xmp;
  for (const p of TOOL_PROPS) {
    s = s.replace(new RegExp(`<${esc(p)}(\\s[^>]*)?>[\\s\\S]*?</${esc(p)}>`, 'g'), '').replace(new RegExp(`<${esc(p)}(\\s[^>]*)?/>`, 'g'), '');
    s = s.replace(new RegExp(`\\s${esc(p)}\\s*=\\s*("[^"]*"|'[^']*')`, 'g'), '');
  }
  return s.replace(/<\?xpacket[^?]*\?>/g, '').replace(/>\s+</g, '><').replace(/\s+/g, ' ').trim();
}

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
