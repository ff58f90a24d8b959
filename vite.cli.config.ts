import { defineConfig } from 'vite';

// The `saoy` command as one Node ESM bundle; dependencies stay external (node_modules).
export default defineConfig({
  build: {
    ssr: 'cli/main.ts',
    outDir: 'dist/cli',
    emptyOutDir: true,
    target: 'node20',
    // pkcs11js is an optional dependency (native build): left to Node at run time even when it is not installed.
    rollupOptions: { external: ['pkcs11js'], output: { entryFileNames: 'saoy.mjs' } },
  },
  ssr: { noExternal: [] },
});
