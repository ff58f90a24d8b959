/**
 * The shape of a /DSS (ETSI EN 319 142-1 §5.4.2): which indirect objects make it up and which streams it lists,
 * and whether it holds anything other than validation data. The dss rule compares it across revisions.
 */
import type { PdfDict, PdfValue } from '../../../pdf/parse/index.js';
import { dictGet } from '../../../pdf/parse/index.js';
import { refNum, type RevisionView } from '../../pdf-access.js';

const DSS_KEYS = new Set(['Type', 'Certs', 'CRLs', 'OCSPs', 'VRI']);
const VRI_KEYS = new Set(['Type', 'Cert', 'CRL', 'OCSP', 'TU', 'TS']);
const LIMIT = 50_000;

export interface DssShape {
  /** Indirect dictionaries and arrays that make up the DSS (DSS, VRI, VRI entries, their arrays). */
  skeleton: Set<number>;
  /** Indirect streams it lists (certificates, CRLs, OCSP responses, timestamp tokens). */
  streams: Set<number>;
  /** What is not validation data (first problem found). */
  problem?: string;
}

/**
 * The objects a /DSS value is made of, read in one revision; `problem` names the first thing in it that is not
 * validation data. At most 50,000 entries (array items and VRI entries together) are read.
 */
export function dssShape(v: RevisionView, dssValue: PdfValue | undefined): DssShape {
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
