/**
 * The document information dictionary: signing tools update /ModDate and /Producer (pyHanko's DocInfoRule), which
 * is explained at LTA_UPDATES. A changed /Title, /Author, /Subject or /Keywords after signing changes what the
 * reader is told the document is: vetoed. Any other key stays unexplained.
 */
import type { DiffRule } from '../rule.js';

const TOOL_KEYS = ['ModDate', 'Producer'];
const DESCRIPTIVE_KEYS = new Set(['Title', 'Author', 'Subject', 'Keywords']);

export const docInfo: DiffRule = {
  name: 'doc-info',
  level: 'LTA_UPDATES',
  explains: 'the /Info dictionary: /ModDate and /Producer may change; /Title /Author /Subject /Keywords may not',
  explain(ctx) {
    const info = ctx.rolesF.info;
    if (info === undefined || !ctx.changed.has(info)) return;
    const keys = ctx.keysChanged(info);
    const descriptive = keys.filter((k) => DESCRIPTIVE_KEYS.has(k));
    if (descriptive.length) {
      const list = `/${descriptive.join(', /')}`;
      ctx.veto('doc-info', ctx.label(info), `document description changed after signing: ${list}`, `mô tả tài liệu bị thay đổi sau khi ký: ${list}`);
    }
    const tool = keys.filter((k) => TOOL_KEYS.includes(k));
    if (!tool.length) return;
    const en = 'modification date / producer updated by the signing tool';
    const vi = 'công cụ ký cập nhật ngày sửa đổi / phần mềm tạo';
    ctx.claim('doc-info', info, tool, 'LTA_UPDATES', en, vi);
    const after = ctx.afterDict(info);
    for (const k of tool) ctx.approve('doc-info', after?.entries.get(k), 'LTA_UPDATES', en, vi);
  },
};
