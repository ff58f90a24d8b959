/**
 * Long-term validation data (ETSI EN 319 142-1 §5.4.2, ISO 32000-2 §12.8.4.3): a /DSS dictionary with /Certs,
 * /CRLs, /OCSPs arrays of streams and a /VRI dictionary of per-signature entries (/Cert /CRL /OCSP /TU /TS). Real
 * PAdES-LT tools write it in many shapes: indirect or direct /VRI, VRI entries as new indirect dictionaries,
 * FlateDecode streams, a later update extending the same objects or writing a new /DSS. All of it is explained at
 * LTA_UPDATES as long as it holds only validation data; anything else inside it is vetoed.
 */
import { dictGet } from '../../../pdf/parse/index.js';
import { WHOLE } from '../context.js';
import type { DiffRule } from '../rule.js';
import { dssShape } from './dss-shape.js';

export const dss: DiffRule = {
  name: 'dss',
  level: 'LTA_UPDATES',
  explains: 'the catalog /DSS key and the DSS/VRI dictionaries, arrays and certificate/CRL/OCSP streams (ETSI EN 319 142-1 §5.4.2)',
  explain(ctx) {
    const cat = ctx.rolesF.catalog;
    const value = dictGet(ctx.vf.catalog(), 'DSS');
    if (cat === undefined || !value) return;
    const after = dssShape(ctx.vf, value);
    const touched = ctx.keysChanged(cat).includes('DSS') || [...after.skeleton, ...after.streams].some((n) => ctx.changed.has(n) || ctx.added.has(n));
    if (!touched) return;
    if (after.problem) {
      ctx.veto('dss', ctx.label(cat), `the validation data (/DSS) holds something other than certificates, CRLs and OCSP responses (${after.problem})`, `dữ liệu kiểm tra chữ ký (/DSS) chứa thứ khác ngoài chứng thư, CRL và OCSP (${after.problem})`);
      return;
    }
    const before = dssShape(ctx.vs, dictGet(ctx.vs.catalog(), 'DSS'));
    const en = 'validation data (/DSS, /VRI) added or extended';
    const vi = 'thêm hoặc bổ sung dữ liệu kiểm tra chữ ký (/DSS, /VRI)';
    ctx.claim('dss', cat, ['DSS'], 'LTA_UPDATES', en, vi);
    for (const n of [...after.skeleton, ...after.streams]) ctx.approve('dss', n, 'LTA_UPDATES', en, vi);
    // An existing DSS object may be extended in place, but only one that already was part of the DSS and has no other role.
    const r = ctx.rolesS;
    for (const n of after.skeleton) {
      if (!ctx.changed.has(n) || !before.skeleton.has(n)) continue;
      if (n === r.catalog || n === r.acroForm || r.pages.has(n) || r.annotArrays.has(n) || r.label.has(n)) continue;
      // An array shared with page content (e.g. a /Contents array also listed as /Certs) is not the DSS's to change.
      if (!ctx.onlyReferencedBy(n, new Set([cat, ...after.skeleton]))) continue;
      ctx.claim('dss', n, WHOLE, 'LTA_UPDATES', en, vi);
    }
  },
};
