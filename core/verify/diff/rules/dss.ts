/**
 * Long-term validation data (ETSI EN 319 142-1 §5.4.2, ISO 32000-2 §12.8.4.3): a /DSS dictionary with /Certs,
 * /CRLs, /OCSPs arrays of streams and a /VRI dictionary of per-signature entries (/Cert /CRL /OCSP /TU /TS). Real
 * PAdES-LT tools write it in many shapes: indirect or direct /VRI, VRI entries as new indirect dictionaries,
 * FlateDecode streams, a later update extending the same objects or writing a new /DSS. All of it is explained at
 * LTA_UPDATES as long as it holds only validation data; anything else inside it is vetoed.
 */
import type { PdfDict, PdfValue } from '../../../pdf/parse/index.js';
import { dictGet } from '../../../pdf/parse/index.js';
import { refNum, type RevisionView } from '../../pdf-access.js';
import { WHOLE } from '../context.js';
import type { DiffRule } from '../rule.js';

const DSS_KEYS = new Set(['Type', 'Certs', 'CRLs', 'OCSPs', 'VRI']);
const VRI_KEYS = new Set(['Type', 'Cert', 'CRL', 'OCSP', 'TU', 'TS']);
const LIMIT = 50_000;

interface DssShape {
  /** Indirect dictionaries and arrays that make up the DSS (DSS, VRI, VRI entries, their arrays). */
  skeleton: Set<number>;
  /** Indirect streams it lists (certificates, CRLs, OCSP responses, timestamp tokens). */
  streams: Set<number>;
  /** What is not validation data (first problem found). */
  problem?: string;
}

function shapeOf(v: RevisionView, dssValue: PdfValue | undefined): DssShape {
  const out: DssShape = { skeleton: new Set(), streams: new Set() };
  let budget = LIMIT;
  const note = (p: string) => (out.problem ??= p);
  const streamList = (value: PdfValue | undefined, where: string) => {
    const n = refNum(value);
    if (n !== undefined) out.skeleton.add(n);
    const arr = v.resolve(value);
    if (arr?.kind !== 'array') return note(`${where} is not an array`);
    for (const item of arr.items) {
      if (--budget < 0) return note('too many entries');
      const s = refNum(item);
      if (s === undefined || v.resolve(item)?.kind !== 'stream') return note(`${where} holds something other than a stream`);
      out.streams.add(s);
    }
  };
  const dssNum = refNum(dssValue);
  if (dssNum !== undefined) out.skeleton.add(dssNum);
  const dss = v.dict(dssValue);
  if (!dss) {
    note('/DSS is not a dictionary');
    return out;
  }
  for (const [k, val] of dss.entries) {
    if (!DSS_KEYS.has(k)) note(`/DSS has /${k}`);
    else if (k === 'Type') {
      if (val.kind !== 'name' || val.value !== 'DSS') note('/DSS /Type is not /DSS');
    } else if (k !== 'VRI') streamList(val, `/DSS /${k}`);
  }
  const vriValue = dictGet(dss, 'VRI');
  if (vriValue) {
    const vn = refNum(vriValue);
    if (vn !== undefined) out.skeleton.add(vn);
    const vri = v.dict(vriValue);
    if (!vri) note('/VRI is not a dictionary');
    for (const [hash, entryValue] of vri?.entries ?? []) {
      if (--budget < 0) return note('too many entries'), out;
      if (hash === 'Type') continue;
      const en = refNum(entryValue);
      if (en !== undefined) out.skeleton.add(en);
      const entry: PdfDict | undefined = v.dict(entryValue);
      if (!entry) {
        note(`/VRI /${hash} is not a dictionary`);
        continue;
      }
      for (const [k, val] of entry.entries) {
        if (!VRI_KEYS.has(k)) note(`/VRI entry has /${k}`);
        else if (k === 'TU') {
          if (v.resolve(val)?.kind !== 'string') note('/VRI /TU is not a date string');
        } else if (k === 'TS') {
          const s = refNum(val);
          if (s === undefined || v.resolve(val)?.kind !== 'stream') note('/VRI /TS is not a stream');
          else out.streams.add(s);
        } else if (k !== 'Type') streamList(val, `/VRI /${k}`);
      }
    }
  }
  return out;
}

export const dss: DiffRule = {
  name: 'dss',
  level: 'LTA_UPDATES',
  explains: 'the catalog /DSS key and the DSS/VRI dictionaries, arrays and certificate/CRL/OCSP streams (ETSI EN 319 142-1 §5.4.2)',
  explain(ctx) {
    const cat = ctx.rolesF.catalog;
    const value = dictGet(ctx.vf.catalog(), 'DSS');
    if (cat === undefined || !value) return;
    const after = shapeOf(ctx.vf, value);
    const touched = ctx.keysChanged(cat).includes('DSS') || [...after.skeleton, ...after.streams].some((n) => ctx.changed.has(n) || ctx.added.has(n));
    if (!touched) return;
    if (after.problem) {
      ctx.veto('dss', ctx.label(cat), `the validation data (/DSS) holds something other than certificates, CRLs and OCSP responses (${after.problem})`, `dữ liệu kiểm tra chữ ký (/DSS) chứa thứ khác ngoài chứng thư, CRL và OCSP (${after.problem})`);
      return;
    }
    const before = shapeOf(ctx.vs, dictGet(ctx.vs.catalog(), 'DSS'));
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
