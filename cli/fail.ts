import { isSaoyError } from '../core/errors.js';

/** A usage or input problem the CLI reports in one line (exit code attached). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** One English line on stderr, never a stack trace (unless SAOY_DEBUG is set, for developers). */
export function reportFailure(e: unknown): number {
  if (process.env.SAOY_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  if (e instanceof CliError) {
    process.stderr.write(`saoy: error: ${e.message}\n`);
    return e.exitCode;
  }
  if (isSaoyError(e)) {
    process.stderr.write(`saoy: error: ${e.message}\n`);
    return 1;
  }
  const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
  process.stderr.write(`saoy: error: unexpected failure: ${msg}\n`);
  return 1;
}
