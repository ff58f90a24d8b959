/**
 * `--certifier-pkcs11 MODULE --token-label LABEL [--key-label LABEL] --pin-env NAME` (and the authority's):
 * a token Signer for the CLI. The CLI loads the PKCS#11 module in-process through the same code the native host
 * uses (native-host/pkcs11.ts), one connection per operation; the PIN is read from the environment at the moment
 * of signing, used for that one login, never printed.
 */
import { base64ToBytes } from '../extension/shared/native-protocol.js';
import type { Signer } from '../core/signers/signer.js';
import { createTokenSigner } from '../core/signers/token.js';
import { CliError } from './fail.js';

export interface TokenFlags {
  /** Module path, or "auto" for the first detected one that holds the token. */
  readonly module: string;
  readonly tokenLabel?: string;
  readonly keyLabel?: string;
  readonly pinEnv: string;
}

async function host() {
  try {
    const [pkcs11, errors, paths] = await Promise.all([import('../native-host/pkcs11.js'), import('../native-host/errors.js'), import('../native-host/module-paths.js')]);
    return { ...pkcs11, ...errors, ...paths };
  } catch (e) {
    throw new CliError(`token signing is not available: the pkcs11js binding did not load (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); reinstall saoy with build tools (g++, make, python3)`);
  }
}

/** One line naming the role and what the token said (the code's English text). */
function tokenError(role: string, e: unknown, TokenFailure: new (...a: never[]) => Error): never {
  if (e instanceof TokenFailure) throw new CliError(`${role} token: ${e.message}`);
  throw e;
}

export async function loadTokenSigner(flags: TokenFlags, role: string): Promise<Signer> {
  const h = await host();
  if (!flags.tokenLabel) throw new CliError(`${role} token: missing --${role === 'authority' ? 'authority-' : ''}token-label`);
  if (process.env[flags.pinEnv] === undefined) throw new CliError(`${role} token: the PIN is not set: put it in the environment variable ${flags.pinEnv}`);
  const ref = { label: flags.tokenLabel };
  const candidates = flags.module === 'auto' ? h.detectModules() : [flags.module];
  if (candidates.length === 0) throw new CliError(`${role} token: no PKCS#11 module found; give its path instead of "auto"`);
  let module = candidates[0];
  let listing: ReturnType<typeof h.listCertificates> | undefined;
  let lastError: unknown;
  for (const m of candidates) {
    try {
      listing = h.listCertificates(m, ref);
      module = m;
      break;
    } catch (e) {
      lastError = e;
    }
  }
  if (!listing) tokenError(role, lastError, h.TokenFailure);
  const usable = listing.certificates.filter((c) => c.hasKey && (flags.keyLabel === undefined || c.label === flags.keyLabel));
  if (usable.length === 0) {
    const bare = flags.keyLabel !== undefined && listing.keysWithoutCertificate.some((k) => k.label === flags.keyLabel);
    throw new CliError(
      `${role} token: ${bare ? `the key "${flags.keyLabel}" has no certificate on the token` : flags.keyLabel !== undefined ? `no certificate with a key labelled "${flags.keyLabel}" on token "${ref.label}"` : `no certificate with a key on token "${ref.label}"`}`,
    );
  }
  if (usable.length > 1) throw new CliError(`${role} token: several keys on token "${ref.label}"; choose one with --key-label (${usable.map((c) => c.label).join(', ')})`);
  const chosen = usable[0];
  // The key's certificate first, then the CA certificates the token carries (certificates without a key).
  const certificates = [chosen, ...listing.certificates.filter((c) => !c.hasKey)].map((c) => base64ToBytes(c.der));
  let signer: Signer;
  try {
    signer = createTokenSigner(certificates, async (digest, algorithm) => {
      const pin = process.env[flags.pinEnv] ?? '';
      try {
        return h.signDigest(module, { token: ref, keyId: chosen.keyId, algorithm, hash: 'SHA-256', digest, pin });
      } catch (e) {
        tokenError(role, e, h.TokenFailure);
      }
    });
  } catch (e) {
    throw new CliError(`${role} token: ${e instanceof Error ? e.message : String(e)}`);
  }
  return signer;
}

/** The token options `certify` and `approve` accept (parseArgs spec). */
export const TOKEN_OPTIONS = {
  'certifier-pkcs11': { type: 'string' },
  'authority-pkcs11': { type: 'string' },
  'token-label': { type: 'string' },
  'key-label': { type: 'string' },
  'pin-env': { type: 'string' },
  'authority-token-label': { type: 'string' },
  'authority-key-label': { type: 'string' },
  'authority-pin-env': { type: 'string' },
} as const;

export type TokenOptionValues = { [K in keyof typeof TOKEN_OPTIONS]?: string };

export const DEFAULT_PIN_ENV = 'SAOY_TOKEN_PIN';

/**
 * The role's token flags, or undefined when the role does not use a token. In `certify` the authority's
 * --authority-token-label / --authority-key-label / --authority-pin-env default to the certifier's; in `approve`
 * (only the authority signs) the plain --token-label / --key-label / --pin-env are the authority's.
 */
export function tokenFlagsFor(values: TokenOptionValues, role: 'certifier' | 'authority', onlyRole = false): TokenFlags | undefined {
  const module = values[`${role}-pkcs11`];
  if (module === undefined) return undefined;
  const own = role === 'authority' && !onlyRole;
  return {
    module,
    tokenLabel: (own ? values['authority-token-label'] : undefined) ?? values['token-label'],
    keyLabel: (own ? values['authority-key-label'] : undefined) ?? values['key-label'],
    pinEnv: (own ? values['authority-pin-env'] : undefined) ?? values['pin-env'] ?? DEFAULT_PIN_ENV,
  };
}
