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
import { loadTokenSigner, TOKEN_OPTIONS, tokenFlagsFor } from '../token-signer.js';
import type { Signer } from '../../core/signers/signer.js';

async function p12Signer(path: string, password: string): Promise<Signer> {
  const loaded = await loadPkcs12(await readInput(path, 'authority PKCS#12 file'), password);
  return createWebCryptoSigner(loaded.privateKey, loaded.certificates);
}
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
      'authority-pkcs11': TOKEN_OPTIONS['authority-pkcs11'],
      'token-label': TOKEN_OPTIONS['token-label'],
      'key-label': TOKEN_OPTIONS['key-label'],
      'pin-env': TOKEN_OPTIONS['pin-env'],
      ...LTV_OPTIONS,
    },
  });
  const input = positionals[0];
  if (!input || positionals.length > 1) throw new CliError(`usage: ${approveUsage}`);
  const token = tokenFlagsFor(values, 'authority', true);
  if (token && values['authority-p12']) throw new CliError('give either --authority-p12 or --authority-pkcs11, not both');
  if (!token && !values['authority-p12']) throw new CliError('missing required option --authority-p12 (or --authority-pkcs11 for a token)');
  if (!values.output) throw new CliError('missing required option --output (-o)');
  const level = parseLevel(values.level, values['tsa-url'] !== undefined);
  const timestamp = values['tsa-url'] !== undefined ? tsaTimestamper(parseTsaUrl(values['tsa-url'])) : undefined;
  const envName = values['password-env'] ?? 'SAOY_P12_PASSWORD';
  const password = process.env[envName];
  if (!token && password === undefined) throw new CliError(`the PKCS#12 password is not set: put it in the environment variable ${envName}`);

  const pdf = await readInput(input, 'input PDF');
  const sealImage = await readSignatureImage(values['seal-image'], '--seal-image');
  const signer = token ? await loadTokenSigner(token, 'authority') : await p12Signer(values['authority-p12'] as string, password as string);
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
