import { defineConfig } from 'vite';
import webExtension from 'vite-plugin-web-extension';
import { cpSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The extension build. `vite build` → dist/chrome (service worker); `vite build --mode firefox` → dist/firefox
 * (background scripts, gecko id): manifest keys prefixed {{chrome}}. / {{firefox}}. pick the browser.
 */
export default defineConfig(({ mode }) => {
  const browser = mode === 'firefox' ? 'firefox' : 'chrome';
  const outDir = `dist/${browser}`;
  return {
    root: '.',
    build: { outDir, emptyOutDir: true, target: 'es2022' },
    plugins: [
      webExtension({
        manifest: 'manifest.json',
        browser,
        disableAutoLaunch: true,
        // Validation fetches a schema from the internet; builds must work offline.
        skipManifestValidation: true,
        // Pages the manifest does not name: the report, the full-tab verify page, the clerk's manage page, Chrome's
        // offscreen document, and the verification worker (one fixed file: started by URL from any context).
        additionalInputs: ['extension/ui/report/index.html', 'extension/ui/verify/index.html', 'extension/ui/manage/index.html', 'extension/background/offscreen.html', 'extension/services/verify-worker.ts'],
      }),
      {
        name: 'saoy-locales',
        closeBundle() {
          cpSync(resolve('extension/_locales'), resolve(outDir, '_locales'), { recursive: true });
          // The icons (drawn by scripts/make-icons.ts), at the paths the manifest names.
          cpSync(resolve('extension/icons'), resolve(outDir, 'extension/icons'), { recursive: true });
        },
      },
      {
        // The statement font of every copy (buildCopy embeds a subset): shipped as files, fetched by extension pages.
        name: 'saoy-fonts',
        closeBundle() {
          // DejaVu Sans Mono: the monospace face of extension pages (hashes, change lists, print view) — system
          // monospace fonts often lack Vietnamese letters (ệ, ữ, ở…).
          for (const f of ['DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf', 'DejaVuSansMono.ttf']) cpSync(resolve('node_modules/dejavu-fonts-ttf/ttf', f), resolve(outDir, 'fonts', f));
          cpSync(resolve('node_modules/dejavu-fonts-ttf/LICENSE'), resolve(outDir, 'fonts', 'LICENSE-DejaVu.txt'));
        },
      },
    ],
  };
});
