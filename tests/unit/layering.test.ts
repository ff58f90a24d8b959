/**
 * The layers of core (docs/ARCHITECTURE.md "Layers"): each domain folder imports only folders BELOW it, and
 * nothing in core reaches a browser API, the DOM, Node built-ins, or the shells (extension, cli, tests…).
 * Reads the sources as text, so it also runs where the build does not. There is no allow-list: every upward
 * import is a failure.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/tools.js';

const CORE = join(repoRoot, 'core');

/**
 * Rank of each top-level part of core: a file may import from a strictly lower rank, or from its own folder.
 * Layer 0 holds the floors, which know nothing of PDFs, certificates or books; among them FLOOR_ORDER decides.
 */
export const RANK: Readonly<Record<string, number>> = {
  'errors.ts': 0,
  bytes: 0, // hex, concat/compare, SHA digests over WebCrypto
  asn1: 0, // DER reader/writer, the OID table
  crypto: 0, // digests by OID, synchronous SHA, ECDSA signature encodings, the pkijs engine, key algorithm names
  pdf: 1, // bytes ⇄ PDF structure
  pki: 2, // certificates, chains, revocation
  signers: 3, // one Signer interface over keys (uses pki to read certificates), the demo identity
  cms: 4, // CMS SignedData, timestamps (uses pki, signers)
  ecopy: 4, // the copy: images + statement → PDF
  verify: 5, // the pipeline of checks → VerificationReport
  certify: 5, // the two-signature certify path
  book: 5, // the certification book
  store: 6, // IndexedDB
  workflow: 7, // services over everything: the certify workflow with injected storage
};

/** Inside layer 0, a floor may import only the floors before it. */
export const FLOOR_ORDER: readonly string[] = ['errors.ts', 'bytes', 'asn1', 'crypto'];

interface Import {
  from: string;
  spec: string;
  line: number;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Static imports/exports and dynamic import() with a literal specifier. */
export function importsOf(path: string, text = readFileSync(path, 'utf8')): Import[] {
  const out: Import[] = [];
  const re = /(?:^|[^\w.])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[^\w.])import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(re)) {
    const line = text.slice(0, m.index + m[0].search(/\b(?:import|export)\b/)).split('\n').length;
    out.push({ from: path, spec: (m[1] ?? m[2] ?? m[3]) as string, line });
  }
  return out;
}

/** Comments and string/template literals blanked out (same length), so code words in prose do not count. */
export function codeOnly(text: string): string {
  let out = '';
  let i = 0;
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  while (i < text.length) {
    const c = text[i];
    const two = text.slice(i, i + 2);
    let end = -1;
    if (two === '//') end = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (two === '/*') end = text.indexOf('*/', i + 2) < 0 ? text.length : text.indexOf('*/', i + 2) + 2;
    else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\') j++;
        else if (c !== '`' && text[j] === '\n') break;
        j++;
      }
      end = Math.min(j + 1, text.length);
    }
    if (end < 0) {
      out += c;
      i++;
    } else {
      out += blank(text.slice(i, end));
      i = end;
    }
  }
  return out;
}

/** Browser and DOM globals core must not touch (IndexedDB is allowed: core/store is built on it). */
const BROWSER_API = /\b(?:browser|chrome|document|window|localStorage|sessionStorage|navigator|location|self)\s*\.\s*[A-Za-z_$]|\b(?:HTMLElement|HTMLInputElement|XMLHttpRequest|DOMParser|MutationObserver)\b/;
/** Packages and folders core must never import: the shells and what only they may use. */
const FORBIDDEN_SPEC = /^(?:node:|webextension-polyfill$|preact|playwright|vite|vitest$)|^(?:fs|path|os|child_process|crypto|http|https|net|url|util|worker_threads)$/;

export interface Violation {
  where: string;
  what: string;
}

