import { defineConfig } from 'vite';
import webExtension from 'vite-plugin-web-extension';
import { cpSync } from 'node:fs';
import { resolve } from 'node:path';

// The extension build: the root manifest.json names every entry point (background, popup, ...).
export default defineConfig({
  root: '.',
  build: { outDir: 'dist/chrome', emptyOutDir: true, target: 'es2022' },
  plugins: [
    webExtension({
      manifest: 'manifest.json',
      browser: 'chrome',
      disableAutoLaunch: true,
      // Validation fetches a schema from the internet; builds must work offline.
      skipManifestValidation: true,
    }),
    {
      name: 'saoy-locales',
      closeBundle() {
        cpSync(resolve('extension/_locales'), resolve('dist/chrome/_locales'), { recursive: true });
      },
    },
  ],
});
