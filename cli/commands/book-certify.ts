/**
 * `saoy certify --book-dir DIR`: the number comes from the book kept in DIR (cli/book-dir.ts) through core's
 * certify workflow (reserve → sign → record), instead of --cert-no/--book. A failure after the number was
 * taken leaves it in the book, cancelled with the reason: never a gap, never a reused number.
 */
import { certifyInBook } from '../../core/workflow/certify.js';
import { loadPkcs12 } from '../../core/signers/pkcs12.js';
import type { Signer } from '../../core/signers/signer.js';
import { createWebCryptoSigner } from '../../core/signers/webcrypto.js';
import { bookDirPort, readBookFile } from '../book-dir.js';
import { CliError } from '../fail.js';
import { basename, readInput, writeOutput } from '../files.js';
import { loadCopyFonts } from '../fonts.js';
import { parseTsaUrl, tsaTimestamper } from '../tsa-client.js';
import { isPaperChoice, PAPER_CHOICES } from '../../core/ecopy/image-pages.js';
import { readSignatureImage } from './certify.js';

export interface BookCertifyOptions {
  'book-dir'?: string;
  image?: string[];
  'doc-name'?: string;
  'cert-no'?: string;
  book?: string;
  office?: string;
  requester?: string;
  'certifier-p12'?: string;
  'authority-p12'?: string;
  'password-env'?: string;
  date?: string;
  output?: string;
  'tsa-url'?: string;
  'certifier-title'?: string;
  paper?: string;
  'signature-image'?: string;
  'seal-image'?: string;
}

async function signerFrom(path: string, password: string, role: string): Promise<Signer> {
  const loaded = await loadPkcs12(await readInput(path, `${role} PKCS#12 file`), password);
  return createWebCryptoSigner(loaded.privateKey, loaded.certificates);
}

export async function certifyIntoBookDir(values: BookCertifyOptions, today: string): Promise<number> {
  const dir = values['book-dir'] as string;
  if (values['cert-no'] !== undefined || values.book !== undefined) {
    throw new CliError('--book-dir takes the number and the book number from the book: leave out --cert-no and --book');
  }
  for (const key of ['doc-name', 'requester', 'certifier-p12', 'output'] as const) {
    if (!values[key]?.trim()) throw new CliError(`missing required option --${key === 'output' ? 'output (-o)' : key}`);
  }
  const images = values.image ?? [];
  if (images.length === 0) throw new CliError('missing required option --image (one per page of the original)');
  // The statement is dated the day it is signed (Decree 23/2015 Art. 7): --date may only repeat today.
  if (values.date !== undefined && values.date.trim() !== today) {
    throw new CliError(`--date ${values.date} refused: a copy is dated the day it is signed, today ${today} in Vietnam (leave --date out)`);
  }
  const date = today;
  const book = readBookFile(dir).header.config;
  if (values.office !== undefined && values.office.normalize('NFC').trim() !== book.office) {
    throw new CliError(`--office "${values.office}" differs from the book's office "${book.office}"`);
  }
  const envName = values['password-env'] ?? 'SAOY_P12_PASSWORD';
  const password = process.env[envName];
  if (password === undefined) throw new CliError(`the PKCS#12 password is not set: put it in the environment variable ${envName}`);
  const certifier = await signerFrom(values['certifier-p12'] as string, password, 'certifier');
  const authority = values['authority-p12'] ? await signerFrom(values['authority-p12'], password, 'authority') : undefined;
  const paper = values.paper?.trim().toLowerCase();
  if (paper !== undefined && !isPaperChoice(paper)) throw new CliError(`--paper must be one of ${PAPER_CHOICES.join(', ')}, got "${values.paper}"`);
  const pages = await Promise.all(images.map(async (p) => ({ bytes: await readInput(p, 'image'), name: basename(p), ...(paper ? { paper } : {}) })));
  const certifierImage = await readSignatureImage(values['signature-image'], '--signature-image');
  const sealImage = await readSignatureImage(values['seal-image'], '--seal-image');
  if (sealImage && !authority) throw new CliError('--seal-image needs --authority-p12 (the seal is drawn in the authority\'s signature)');
  const timestamp = values['tsa-url'] !== undefined ? tsaTimestamper(parseTsaUrl(values['tsa-url'])) : undefined;

  const done = await certifyInBook(
    { book: bookDirPort(dir), fonts: loadCopyFonts },
    { bookId: book.id, requester: values.requester as string, docName: values['doc-name'] as string, signerTitle: values['certifier-title'] ?? '', pages, date, certifier, authority, timestamp, certifierImage, sealImage },
  );
  const out = values.output as string;
  await writeOutput(out, done.pdf);
  process.stdout.write(
    `${out}: certified e-copy no. ${done.reservation.certNo} of book ${done.reservation.bookNo}, ${pages.length} page(s), ` +
      `signed by ${done.fields.certifier}${authority ? ` and ${done.fields.authority}` : ' (awaiting the authority signature)'}; ` +
      `recorded in ${dir} (SHA-256 ${done.stored.sha256})\n`,
  );
  return 0;
}
