/**
 * `--level B-B|B-T|B-LT|B-LTA` and the validation-data flags shared by certify, approve and extend. Revocation
 * data comes from `--crl`/`--ocsp` files; only `--fetch-revocation` lets saoy ask the URLs the certificates name.
 */
import { isSaoyError } from '../core/errors.js';
import { extendPdf, PADES_LEVELS, type ExtendResult, type PadesLevel } from '../core/ltv/extend.js';
import { describeCertificate } from '../core/pki/certificate.js';
import { readOcspFromFile } from '../core/pki/ocsp.js';
import { httpFetcher } from '../core/pki/online/fetcher.js';
import { certificatesFromFile } from '../core/pki/pem.js';
import { readCrlsFromFile } from '../core/pki/revocation.js';
import { CliError } from './fail.js';
import { readInput } from './files.js';

export const LTV_OPTIONS = {
  level: { type: 'string' },
  crl: { type: 'string', multiple: true },
  ocsp: { type: 'string', multiple: true },
  cert: { type: 'string', multiple: true },
  'fetch-revocation': { type: 'boolean', default: false },
} as const;

export interface LtvFlags {
  level?: string;
  crl?: string[];
  ocsp?: string[];
  cert?: string[];
  'fetch-revocation'?: boolean;
}

/** The level asked for (default B-T with a TSA, else B-B); refuses a level the other flags cannot give. */
export function parseLevel(value: string | undefined, hasTsa: boolean, allowed: readonly PadesLevel[] = PADES_LEVELS, signing = true): PadesLevel {
  const level = (value ?? (hasTsa ? 'B-T' : 'B-B')).toUpperCase() as PadesLevel;
  if (!allowed.includes(level)) throw new CliError(`--level must be ${allowed.join(', ')}; got "${value}"`);
  // Signing: B-T and above timestamp each signature. Extending: only B-LTA's document timestamp needs the TSA.
  if ((signing ? level !== 'B-B' : level === 'B-LTA') && !hasTsa) throw new CliError(`--level ${level} needs a timestamp authority: add --tsa-url URL`);
  if (level === 'B-B' && hasTsa) throw new CliError('--level B-B takes no --tsa-url (a timestamp makes it B-T)');
  return level;
}

async function readAll(files: readonly string[], what: string, read: (b: Uint8Array) => Uint8Array[]): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const f of files) {
    let items: Uint8Array[];
    try {
      items = read(await readInput(f, what));
    } catch (e) {
      if (e instanceof CliError) throw e;
      throw new CliError(`${what} "${f}" cannot be read${isSaoyError(e) ? ` (${e.message})` : ''}`);
    }
    if (items.length === 0) throw new CliError(`nothing usable in ${what} "${f}"`);
    out.push(...items);
  }
  return out;
}

/** Adds the validation data (B-LT) and a document timestamp (B-LTA) to signed bytes. */
export async function extendToLevel(
  bytes: Uint8Array,
  level: 'B-LT' | 'B-LTA',
  flags: LtvFlags,
  timestamp: ((data: Uint8Array) => Promise<Uint8Array>) | undefined,
): Promise<ExtendResult> {
  const crls = await readAll(flags.crl ?? [], 'CRL file', readCrlsFromFile);
  const ocspResponses = await readAll(flags.ocsp ?? [], 'OCSP response file', readOcspFromFile);
  const certificates = await readAll(flags.cert ?? [], 'certificate file', (b) => {
    const c = certificatesFromFile(b);
    c.forEach((x) => describeCertificate(x));
    return c;
  });
  try {
    return await extendPdf(bytes, {
      level,
      crls,
      ocspResponses,
      certificates,
      timestamp,
      fetcher: flags['fetch-revocation'] ? httpFetcher({ timeoutMs: 10_000, maxBytes: 2 * 1024 * 1024 }) : undefined,
    });
  } catch (e) {
    if (isSaoyError(e)) throw new CliError(e.message);
    throw e;
  }
}

/** Lines telling what the extension did and what it could not find. */
export function extendNotes(r: ExtendResult): string[] {
  const lines = [`validation data added: ${r.added.certificates} certificate(s), ${r.added.crls} CRL(s), ${r.added.ocspResponses} OCSP response(s)`];
  for (const f of r.fetches) lines.push(`fetched ${f.kind} ${f.url} for ${f.certificate}: ${f.ok ? 'ok' : f.error ?? 'failed'}`);
  if (r.missingRevocation.length) {
    lines.push(`warning: no revocation data for ${r.missingRevocation.join(', ')} (give --crl/--ocsp files or --fetch-revocation)`);
  }
  if (r.withoutTimestamp.length) lines.push(`note: no signature timestamp on ${r.withoutTimestamp.join(', ')}; only a document timestamp (B-LTA) proves when it existed`);
  if (r.timestampField) lines.push(`document timestamp added in field ${r.timestampField}`);
  return lines;
}
