/** Every user-visible string of the extension is in _locales, in Vietnamese and in English. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/tools.js';

const dir = join(repoRoot, 'extension');
const load = (lang: string) => JSON.parse(readFileSync(join(dir, `_locales/${lang}/messages.json`), 'utf8')) as Record<string, { message: string }>;

function sources(d: string): string[] {
  return readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(f) ? [p] : [];
  });
}

describe('_locales', () => {
  const vi = load('vi');
  const en = load('en');

  it('vi and en have the same keys, none empty, same $n substitutions', () => {
    expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(vi)) {
      expect(vi[k].message.trim(), k).not.toBe('');
      expect(en[k].message.trim(), k).not.toBe('');
      const subs = (m: string) => [...m.matchAll(/\$[1-9]/g)].map((x) => x[0]).sort();
      expect(subs(vi[k].message), k).toEqual(subs(en[k].message));
    }
  });

  it('every key is a name Chrome accepts (letters, digits, _ and @ only; one bad key and the extension does not load)', () => {
    expect(Object.keys(vi).filter((k) => !/^[A-Za-z0-9_@]+$/.test(k))).toEqual([]);
  });

  it('every literal key used in the extension exists', () => {
    const used = new Set<string>();
    for (const f of sources(dir)) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/\b[ts]\(\s*'([a-z][A-Za-z0-9_]*)'/g)) used.add(m[1]);
      for (const m of src.matchAll(/'((?:badge|ecopy|progress)_[A-Za-z0-9_]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !(k in vi))).toEqual([]);
  });

  it('every key built from a value exists for each value', () => {
    const families: Record<string, string[]> = {
      badge_: ['valid', 'invalid', 'indeterminate', 'unsigned', 'error', 'pending'],
      badge_short_: ['NETWORK', 'HTTP', 'TOO_LARGE', 'TIMEOUT', 'NO_PERMISSION', 'BAD_URL', 'NO_ANSWER', 'INTERNAL', 'UNREADABLE'],
      badge_err_: ['NETWORK', 'HTTP', 'TOO_LARGE', 'TIMEOUT', 'NO_PERMISSION', 'BAD_URL', 'NO_ANSWER', 'INTERNAL'],
      progress_count_: ['valid', 'invalid', 'indeterminate', 'unsigned', 'error'],
      coverage_: ['UNCLEAR', 'CONTIGUOUS_FROM_START', 'ENTIRE_REVISION', 'ENTIRE_FILE'],
      modlevel_: ['NONE', 'LTA_UPDATES', 'FORM_FILLING', 'ANNOTATIONS', 'OTHER'],
      indication_: ['PASSED', 'FAILED', 'INDETERMINATE'],
      certification_: ['1', '2', '3'],
      list_: ['neac', 'vgca', 'other', 'demo'],
      pages_paper_: ['auto', 'a4', 'a5', 'letter', 'id_card', 'passport', 'dpi'],
      keys_image_: ['certifier', 'authority'],
      source_: ['gone', 'changed', 'NETWORK', 'TOO_LARGE', 'TIMEOUT', 'NO_PERMISSION', 'BAD_URL', 'NO_ANSWER', 'INTERNAL'],
    };
    const missing = Object.entries(families).flatMap(([prefix, values]) => values.map((v) => prefix + v).filter((k) => !(k in vi)));
    expect(missing).toEqual([]);
  });

  it('the verdict words are the ones the issue names', () => {
    expect([vi.badge_valid, vi.badge_invalid, vi.badge_indeterminate, vi.badge_unsigned, vi.badge_error].map((x) => x.message)).toEqual([
      'Hợp lệ',
      'Không hợp lệ',
      'Chưa xác định được',
      'Chưa ký',
      'Lỗi',
    ]);
  });
});
