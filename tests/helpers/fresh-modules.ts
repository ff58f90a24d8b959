// Stryker with MUTATE_ISOLATE=0 (vitest.stryker.config.ts): test files share one process, but each starts from a fresh
// module registry, so no module-level cache computed under one mutant can answer a test run under another.
import { vi } from 'vitest';

vi.resetModules();