/** The imported file, relative to core/, as the .ts source ("../errors" and "../errors.js" → errors.ts). */
function targetOf(file: string, spec: string): string {
  const t = posix(relative(CORE, resolve(dirname(file), spec)));
  return t.endsWith('.js') ? t.replace(/\.js$/, '.ts') : /\.tsx?$/.test(t) ? t : `${t}.ts`;
}

const topOf = (coreRelative: string) => coreRelative.split('/')[0];
const posix = (p: string) => p.split(sep).join('/');

/** Every breach of the layering in the given files (paths absolute, under core/). */
export function layeringViolations(files: readonly string[], read: (p: string) => string = (p) => readFileSync(p, 'utf8')): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const rel = posix(relative(CORE, file));
    const text = read(file);
    for (const imp of importsOf(file, text)) {
      const where = `core/${rel}:${imp.line}`;
      if (FORBIDDEN_SPEC.test(imp.spec)) {
        violations.push({ where, what: `imports "${imp.spec}" (core runs in Node, a service worker and a page)` });
        continue;
      }
      if (!imp.spec.startsWith('.')) continue;
      const target = targetOf(file, imp.spec);
      if (target.startsWith('..')) {
        violations.push({ where, what: `imports ${imp.spec}, outside core` });
        continue;
      }
      const [a, b] = [topOf(rel), topOf(target)];
      if (a === b) continue;
      const [ra, rb] = [RANK[a], RANK[b]];
      if (ra === undefined) violations.push({ where, what: `core/${a} has no layer: add it to RANK` });
      else if (rb === undefined) violations.push({ where, what: `imports core/${b}, which has no layer: add it to RANK` });
      else if (ra === 0 && rb === 0) {
        if (FLOOR_ORDER.indexOf(b) >= FLOOR_ORDER.indexOf(a)) {
          violations.push({ where, what: `floor core/${a} imports ${target} (core/${b}): floors import only earlier floors (${FLOOR_ORDER.join(' < ')})` });
        }
      } else if (rb >= ra) {
        violations.push({ where, what: `core/${a} (layer ${ra}) imports ${target} (core/${b}, layer ${rb}): import downward only` });
      }
    }
    const code = codeOnly(text);
    const m = BROWSER_API.exec(code);
    if (m) violations.push({ where: `core/${rel}:${code.slice(0, m.index).split('\n').length}`, what: `uses a browser API (${m[0].trim()}) inside core` });
  }
  return violations;
}

