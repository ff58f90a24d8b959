import { readFileSync } from 'node:fs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, basename } from 'node:path';
import { CliError } from './fail.js';

export async function readInput(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw inputError(e, path, what);
  }
}

/**
 * The same, blocking, and without copying: for a verify worker, whose only job is the file at hand (an async read
 * would wait its turn in the busy libuv pool). A plain Uint8Array view, not a Buffer (whose slice() shares bytes).
 */
export function readInputSync(path: string, what: string): Uint8Array {
  try {
    const b = readFileSync(path);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (e) {
    throw inputError(e, path, what);
  }
}

function inputError(e: unknown, path: string, what: string): CliError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new CliError(`${what} "${path}" does not exist`);
  if (code === 'EISDIR') return new CliError(`${what} "${path}" is a directory, not a file`);
  if (code === 'EACCES') return new CliError(`${what} "${path}" cannot be read (permission denied)`);
  return new CliError(`${what} "${path}" cannot be read (${code ?? 'unknown error'})`);
}

export async function writeOutput(path: string, bytes: Uint8Array | string, what = 'output file'): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`cannot write ${what} "${path}" (${code ?? 'unknown error'})`);
  }
}

export { basename };
