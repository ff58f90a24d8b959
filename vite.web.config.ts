import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { iconPng } from './scripts/make-icons.js';
import { WEB_CSP_META } from './web/csp.js';
import { webManifest } from './web/manifest.js';

/**
 * The web verify page (issue 17). `vite build --config vite.web.config.ts` → dist/web: the pages, the shell
 * bundle and the verification worker (core/verify, pkijs: never in the first view). Then `--mode sw` builds the
 * service worker, which precaches exactly the files the first build wrote, under a name versioned by their hash.
 *
 * The extension's UI components are used as they are: `webextension-polyfill` resolves to web/browser-shim.ts,
 * and the report's online check (network) to web/no-online-check.tsx.
 */
const OUT = resolve('dist/web');
const PUBLIC = resolve('dist/.web-public');

/** Static files of the site: manifest, icons (drawn by scripts/make-icons.ts, with the sizes phones ask for), strings, the monospace font. */
function writePublic(): void {
  rmSync(PUBLIC, { recursive: true, force: true });
  mkdirSync(join(PUBLIC, 'icons'), { recursive: true });
  for (const s of [16, 32, 48, 128]) cpSync(resolve(`extension/icons/icon-${s}.png`), join(PUBLIC, `icons/icon-${s}.png`));
  for (const s of [192, 512]) writeFileSync(join(PUBLIC, `icons/icon-${s}.png`), iconPng(s));
  writeFileSync(join(PUBLIC, 'manifest.webmanifest'), JSON.stringify(webManifest(), null, 1));
  for (const l of ['vi', 'en']) cpSync(resolve(`extension/_locales/${l}/messages.json`), join(PUBLIC, `_locales/${l}/messages.json`));
  cpSync(resolve('node_modules/dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf'), join(PUBLIC, 'fonts/DejaVuSansMono.ttf'));
  cpSync(resolve('node_modules/dejavu-fonts-ttf/LICENSE'), join(PUBLIC, 'fonts/LICENSE-DejaVu.txt'));
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

const csp: Plugin = { name: 'saoy-web-csp', transformIndexHtml: (html) => html.replace('%SAOY_CSP%', WEB_CSP_META) };

export default defineConfig(({ mode }) => {
  const alias = [
    { find: /^webextension-polyfill$/, replacement: resolve('web/browser-shim.ts') },
    { find: /^\.\/OnlineCheckSection\.js$/, replacement: resolve('web/no-online-check.tsx') },
  ];
  if (mode === 'sw') {
    if (!existsSync(join(OUT, 'index.html'))) throw new Error('dist/web is missing: the service worker is built after the pages');
    const files = listFiles(OUT)
      .map((p) => relative(OUT, p).split('\\').join('/'))
      .filter((p) => p !== 'sw.js' && !p.endsWith('.txt'))
      .sort();
    const hash = createHash('sha256');
    for (const f of files) hash.update(f).update(readFileSync(join(OUT, f)));
    // The worker's own code too: a change to it alone also makes a new cache (and so a clean update).
    hash.update(readFileSync(resolve('web/sw.ts'))).update(readFileSync(resolve('web/shared-file.ts')));
    return {
      publicDir: false,
      define: { __SAOY_SHELL__: JSON.stringify(files), __SAOY_VERSION__: JSON.stringify(hash.digest('hex').slice(0, 16)) },
      build: {
        outDir: OUT,
        emptyOutDir: false,
        target: 'es2022',
        rollupOptions: { input: resolve('web/sw.ts'), output: { format: 'iife', entryFileNames: 'sw.js' } },
      },
    };
  }
  writePublic();
  return {
    root: resolve('web'),
    base: './',
    publicDir: PUBLIC,
    resolve: { alias },
    plugins: [csp],
    worker: { format: 'iife' },
    build: {
      outDir: OUT,
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: { input: { index: resolve('web/index.html'), report: resolve('web/report.html'), settings: resolve('web/settings.html') } },
    },
  };
});
