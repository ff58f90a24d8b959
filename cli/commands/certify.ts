import { parseArgs } from 'node:util';
import { certifyCopy } from '../../core/certify/certify-copy.js';
import { checkSignatureImage } from '../../core/certify/signature-image.js';
import { vietnamDay } from '../../core/certify/signing-day.js';
import { COMMUNE_KINDS, type Office, type OfficeKind, officeDisplayName, parseOfficeName } from '../../core/ecopy/office.js';
import type { EcopyFields } from '../../core/ecopy/fields.js';
import { describeCertificate } from '../../core/pki/certificate.js';
import type { Signer } from '../../core/signers/signer.js';
import { CliError } from '../fail.js';
import { certifyUsage } from '../usage.js';
import { readSigningInputs } from '../signing-inputs.js';
import { readInput, writeOutput } from '../files.js';
import { loadCopyFonts } from '../fonts.js';
import { parseTsaUrl, tsaTimestamper } from '../tsa-client.js';
import { TOKEN_OPTIONS } from '../token-signer.js';
import { extendNotes, extendToLevel, LTV_OPTIONS, parseLevel } from '../ltv-options.js';

const REQUIRED = ['doc-name', 'cert-no', 'book', 'office', 'output'] as const;

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
      'office-kind': { type: 'string' },
      province: { type: 'string' },
      'certifier-title': { type: 'string' },
      paper: { type: 'string' },
      requester: { type: 'string' },
      'certifier-p12': { type: 'string' },
      'authority-p12': { type: 'string' },
      'password-env': { type: 'string', default: 'SAOY_P12_PASSWORD' },
      date: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'tsa-url': { type: 'string' },
      'signature-image': { type: 'string' },
      'seal-image': { type: 'string' },
      'book-dir': { type: 'string' },
      ...TOKEN_OPTIONS,
      ...LTV_OPTIONS,
    },
  });
  if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"; usage: ${certifyUsage}`);
  // --book-dir: the number comes from the book in that directory (book-certify.ts).
  const level = parseLevel(values.level, values['tsa-url'] !== undefined);
  if (values['book-dir'] !== undefined && (level === 'B-LT' || level === 'B-LTA')) throw new CliError(`--level ${level} cannot be combined with --book-dir yet: certify, then run "saoy extend"`);
  if (values['book-dir'] !== undefined) return (await import('./book-certify.js')).certifyIntoBookDir(values, vietnamDay(new Date()));
  const images = values.image ?? [];
  if (images.length === 0) throw new CliError('missing required option --image (one per page of the original)');
  for (const key of REQUIRED) {
    const v = values[key];
    if (v === undefined || v.trim() === '') throw new CliError(`missing required option --${key === 'output' ? 'output (-o)' : key}`);
  }
  // The statement is dated the day it is signed (Decree 23/2015 Art. 7): --date may only repeat today.
  const signingTime = new Date();
  const date = vietnamDay(signingTime);
  if (values.date !== undefined && values.date.trim() !== date) {
    throw new CliError(`--date ${values.date} refused: a copy is dated the day it is signed, today ${date} in Vietnam (leave --date out)`);
  }
  const timestamp = values['tsa-url'] !== undefined ? tsaTimestamper(parseTsaUrl(values['tsa-url'])) : undefined;
  const { certifier, authority, pages, certifierImage, sealImage } = await readSigningInputs(values, images);

  const officeUnit = officeFromFlags(values.office as string, values['office-kind'], values.province);
  const fields: EcopyFields = {
    certNo: values['cert-no'] as string,
    bookNo: values.book as string,
    date,
    office: officeDisplayName(officeUnit),
    officeUnit,
    certifier: commonName(certifier),
    certifierTitle: values['certifier-title'],
    authority: authority ? commonName(authority) : undefined,
    docName: values['doc-name'] as string,
    requester: values.requester,
    pageCount: pages.length,
  };
  const copy = await certifyCopy({ pages, fields, fonts: await loadCopyFonts(), certifier, authority, timestamp, signingTime, certifierImage, sealImage });
  const out = values.output as string;
  let bytes = copy.final ?? copy.certified;
  const ltv = level === 'B-LT' || level === 'B-LTA' ? await extendToLevel(bytes, level, values, timestamp) : undefined;
  if (ltv) bytes = ltv.bytes;
  await writeOutput(out, bytes);
  for (const line of ltv ? extendNotes(ltv) : []) process.stdout.write(`${line}\n`);
  process.stdout.write(
    `${out}: certified e-copy no. ${fields.certNo}, ${pages.length} page(s), signed by ${fields.certifier}` +
      (authority ? ` and ${fields.authority}` : ' (awaiting the authority signature)') +
      (timestamp ? `, timestamped (PAdES ${level})` : '') + '\n',
  );
  return 0;
}

function commonName(signer: Signer): string {
  return describeCertificate(signer.certificates[0]).subject.commonName ?? 'unknown';
}

/**
 * --office-kind phường --office "Hạc Thành" --province "Thanh Hóa", or the full name alone in --office
 * ("Ủy ban nhân dân phường Hạc Thành, tỉnh Thanh Hóa"). Checked against the date when the copy is built.
 */
function officeFromFlags(office: string, kind: string | undefined, province: string | undefined): Office {
  if (kind === undefined && province === undefined) {
    const parsed = parseOfficeName(office);
    if (parsed) return parsed;
    throw new CliError(`missing --office-kind (xã, phường or đặc khu) and --province for --office "${office}"`);
  }
  if (kind === undefined || kind.trim() === '') throw new CliError('missing --office-kind (xã, phường or đặc khu)');
  if (province === undefined || province.trim() === '') throw new CliError('missing --province (e.g. "Thanh Hóa")');
  const k = kind.normalize('NFC').trim().toLocaleLowerCase('vi').replace(/^dac[- ]khu$/, 'đặc khu').replace(/^xa$/, 'xã').replace(/^phuong$/, 'phường');
  if (!(COMMUNE_KINDS as readonly string[]).includes(k)) throw new CliError(`--office-kind must be xã, phường or đặc khu, got "${kind}"`);
  return { kind: k as OfficeKind, name: office, province };
}

/** An optional appearance image, checked here so a bad file fails before any key is used. */
export async function readSignatureImage(path: string | undefined, flag: string): Promise<Uint8Array | undefined> {
  if (path === undefined) return undefined;
  const bytes = await readInput(path, `${flag} file`);
  try {
    checkSignatureImage(bytes);
  } catch (e) {
    throw new CliError(`${flag} "${path}": ${e instanceof Error ? e.message : String(e)}`);
  }
  return bytes;
}
