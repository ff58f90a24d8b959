/**
 * The objects a catalog /Extensions value is made of (ISO 32000-2 §7.12.1): the dictionary itself, each prefix's
 * developer extension dictionary or array of them, when it holds nothing else.
 */
import type { PdfValue } from '../../../pdf/parse/index.js';
import { refNum, type RevisionView } from '../../pdf-access.js';

const EXT_KEYS = new Set(['Type', 'BaseVersion', 'ExtensionLevel', 'URL', 'ExtensionRevision']);

/** Object numbers making up /Extensions, or undefined when it holds anything but developer extension dictionaries. */
export function extensionObjects(v: RevisionView, value: PdfValue | undefined): Set<number> | undefined {
  const out = new Set<number>();
  const n = refNum(value);
  if (n !== undefined) out.add(n);
  const d = v.dict(value);
  if (!d) return undefined;
  for (const [prefix, entry] of d.entries) {
    if (prefix === 'Type') continue;
    const en = refNum(entry);
    if (en !== undefined) out.add(en);
    const r = v.resolve(entry);
    const items = r?.kind === 'array' ? r.items : [entry];
    for (const item of items) {
      const inum = refNum(item);
      if (inum !== undefined) out.add(inum);
      const ext = v.dict(item);
      if (!ext || [...ext.entries.keys()].some((k) => !EXT_KEYS.has(k))) return undefined;
    }
  }
  return out;
}
