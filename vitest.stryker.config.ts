import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against mutants (scripts/mutate.ts): the ones that import core/extension source
 * directly, the real-world tests included (files made by qpdf, pdfsig, OpenSSL, verified by core/verify itself).
 * Interop and E2E tests exercise the built bundles in dist/, which a mutant in the sandbox never reaches, and the
 * fuzz run is random rather than targeted, so they are left out.
 */
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/verify/corpus.test.ts', 'tests/verify/real-world-*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // MUTATE_ISOLATE=0: test files share one module registry per runner (far fewer re-imports per mutant).
    isolate: process.env.MUTATE_ISOLATE !== '0',
    setupFiles: process.env.MUTATE_ISOLATE === '0' ? ['tests/helpers/fresh-modules.ts'] : [],
  },
});
