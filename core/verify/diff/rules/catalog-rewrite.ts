/**
 * A catalog, form dictionary or information dictionary written again as a new object (pdfsig, iText and Acrobat
 * do this): the new object is compared key by key with the one it replaces, as if it had been updated in place,
 * so every other rule judges its keys. Replacing it with another *existing* object is not explained.
 */
import { dictGet } from '../../../pdf/parse/index.js';
import { refNum } from '../../pdf-access.js';
import type { DiffRule } from '../rule.js';

export const catalogRewrite: DiffRule = {
  name: 'catalog-rewrite',
  level: 'LTA_UPDATES',
  explains: 'trailer /Root, /Info and catalog /AcroForm pointing to a new object that replaces the old one (ISO 32000-2 §7.5.6)',
  explain(ctx) {
    const pair = (before: number | undefined, after: number | undefined, what: string, vi: string) => {
      if (before === undefined || after === undefined || before === after) return;
      if (!ctx.pairReplacement(before, after)) ctx.veto('catalog-rewrite', `object ${after}`, `the ${what} was replaced by another existing object`, `${vi} bị thay bằng một đối tượng có sẵn khác`);
    };
    const tS = ctx.vs.trailer();
    const tF = ctx.vf.trailer();
    pair(refNum(dictGet(tS, 'Root')), refNum(dictGet(tF, 'Root')), 'document catalog (/Root)', 'danh mục gốc (/Root)');
    pair(refNum(dictGet(tS, 'Info')), refNum(dictGet(tF, 'Info')), 'document information dictionary (/Info)', 'từ điển thông tin tài liệu (/Info)');
    pair(refNum(dictGet(ctx.vs.catalog(), 'AcroForm')), refNum(dictGet(ctx.vf.catalog(), 'AcroForm')), 'form dictionary (/AcroForm)', 'từ điển biểu mẫu (/AcroForm)');
    const cat = ctx.rolesF.catalog;
    const form = ctx.rolesF.acroForm;
    if (form !== undefined && cat !== undefined && ctx.replaced.has(form)) {
      ctx.claim('catalog-rewrite', cat, ['AcroForm'], 'LTA_UPDATES', 'form dictionary written again as a new object', 'từ điển biểu mẫu được ghi lại thành đối tượng mới');
    }
  },
};
