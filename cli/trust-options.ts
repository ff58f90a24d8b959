/**
 * The trust the CLI verifies with: the built-in lists (on by default; `--no-builtin-trust` turns them off,
 * `--legacy-trust` adds the unofficial 2008 national root), `--trust PEM` anchors (list "user") and
 * `--intermediate FILE` chain help. `saoy verify` and `saoy trust list` read the same flags, so the list printed
 * is exactly the list used.
 */
import { isSaoyError } from '../core/errors.js';
import { describeCertificate } from '../core/pki/certificate.js';
import { certificatesFromFile } from '../core/pki/pem.js';
import { builtinList, loadBuiltinCertificates } from '../core/pki/trust-builtin.js';
import { builtinTrustLists, DEFAULT_BUILTIN_LISTS, type TrustList } from '../core/pki/trust-lists.js';
import { CliError } from './fail.js';
import { readInput } from './files.js';
import { sha256Hex } from '../core/bytes/sha.js';

export const TRUST_OPTIONS = {
  trust: { type: 'string', multiple: true },
  intermediate: { type: 'string', multiple: true },
  'no-builtin-trust': { type: 'boolean', default: false },
  'legacy-trust': { type: 'boolean', default: false },
} as const;

export interface TrustFlags {
  trust?: string[];
  intermediate?: string[];
  'no-builtin-trust'?: boolean;
  'legacy-trust'?: boolean;
}

export interface CliTrust {
  /** `--trust` anchors (verifyPdf's trustAnchors, list "user"). */
  userAnchors: Uint8Array[];
  /** Built-in lists switched on. */
  lists: TrustList[];
  intermediates: Uint8Array[];
}

async function readCertificates(files: readonly string[], what: string): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const f of files) {
    let certs: Uint8Array[];
    try {
      certs = certificatesFromFile(await readInput(f, what));
      for (const c of certs) describeCertificate(c);
    } catch (e) {
      if (e instanceof CliError) throw e;
      throw new CliError(`${what} "${f}" is not a readable certificate${isSaoyError(e) ? ` (${e.message})` : ''}`);
    }
    if (certs.length === 0) throw new CliError(`no certificate found in ${what} "${f}"`);
    out.push(...certs);
  }
  return out;
}

export async function cliTrust(flags: TrustFlags): Promise<CliTrust> {
  const userAnchors = await readCertificates(flags.trust ?? [], 'trust anchor file');
  const intermediates = await readCertificates(flags.intermediate ?? [], 'intermediate certificate file');
  let lists: TrustList[] = [];
  if (!flags['no-builtin-trust']) {
    const enabled = flags['legacy-trust'] ? [...DEFAULT_BUILTIN_LISTS, 'legacy'] : DEFAULT_BUILTIN_LISTS;
    try {
      lists = builtinTrustLists(await loadBuiltinCertificates(), enabled);
    } catch (e) {
      throw new CliError(isSaoyError(e) ? e.message : 'the built-in trust lists cannot be loaded');
    }
  } else if (flags['legacy-trust']) throw new CliError('--legacy-trust cannot be combined with --no-builtin-trust');
  return { userAnchors, lists, intermediates };
}

export interface AnchorLine {
  list: string;
  subject: string;
  notAfter: string;
  sha256: string;
}

/** Every anchor the CLI would use (intermediates are not anchors and are not listed). */
export async function anchorLines(t: CliTrust): Promise<AnchorLine[]> {
  const lists = [{ id: 'user', anchors: t.userAnchors }, ...t.lists];
  const out: AnchorLine[] = [];
  for (const l of lists) {
    for (const der of l.anchors) {
      const d = describeCertificate(der);
      out.push({ list: l.id, subject: d.subject.text, notAfter: d.notAfter.toISOString(), sha256: await sha256Hex(der) });
    }
  }
  return out;
}

/** "Government (VGCA) — Certificate of a state body (Government Cipher Committee)", or the user's list. */
export function trustListName(id: string, lang: 'en' | 'vi'): string {
  const l = builtinList(id);
  if (l) return lang === 'vi' ? `${l.vi} — ${l.signerVi}` : `${l.en} — ${l.signerEn}`;
  if (id === 'user') return lang === 'vi' ? 'chứng thư gốc do người dùng chỉ định (--trust)' : 'anchor given by the user (--trust)';
  return id;
}
