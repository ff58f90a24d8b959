/**
 * One error type for everything core refuses to do. `code` is stable (tests, JSON, UI lookup);
 * `message` is one English sentence for the CLI; `vi` is the Vietnamese sentence for the extension UI.
 */
export class SaoyError extends Error {
  readonly code: string;
  readonly vi: string;
  constructor(code: string, message: string, vi: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SaoyError';
    this.code = code;
    this.vi = vi;
  }
}

export function isSaoyError(e: unknown): e is SaoyError {
  return e instanceof SaoyError;
}
