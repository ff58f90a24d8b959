/**
 * Token keys in the clerk's signing flow. The keys page (ui/manage/TokenKeys.tsx) stores the chosen token
 * certificate per role (no secret: module, token, key id, certificates) in the extension origin's localStorage;
 * here they appear as keys "token:certifier" / "token:authority" next to the stored ones, and their Signer asks
 * the PIN through the dialog the panel registers, checks it on the token (log in, log out) before the workflow
 * takes a book number — so a wrong PIN never burns a number — and sends it once more with the one signature.
 */
import { describeCertificate } from '../../core/pki/certificate.js';
import type { Signer } from '../../core/signers/signer.js';
import type { KeyInfo } from '../../core/store/keys.js';
import type { KeyPort } from '../../core/workflow/ports.js';
import { base64ToBytes } from '../shared/native-protocol.js';
import { NativeHostError, nativeRequest, type TokenKeyChoice, tokenSignerViaHost } from '../shared/native-protocol-client.js';

export type TokenRole = 'certifier' | 'authority';
export const TOKEN_CHOICES_KEY = 'saoy.tokenKeys';
export const TOKEN_KEY_PREFIX = 'token:';
export type TokenChoices = Partial<Record<TokenRole, TokenKeyChoice>>;

export function tokenChoices(): TokenChoices {
  try {
    return JSON.parse(globalThis.localStorage?.getItem(TOKEN_CHOICES_KEY) ?? '{}') as TokenChoices;
  } catch {
    return {};
  }
}

export function saveTokenChoices(choices: TokenChoices): void {
  globalThis.localStorage.setItem(TOKEN_CHOICES_KEY, JSON.stringify(choices));
}

function choiceOf(keyId: string): TokenKeyChoice | undefined {
  if (!keyId.startsWith(TOKEN_KEY_PREFIX)) return undefined;
  return tokenChoices()[keyId.slice(TOKEN_KEY_PREFIX.length) as TokenRole];
}

/** The chosen token key of a role, shaped like a stored key for the pickers. */
export function tokenKeyInfos(role: TokenRole, now = new Date()): KeyInfo[] {
  const c = tokenChoices()[role];
  if (!c) return [];
  const d = describeCertificate(base64ToBytes(c.certificates[0]));
  return [{
    id: `${TOKEN_KEY_PREFIX}${role}`,
    label: `${c.label} (token ${c.token.label})`,
    role,
    demo: false,
    createdAt: new Date(0).toISOString(),
    subject: d.subject.text,
    commonName: d.subject.commonName,
    organization: d.subject.organization,
    issuer: d.issuer.text,
    serialHex: d.serialHex,
    notBefore: d.notBefore.toISOString(),
    notAfter: d.notAfter.toISOString(),
    expired: d.notAfter.getTime() < now.getTime(),
    keyAlgorithm: d.publicKeyAlgorithm,
    chainLength: c.certificates.length,
  }];
}

/** Asks the clerk for the PIN (label of the key shown); rejects when the clerk cancels. */
export type PinPrompt = (keyLabel: string, previousError?: NativeHostError) => Promise<string>;
let prompt: PinPrompt | undefined;

export function setTokenPinPrompt(p: PinPrompt | undefined): void {
  prompt = p;
}

/** PIN asked, checked on the token (asked again after a wrong PIN, with the message and tries left). */
async function unlockedSigner(choice: TokenKeyChoice): Promise<Signer> {
  if (!prompt) throw new NativeHostError('CANCELLED', 'no PIN dialog in this page');
  let last: NativeHostError | undefined;
  for (;;) {
    const pin = await prompt(choice.label, last);
    try {
      await nativeRequest<'check-pin'>({ type: 'check-pin', module: choice.module, token: choice.token, pin });
      return tokenSignerViaHost(choice, pin);
    } catch (e) {
      if (!(e instanceof NativeHostError) || e.code !== 'PIN_INCORRECT') throw e;
      last = e;
    }
  }
}

/** The Signer of a token key id ("token:authority"), PIN asked and checked; throws for an unknown id. */
export function tokenKeySigner(keyId: string): Promise<Signer> {
  const c = choiceOf(keyId);
  if (!c) return Promise.reject(new NativeHostError('KEY_NOT_FOUND', `no token key chosen for ${keyId}`));
  return unlockedSigner(c);
}

/** The stored keys' port, plus the token keys. */
export function withTokenKeys(port: KeyPort): KeyPort {
  return {
    certificates: async (keyId) => {
      const c = choiceOf(keyId);
      return c ? c.certificates.map(base64ToBytes) : port.certificates(keyId);
    },
    signer: (keyId) => {
      const c = choiceOf(keyId);
      return c ? unlockedSigner(c) : port.signer(keyId);
    },
    signatureImage: async (keyId) => (keyId.startsWith(TOKEN_KEY_PREFIX) ? undefined : port.signatureImage?.(keyId)),
  };
}
