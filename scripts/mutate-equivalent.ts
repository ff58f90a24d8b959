/**
 * Equivalent mutants: no input can tell them from the original code, so they cannot be killed and are not counted
 * in the score of `npm run mutate`. Each is named by file, mutator, the original code and its replacement (not by
 * line, so the list survives edits above it), with a one-line reason. Stryker's HTML report still shows them as
 * survived; the summary printed by scripts/mutate.ts lists them apart. Add one only with a reason a reviewer can check.
 */
export interface Equivalent {
  file: string;
  mutator: string;
  original: string;
  replacement: string;
  reason: string;
}

export const EQUIVALENT: readonly Equivalent[] = [
  {
    file: 'extension/shared/messages.ts',
    mutator: 'ConditionalExpression',
    original: "typeof v === 'number'",
    replacement: 'true',
    reason: 'isId: Number.isSafeInteger(v), checked next, is false for every non-number',
  },
  {
    file: 'extension/shared/messages.ts',
    mutator: 'ConditionalExpression',
    original: "typeof msg.tabId === 'number'",
    replacement: 'true',
    reason: 'tabSummary: Number.isSafeInteger(msg.tabId), checked next, is false for every non-number',
  },
  {
    file: 'extension/shared/messages.ts',
    mutator: 'ConditionalExpression',
    original: "typeof v === 'object'",
    replacement: 'true',
    reason: 'isRecord: a primitive let through has no own `type`, so every parser still returns undefined',
  },
  {
    file: 'extension/shared/messages.ts',
    mutator: 'ConditionalExpression',
    original: "typeof msg.type !== 'string'",
    replacement: 'false',
    reason: 'parseRequest: the switch compares msg.type with === against strings only, so a non-string reaches default',
  },
  {
    file: 'extension/shared/messages.ts',
    mutator: 'ConditionalExpression',
    original: 'default:\n      return undefined;',
    replacement: 'default:',
    reason: 'parseRequest: without the default case the function falls off the switch and returns undefined anyway',
  },
];
