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
  {
    file: 'core/verify/checks/byte-range.ts',
    mutator: 'ConditionalExpression',
    original: "v.kind !== 'number'",
    replacement: 'false',
    reason: 'ByteRange items: a non-number has no isInteger, so `!v.isInteger` refuses it anyway',
  },
  {
    file: 'core/verify/checks/byte-range.ts',
    mutator: 'ConditionalExpression',
    original: 'len >= 0',
    replacement: 'true',
    reason: 'ByteRange bounds: every item was already checked non-negative',
  },
  {
    file: 'core/verify/checks/byte-range.ts',
    mutator: 'ConditionalExpression',
    original: "contents.kind !== 'string'",
    replacement: 'false',
    reason: '/Contents: only strings carry `hex`, so `!contents.hex` refuses every other kind',
  },
  {
    file: 'core/verify/checks/byte-range.ts',
    mutator: 'EqualityOperator',
    original: 'a < obj.start',
    replacement: 'a <= obj.start',
    reason: 'gap inside the dictionary: at obj.start stands "N G obj", never the \'<\' required above',
  },
  {
    file: 'core/verify/checks/byte-range.ts',
    mutator: 'EqualityOperator',
    original: 'b > obj.end',
    replacement: 'b >= obj.end',
    reason: "gap inside the dictionary: obj.end follows `endobj` (or the dictionary's '>>'), never a hex string's '>' with only hex digits before it",
  },
  {
    file: 'core/verify/checks/byte-range.ts',
    mutator: 'EqualityOperator',
    original: 'end < r.end',
    replacement: 'end <= r.end',
    reason: 'EOF tolerance: end === r.end already returned true on the line above',
  },
  {
    file: 'core/verify/checks/byte-range.ts',
    mutator: 'ConditionalExpression',
    original: 'r.end - end <= 2',
    replacement: 'true',
    reason: "EOF tolerance: r.end includes at most the 2-byte EOL after %%EOF, so no 3 EOL bytes can follow its 'F'",
  },
  {
    file: 'core/verify/checks/byte-range.ts',
    mutator: 'ConditionalExpression',
    original: 'end >= 5',
    replacement: 'true',
    reason: "EOF tolerance: bytes[end - 1] must be the 'F' of %%EOF, which cannot lie in the file's first 5 bytes (%PDF-)",
  },
  {
    file: 'core/verify/checks/byte-range.ts',
    mutator: 'EqualityOperator',
    original: 'end >= 5',
    replacement: 'end > 5',
    reason: "EOF tolerance: as above, end is never 5 when bytes[end - 1] is the 'F' of a revision's %%EOF",
  },
  {
    file: 'core/verify/checks/byte-range.ts',
    mutator: 'ConditionalExpression',
    original: 'i < r.end',
    replacement: 'false',
    reason: "EOF tolerance: the bytes between that 'F' and r.end are the EOL of %%EOF, always whitespace",
  },
  {
    file: 'core/verify/checks/byte-range.ts',
    mutator: 'EqualityOperator',
    original: 'i < r.end',
    replacement: 'i >= r.end',
    reason: 'EOF tolerance: with end < r.end the mutated loop never runs, and the skipped check cannot fail (see above)',
  },
  {
    file: 'core/verify/checks/byte-range.ts',
    mutator: 'ConditionalExpression',
    original: '!isEol(bytes[i])',
    replacement: 'false',
    reason: "EOF tolerance: the bytes between that 'F' and r.end are the EOL of %%EOF, always whitespace",
  },
  {
    file: 'core/verify/checks/byte-range.ts',
    mutator: 'ConditionalExpression',
    original: 'k === value.length',
    replacement: 'true',
    reason: 'sameHexString: the digit count was checked equal to value.length before, so k always ends there',
  },
  {
    file: 'core/book/numbering.ts',
    mutator: 'StringLiteral',
    original: "'0'",
    replacement: '""',
    reason: 'suggestBookNo: formatBookNo pads a one-digit book number to two digits itself ("1" → "01")',
  },
  {
    file: 'extension/background/attachment-origin.ts',
    mutator: 'BlockStatement',
    original: '{\n    return undefined;\n  }',
    replacement: '{}',
    reason: 'originOf: an empty catch block falls off the function, which returns undefined just the same',
  },
  ...[
    ["!page || !target || target === 'null'", 'false'],
    ["!page || !target || target === 'null'", "(!page || !target) && target === 'null'"],
    ['!page || !target', 'false'],
    ['!page || !target', '!page && !target'],
    ["target === 'null'", 'false'],
    ["'null'", '""'],
  ].map(([original, replacement]) => ({
    file: 'extension/background/attachment-origin.ts',
    mutator: replacement === 'false' ? 'ConditionalExpression' : replacement === '""' ? 'StringLiteral' : 'LogicalOperator',
    original,
    replacement,
    reason: 'attachmentPolicy: both URLs passed isHttpUrl just above, so both parse and an http(s) origin is never "null"',
  })),
  {
    file: 'extension/background/router.ts',
    mutator: 'ConditionalExpression',
    original: 'tabId !== undefined',
    replacement: 'true',
    reason: 'hello/verifyUrl/openReport: only content scripts may send them (allowedFrom), and senderKind calls a sender content only when it has a tab id',
  },
  ...[
    ["tabId !== undefined && kind === 'content'", 'true'],
    ["tabId !== undefined && kind === 'content'", "tabId !== undefined || kind === 'content'"],
    ["kind === 'content'", 'true'],
  ].map(([original, replacement]) => ({
    file: 'extension/background/router.ts',
    mutator: replacement === 'true' ? 'ConditionalExpression' : 'LogicalOperator',
    original,
    replacement,
    reason: "verifyUrl: our pages' URLs are not http(s), so attachmentPolicy gives them no policy anyway; recordResult is reached only with a policy, i.e. from a content script (always with a tab id)",
  })),
  {
    file: 'extension/background/router.ts',
    mutator: 'ConditionalExpression',
    original: 'tab?.id === undefined',
    replacement: 'false',
    reason: "openCertify: kind !== 'content' refused every sender before, and senderKind gives a content script a tab id",
  },
  {
    file: 'extension/background/router.ts',
    mutator: 'OptionalChaining',
    original: 'tab?.id',
    replacement: 'tab.id',
    reason: "openCertify: kind !== 'content' refused every sender before, and senderKind gives a content script a tab",
  },
  {
    file: 'core/book/integrity.ts',
    mutator: 'ConditionalExpression',
    original: "r.kind === 'close'",
    replacement: 'false',
    reason: 'numberOf: a closing record has no `number` field, so r.number is undefined for it as well',
  },
  {
    file: 'core/book/integrity.ts',
    mutator: 'StringLiteral',
    original: "'close'",
    replacement: '""',
    reason: 'numberOf: as above, a closing record read as having a number still yields undefined',
  },
  {
    file: 'core/book/integrity.ts',
    mutator: 'EqualityOperator',
    original: 'r.number > expectedNumber',
    replacement: 'r.number >= expectedNumber',
    reason: 'number gap: when equal, the loop adds nothing, nothing is explained (0) and missingRecords stays as it is',
  },
  {
    file: 'core/book/integrity.ts',
    mutator: 'ConditionalExpression',
    original: "r.kind === 'complete'",
    replacement: 'true',
    reason: 'a cancellation also marking its entry completed: every later record of that entry is reported as already cancelled first',
  },
  {
    file: 'core/book/integrity.ts',
    mutator: 'EqualityOperator',
    original: 'r.seq < maxSeq',
    replacement: 'r.seq <= maxSeq',
    reason: 'checkOrder: a record at maxSeq meets !seen.has(r.seq) false, since maxSeq was added to seen when it was set',
  },
  {
    file: 'core/book/integrity.ts',
    mutator: 'ConditionalExpression',
    original: 'group.length === 1',
    replacement: 'false',
    reason: 'dropInserted: a group of one keeps its only record through the general branch too, and reports no other',
  },
  // core/book (helper h14book)
  {
    file: 'core/book/search.ts',
    mutator: 'MethodExpression',
    original: "foldVietnamese(query)\n    .split(' ')\n    .filter(Boolean)",
    replacement: "foldVietnamese(query).split(' ')",
    reason: 'matchesText: the folded query is trimmed with single spaces, so the only empty word is that of an empty query, and "".includes gives true as every() of nothing does',
  },
  {
    file: 'core/book/draft.ts',
    mutator: 'ConditionalExpression',
    original: "typeof value !== 'number'",
    replacement: 'false',
    reason: 'count: Number.isSafeInteger(value), checked next, is false for every non-number',
  },
];
