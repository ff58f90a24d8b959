import { defineConfig } from 'vite';

// The `saoy` command as one Node ESM bundle; dependencies stay external (node_modules).
export default defineConfig({
  build: {
    ssr: 'cli/main.ts',
    outDir: 'dist/cli',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: { output: { entryFileNames: 'saoy.mjs' } },
  },
  ssr: { noExternal: [] },
});
