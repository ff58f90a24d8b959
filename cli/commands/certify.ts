import { parseArgs } from 'node:util';
import { certifyCopy } from '../../core/certify/certify-copy.js';
import type { EcopyFields } from '../../core/ecopy/fields.js';
import { describeCertificate } from '../../core/pki/certificate.js';
import { loadPkcs12 } from '../../core/signers/pkcs12.js';
import { createWebCryptoSigner } from '../../core/signers/webcrypto.js';
import type { Signer } from '../../core/signers/signer.js';
import { CliError } from '../fail.js';
import { certifyUsage } from '../usage.js';
import { basename, readInput, writeOutput } from '../files.js';
import { loadCopyFonts } from '../fonts.js';
import { parseTsaUrl, tsaTimestamper } from '../tsa-client.js';

const REQUIRED = ['doc-name', 'cert-no', 'book', 'office', 'certifier-p12', 'output'] as const;

/** Certify originals into an e-copy: certifier's signature, then the authority's when given. */
export async function certifyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      image: { type: 'string', multiple: true },
      'doc-name': { type: 'string' },
      'cert-no': { type: 'string' },
      book: { type: 'string' },
      office: { type: 'string' },
      requester: { type: 'string' },
      'certifier-p12': { type: 'string' },
      'authority-p12': { type: 'string' },
      'password-env': { type: 'string', default: 'SAOY_P12_PASSWORD' },
      date: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'tsa-url': { type: 'string' },
      'book-dir': { type: 'string' },
    },
  });
  if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"; usage: ${certifyUsage}`);
  // --book-dir: the number comes from the book in that directory (book-certify.ts).
  if (values['book-dir'] !== undefined) return (await import('./book-certify.js')).certifyIntoBookDir(values, todayInVietnam());
  const images = values.image ?? [];
  if (images.length === 0) throw new CliError('missing required option --image (one per page of the original)');
  for (const key of REQUIRED) {
    const v = values[key];
    if (v === undefined || v.trim() === '') throw new CliError(`missing required option --${key === 'output' ? 'output (-o)' : key}`);
  }
  const date = values.date ?? todayInVietnam();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new CliError(`--date must be a date like 2026-03-05, got "${date}"`);
  }
  const timestamp = values['tsa-url'] !== undefined ? tsaTimestamper(parseTsaUrl(values['tsa-url'])) : undefined;
  const envName = values['password-env'] ?? 'SAOY_P12_PASSWORD';
  const password = process.env[envName];
  if (password === undefined) throw new CliError(`the PKCS#12 password is not set: put it in the environment variable ${envName}`);

  const certifier = await loadSigner(values['certifier-p12'] as string, password, 'certifier');
  const authority = values['authority-p12'] ? await loadSigner(values['authority-p12'], password, 'authority') : undefined;
  const pages = await Promise.all(images.map(async (p) => ({ bytes: await readInput(p, 'image'), name: basename(p) })));

  const fields: EcopyFields = {
    certNo: values['cert-no'] as string,
    bookNo: values.book as string,
    date,
    office: values.office as string,
    certifier: commonName(certifier),
    authority: authority ? commonName(authority) : undefined,
    docName: values['doc-name'] as string,
    requester: values.requester,
    pageCount: pages.length,
  };
  const copy = await certifyCopy({ pages, fields, fonts: await loadCopyFonts(), certifier, authority, timestamp });
  const out = values.output as string;
  await writeOutput(out, copy.final ?? copy.certified);
  process.stdout.write(
    `${out}: certified e-copy no. ${fields.certNo}, ${pages.length} page(s), signed by ${fields.certifier}` +
      (authority ? ` and ${fields.authority}` : ' (awaiting the authority signature)') +
      (timestamp ? ', timestamped' : '') + '\n',
  );
  return 0;
}

async function loadSigner(path: string, password: string, role: string): Promise<Signer> {
  const bytes = await readInput(path, `${role} PKCS#12 file`);
  const loaded = await loadPkcs12(bytes, password);
  return createWebCryptoSigner(loaded.privateKey, loaded.certificates);
}

function commonName(signer: Signer): string {
  return describeCertificate(signer.certificates[0]).subject.commonName ?? 'unknown';
}

function todayInVietnam(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}