describe('core layering', () => {
  const files = sources(CORE);

  it('every import in core points downward, and core touches no browser API', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(layeringViolations(files)).toEqual([]);
  });

  it('catches a planted upward import (also between floors, and from a floor into a domain), a shell import, a Node built-in and a DOM call', () => {
    const planted = new Map([
      [join(CORE, 'pdf/planted-upward.ts'), "import { verifyPdf } from '../verify/index.js';\nexport const x = verifyPdf;\n"],
      [join(CORE, 'book/planted-dynamic.ts'), "export const load = () => import('../store/db.js');\n"],
      [join(CORE, 'ecopy/planted-shell.ts'), "export { t } from '../../extension/shared/i18n.js';\n"],
      [join(CORE, 'pki/planted-node.ts'), "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n"],
      [join(CORE, 'verify/planted-dom.ts'), "// document.title in a comment is fine\nexport const s = 'window.open in a string is fine';\nexport const title = () => document.title;\n"],
      [join(CORE, 'cms/planted-browser.ts'), 'export const go = () => browser.runtime.sendMessage({});\n'],
      [join(CORE, 'pki/planted-signers.ts'), "import { createPkcs12 } from '../signers/pkcs12.js';\nexport const p = createPkcs12;\n"],
      [join(CORE, 'bytes/planted-floor.ts'), "import { OID } from '../asn1/oids.js';\nexport const o = OID;\n"],
      [join(CORE, 'crypto/planted-domain.ts'), "import { describeCertificate } from '../pki/certificate.js';\nexport const d = describeCertificate;\n"],
    ]);
    const v = layeringViolations([...planted.keys()], (p) => planted.get(p) as string);
    expect(v.map((x) => x.where)).toEqual([
      'core/pdf/planted-upward.ts:1',
      'core/book/planted-dynamic.ts:1',
      'core/ecopy/planted-shell.ts:1',
      'core/pki/planted-node.ts:1',
      'core/verify/planted-dom.ts:3',
      'core/cms/planted-browser.ts:1',
      'core/pki/planted-signers.ts:1',
      'core/bytes/planted-floor.ts:1',
      'core/crypto/planted-domain.ts:1',
    ]);
    expect(v[0].what).toBe('core/pdf (layer 1) imports verify/index.ts (core/verify, layer 5): import downward only');
    expect(v[1].what).toMatch(/core\/book \(layer 5\) imports store\/db\.ts/);
    expect(v[2].what).toMatch(/outside core/);
    expect(v[3].what).toMatch(/imports "node:fs"/);
    expect(v[4].what).toMatch(/browser API \(document\.t/);
    expect(v[5].what).toMatch(/browser API \(browser\.r/);
    expect(v[6].what).toBe('core/pki (layer 2) imports signers/pkcs12.ts (core/signers, layer 3): import downward only');
    expect(v[7].what).toBe('floor core/bytes imports asn1/oids.ts (core/asn1): floors import only earlier floors (errors.ts < bytes < asn1 < crypto)');
    expect(v[8].what).toBe('core/crypto (layer 0) imports pki/certificate.ts (core/pki, layer 2): import downward only');
  });
});

/**
 * Extension UI reaches storage only through extension/services (which bind core/store to the page's database),
 * never core/store directly; type-only imports are fine. The files below still do: other helpers were editing them
 * when this rule came (issue 13), and their move to services is scheduled with the floors refactor.
 */
export const UI_STORE_LEFTOVERS: ReadonlySet<string> = new Set([
  'extension/ui/options/PortalsSection.tsx',
  'extension/ui/options/LanguageSection.tsx',
  'extension/ui/options/TrustSection.tsx',
  'extension/ui/report/ReportPage.tsx',
  'extension/ui/common/i18n.ts',
  'extension/ui/manage/KeysPage.tsx',
  'extension/ui/clerk/SignedStep.tsx',
  'extension/ui/clerk/AuthorityQueue.tsx',
  'extension/ui/clerk/CertifyFlow.tsx',
]);

export function uiStoreImports(files: readonly string[], read: (p: string) => string = (p) => readFileSync(p, 'utf8')): string[] {
  const found: string[] = [];
  for (const file of files) {
    const text = read(file);
    for (const m of text.matchAll(/^import\s+(?!type\s)[^;]*?from\s*['"]([^'"]*\/core\/store\/[^'"]+)['"]/gm)) {
      found.push(`${posix(relative(repoRoot, file))} → ${m[1]}`);
    }
  }
  return found;
}

describe('extension UI and storage', () => {
  const ui = sources(join(repoRoot, 'extension/ui'));

  it('UI components reach core/store only through extension/services (type imports aside)', () => {
    const direct = uiStoreImports(ui).filter((x) => !UI_STORE_LEFTOVERS.has(x.split(' → ')[0]));
    expect(direct).toEqual([]);
  });

  it('each leftover still imports core/store (the list only shrinks), and a planted import is caught', () => {
    const still = new Set(uiStoreImports(ui).map((x) => x.split(' → ')[0]));
    expect([...UI_STORE_LEFTOVERS].filter((f) => !still.has(f))).toEqual([]);
    const planted = join(repoRoot, 'extension/ui/manage/Planted.tsx');
    const text = "import type { CopyRecord } from '../../../core/store/db.js';\nimport { listBooks } from '../../../core/store/book.js';\n";
    expect(uiStoreImports([planted], () => text)).toEqual(['extension/ui/manage/Planted.tsx → ../../../core/store/book.js']);
  });
});
