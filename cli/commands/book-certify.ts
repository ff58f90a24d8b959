/**
 * `saoy certify --book-dir DIR`: the number comes from the book kept in DIR (cli/book-dir.ts) through core's
 * certify workflow (reserve → sign → record), instead of --cert-no/--book. A failure after the number was
 * taken leaves it in the book, cancelled with the reason: never a gap, never a reused number.
 */
import { certifyInBook } from '../../core/workflow/certify.js';
import { bookDirPort, readBookFile } from '../book-dir.js';
import { CliError } from '../fail.js';
import { writeOutput } from '../files.js';
import { loadCopyFonts } from '../fonts.js';
import { parseTsaUrl, tsaTimestamper } from '../tsa-client.js';
import { readSigningInputs } from '../signing-inputs.js';
import type { TokenOptionValues } from '../token-signer.js';

export interface BookCertifyOptions extends TokenOptionValues {
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

export async function certifyIntoBookDir(values: BookCertifyOptions, today: string): Promise<number> {
  const dir = values['book-dir'] as string;
  if (values['cert-no'] !== undefined || values.book !== undefined) {
    throw new CliError('--book-dir takes the number and the book number from the book: leave out --cert-no and --book');
  }
  for (const key of ['doc-name', 'requester', 'output'] as const) {
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
  const { certifier, authority, pages, certifierImage, sealImage } = await readSigningInputs(values, images);
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
