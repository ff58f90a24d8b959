import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, basename } from 'node:path';
import { CliError } from './fail.js';

export async function readInput(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${what} "${path}" does not exist`);
    if (code === 'EISDIR') throw new CliError(`${what} "${path}" is a directory, not a file`);
    if (code === 'EACCES') throw new CliError(`${what} "${path}" cannot be read (permission denied)`);
    throw new CliError(`${what} "${path}" cannot be read (${code ?? 'unknown error'})`);
  }
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
