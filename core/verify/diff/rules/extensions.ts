/**
 * Developer extensions and the version bump that come with PAdES (ISO 32000-2 §7.12.1, ETSI EN 319 142-1
 * §5.4.1: /ESIC extension level for DSS and document timestamps): the catalog /Extensions dictionary, direct or
 * indirect, and a catalog /Version name, explained at LTA_UPDATES.
 */
import { dictGet } from '../../../pdf/parse/index.js';
import { WHOLE } from '../context.js';
import type { DiffRule } from '../rule.js';
import { extensionObjects } from './extension-objects.js';

export const extensions: DiffRule = {
  name: 'extensions',
  level: 'LTA_UPDATES',
  explains: 'catalog /Extensions (developer extension dictionaries, e.g. /ESIC) and a catalog /Version name',
  explain(ctx) {
    const cat = ctx.rolesF.catalog;
    if (cat === undefined) return;
    const keys = ctx.keysChanged(cat);
    const catalog = ctx.vf.catalog();
    const version = dictGet(catalog, 'Version');
    if (keys.includes('Version') && version?.kind === 'name' && /^[12]\.\d$/.test(version.value)) {
      ctx.claim('extensions', cat, ['Version'], 'LTA_UPDATES', `PDF version declared as ${version.value}`, `khai báo phiên bản PDF ${version.value}`);
    }
    const value = dictGet(catalog, 'Extensions');
    if (!value) return;
    const after = extensionObjects(ctx.vf, value);
    const touched = keys.includes('Extensions') || [...(after ?? [])].some((n) => ctx.changed.has(n) || ctx.added.has(n));
    if (!touched) return;
    if (!after) {
      ctx.veto('extensions', ctx.label(cat), '/Extensions holds something other than developer extension dictionaries', '/Extensions chứa thứ khác ngoài từ điển phần mở rộng');
      return;
    }
    const before = extensionObjects(ctx.vs, dictGet(ctx.vs.catalog(), 'Extensions')) ?? new Set<number>();
    const en = 'developer extensions declared (/Extensions)';
    const vi = 'khai báo phần mở rộng (/Extensions)';
    ctx.claim('extensions', cat, ['Extensions'], 'LTA_UPDATES', en, vi);
    for (const n of after) {
      ctx.approve('extensions', n, 'LTA_UPDATES', en, vi);
      if (before.has(n) && !ctx.rolesS.label.has(n)) ctx.claim('extensions', n, WHOLE, 'LTA_UPDATES', en, vi);
    }
  },
};
