/**
 * What `saoy certify` (with --cert-no/--book or --book-dir) reads before it signs: the keys (password from the
 * environment), the page images with the chosen paper size, and the optional appearance images. All checked
 * here, so a bad file or option fails before any number is taken or any key is used.
 */
import { isPaperChoice, PAPER_CHOICES } from '../core/ecopy/image-pages.js';
import type { PaperChoice } from '../core/ecopy/images.js';
import { loadPkcs12 } from '../core/signers/pkcs12.js';
import type { Signer } from '../core/signers/signer.js';
import { createWebCryptoSigner } from '../core/signers/webcrypto.js';
import { readSignatureImage } from './commands/certify.js';
import { CliError } from './fail.js';
import { basename, readInput } from './files.js';
import { loadTokenSigner, tokenFlagsFor, type TokenOptionValues } from './token-signer.js';

export interface SigningFlags extends TokenOptionValues {
  'certifier-p12'?: string;
  'authority-p12'?: string;
  'password-env'?: string;
  paper?: string;
  'signature-image'?: string;
  'seal-image'?: string;
}

export interface SigningInputs {
  certifier: Signer;
  authority?: Signer;
  pages: { bytes: Uint8Array; name: string; paper?: PaperChoice }[];
  certifierImage?: Uint8Array;
  sealImage?: Uint8Array;
}

async function loadSigner(path: string, password: string, role: string): Promise<Signer> {
  const loaded = await loadPkcs12(await readInput(path, `${role} PKCS#12 file`), password);
  return createWebCryptoSigner(loaded.privateKey, loaded.certificates);
}

export async function readSigningInputs(values: SigningFlags, images: readonly string[]): Promise<SigningInputs> {
  const certifierToken = tokenFlagsFor(values, 'certifier');
  const authorityToken = tokenFlagsFor(values, 'authority');
  if (certifierToken && values['certifier-p12']) throw new CliError('give either --certifier-p12 or --certifier-pkcs11, not both');
  if (authorityToken && values['authority-p12']) throw new CliError('give either --authority-p12 or --authority-pkcs11, not both');
  if (!certifierToken && !values['certifier-p12']?.trim()) throw new CliError('missing required option --certifier-p12 (or --certifier-pkcs11 for a token)');
  const envName = values['password-env'] ?? 'SAOY_P12_PASSWORD';
  const password = () => {
    const p = process.env[envName];
    if (p === undefined) throw new CliError(`the PKCS#12 password is not set: put it in the environment variable ${envName}`);
    return p;
  };
  const certifier = certifierToken ? await loadTokenSigner(certifierToken, 'certifier') : await loadSigner(values['certifier-p12'] as string, password(), 'certifier');
  const authority = authorityToken
    ? await loadTokenSigner(authorityToken, 'authority')
    : values['authority-p12'] ? await loadSigner(values['authority-p12'], password(), 'authority') : undefined;
  const paper = values.paper?.trim().toLowerCase();
  if (paper !== undefined && !isPaperChoice(paper)) throw new CliError(`--paper must be one of ${PAPER_CHOICES.join(', ')}, got "${values.paper}"`);
  // Without --paper: the physical size when the image states a scanner's DPI, else fitted to A4.
  const pages = await Promise.all(images.map(async (p) => ({ bytes: await readInput(p, 'image'), name: basename(p), ...(paper ? { paper } : {}) })));
  const certifierImage = await readSignatureImage(values['signature-image'], '--signature-image');
  const sealImage = await readSignatureImage(values['seal-image'], '--seal-image');
  if (sealImage && !authority) throw new CliError('--seal-image needs --authority-p12 or --authority-pkcs11 (the seal is drawn in the authority\'s signature)');
  return { certifier, authority, pages, certifierImage, sealImage };
}
