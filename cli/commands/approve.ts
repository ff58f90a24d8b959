import { parseArgs } from 'node:util';
import { signAuthority } from '../../core/certify/certify-copy.js';
import { describeCertificate } from '../../core/pki/certificate.js';
import { loadPkcs12 } from '../../core/signers/pkcs12.js';
import { createWebCryptoSigner } from '../../core/signers/webcrypto.js';
import { CliError } from '../fail.js';
import { approveUsage } from '../usage.js';
import { readInput, writeOutput } from '../files.js';
import { loadCopyFonts } from '../fonts.js';
import { readSignatureImage } from './certify.js';
import { parseTsaUrl, tsaTimestamper } from '../tsa-client.js';
import { extendNotes, extendToLevel, LTV_OPTIONS, parseLevel } from '../ltv-options.js';

/** The authority's step on a copy the certifier already signed: an incremental update, nothing before it changes. */
export async function approveCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'authority-p12': { type: 'string' },
      'password-env': { type: 'string', default: 'SAOY_P12_PASSWORD' },
      office: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'tsa-url': { type: 'string' },
      'seal-image': { type: 'string' },
      ...LTV_OPTIONS,
    },
  });
  const input = positionals[0];
  if (!input || positionals.length > 1) throw new CliError(`usage: ${approveUsage}`);
  if (!values['authority-p12']) throw new CliError('missing required option --authority-p12');
  if (!values.output) throw new CliError('missing required option --output (-o)');
  const level = parseLevel(values.level, values['tsa-url'] !== undefined);
  const timestamp = values['tsa-url'] !== undefined ? tsaTimestamper(parseTsaUrl(values['tsa-url'])) : undefined;
  const envName = values['password-env'] ?? 'SAOY_P12_PASSWORD';
  const password = process.env[envName];
  if (password === undefined) throw new CliError(`the PKCS#12 password is not set: put it in the environment variable ${envName}`);

  const pdf = await readInput(input, 'input PDF');
  const sealImage = await readSignatureImage(values['seal-image'], '--seal-image');
  const loaded = await loadPkcs12(await readInput(values['authority-p12'], 'authority PKCS#12 file'), password);
  const signer = createWebCryptoSigner(loaded.privateKey, loaded.certificates);
  const office = values.office ?? '';
  const look = { fonts: await loadCopyFonts(), image: sealImage };
  const signed = await signAuthority(pdf, signer, { office }, new Date(), timestamp, look);
  const ltv = level === 'B-LT' || level === 'B-LTA' ? await extendToLevel(signed, level, values, timestamp) : undefined;
  await writeOutput(values.output, ltv?.bytes ?? signed);
  for (const line of ltv ? extendNotes(ltv) : []) process.stdout.write(`${line}\n`);
  const cn = describeCertificate(signer.certificates[0]).subject.commonName ?? 'the authority';
  process.stdout.write(`${values.output}: approved by ${cn}${timestamp ? `, timestamped (PAdES ${level})` : ''}\n`);
  return 0;
}
