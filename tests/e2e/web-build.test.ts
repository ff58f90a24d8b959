/**
 * The built web page (dist/web) as shipped: every page carries the CSP, the manifest makes it installable with a
 * share target and icons of the sizes phones ask for, the service worker precaches exactly the built files under
 * a content-versioned name, and the first view does not load the verification code (core/verify, pkijs).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pageFiles } from '../../demo-portal/bench.js';
import { WEB_CSP_META } from '../../web/csp.js';
import { repoRoot } from '../helpers/tools.js';
import { ensureWebBuilt } from './web-helpers.js';

const WEB = join(repoRoot, 'dist/web');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

function pngSize(path: string): [number, number] {
  const b = readFileSync(path);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('web build (dist/web)', () => {
  beforeAll(() => ensureWebBuilt(), 120_000);

  it('every page has the CSP meta tag and no inline script', () => {
    const pages = readdirSync(WEB).filter((f) => f.endsWith('.html'));
    expect(pages.sort()).toEqual(['index.html', 'report.html', 'settings.html']);
    for (const p of pages) {
      const html = readFileSync(join(WEB, p), 'utf8');
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${WEB_CSP_META}" />`);
      expect(WEB_CSP_META).toMatch(/connect-src 'self'/);
      expect([...html.matchAll(/<script\b([^>]*)>/g)].every((m) => /\bsrc=/.test(m[1]))).toBe(true);
    }
  });

  it('the manifest is installable (standalone, 192 and 512 px icons) and declares a multipart POST share target for PDFs', () => {
    const m = JSON.parse(readFileSync(join(WEB, 'manifest.webmanifest'), 'utf8'));
    expect(m).toMatchObject({ start_url: './', scope: './', display: 'standalone', lang: 'vi' });
    expect(m.share_target).toEqual({ action: './share', method: 'POST', enctype: 'multipart/form-data', params: { files: [{ name: 'file', accept: ['application/pdf', '.pdf'] }] } });
    for (const icon of m.icons as { src: string; sizes: string }[]) expect(pngSize(join(WEB, icon.src)).join('x')).toBe(icon.sizes);
    expect((m.icons as { sizes: string }[]).map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  });

  it('the service worker precaches exactly the built files, under a name versioned by their contents', () => {
    const sw = readFileSync(join(WEB, 'sw.js'), 'utf8');
    const shell = JSON.parse(sw.match(/addAll\((\[[^\]]*\])/)?.[1].replace(/`/g, '"') ?? 'null') as string[];
    const built = files(WEB)
      .map((f) => relative(WEB, f))
      .filter((f) => f !== 'sw.js' && !f.endsWith('.txt'))
      .sort();
    expect(shell).toEqual(built);
    expect(sw).toMatch(/saoy-web-shell-/);
    expect(sw).toMatch(/`[0-9a-f]{16}`/);
  });

  it('the first view loads the shell only: the verification worker (core/verify, pkijs) is a file of its own', () => {
    const first = pageFiles(WEB, 'index.html').map((f) => relative(WEB, f));
    expect(first.some((f) => f.includes('verify-worker'))).toBe(false);
    const worker = readdirSync(join(WEB, 'assets')).find((f) => f.startsWith('verify-worker'));
    expect(worker).toBeDefined();
    // pkijs names its classes after the ASN.1 structures: they are in the worker, not in the first view.
    expect(readFileSync(join(WEB, 'assets', worker as string), 'utf8')).toMatch(/SignedData/);
    for (const f of first.filter((x) => x.endsWith('.js'))) expect(readFileSync(join(WEB, f), 'utf8')).not.toMatch(/SignedData/);
  });

  it('every string key the web pages use exists in vi and en', () => {
    const load = (l: string) => JSON.parse(readFileSync(join(repoRoot, `extension/_locales/${l}/messages.json`), 'utf8')) as Record<string, unknown>;
    const vi = load('vi');
    const en = load('en');
    const used = new Set<string>();
    for (const f of readdirSync(join(repoRoot, 'web')).filter((x) => /\.tsx?$/.test(x))) {
      for (const m of readFileSync(join(repoRoot, 'web', f), 'utf8').matchAll(/\bt\(\s*'([a-z][A-Za-z0-9_]*)'/g)) used.add(m[1]);
      for (const m of readFileSync(join(repoRoot, 'web', f), 'utf8').matchAll(/boot\(\w+, '([a-z_]+)'\)/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(8);
    expect([...used].filter((k) => !(k in vi) || !(k in en))).toEqual([]);
  });
});
