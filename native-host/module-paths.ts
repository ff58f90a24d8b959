/**
 * Where PKCS#11 modules are usually installed, for auto-detection when the clerk has not chosen one in the
 * settings. Order: vendors' modules of Vietnamese public CAs, then generic middleware, then SoftHSM2 (a
 * software token for tests and trials, never a clerk's real key).
 *
 * Sources: SoftHSM2 and OpenSC paths are those of the Debian/Ubuntu packages (checked on this machine) and
 * OpenSC's and Homebrew's default prefixes. The VNPT-CA, Viettel-CA and FPT-CA paths come from an open-source
 * Vietnamese signing tool's list of library paths found with the project's code search — not from the vendors'
 * own guides, which the search tool did not hold; treat them as likely, and set the path in the settings when
 * they miss.
 */
import { existsSync } from 'node:fs';

export interface ModuleCandidate {
  readonly name: string;
  readonly path: string;
}

const LINUX: readonly ModuleCandidate[] = [
  { name: 'VNPT-CA', path: '/usr/lib/vnpt-ca/libcryptoki.so' },
  { name: 'Viettel-CA', path: '/usr/lib/viettel-ca/libpkcs11.so' },
  { name: 'FPT-CA', path: '/usr/lib/fpt-ca/libpkcs11.so' },
  { name: 'OpenSC', path: '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so' },
  { name: 'OpenSC', path: '/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so' },
  { name: 'OpenSC', path: '/usr/lib64/opensc-pkcs11.so' },
  { name: 'OpenSC', path: '/usr/lib/opensc-pkcs11.so' },
  { name: 'SoftHSM2', path: '/usr/lib/softhsm/libsofthsm2.so' },
  { name: 'SoftHSM2', path: '/usr/lib64/pkcs11/libsofthsm2.so' },
];

const MAC: readonly ModuleCandidate[] = [
  { name: 'VNPT-CA', path: '/Library/vnpt-ca/lib/libcryptoki.dylib' },
  { name: 'Viettel-CA', path: '/Library/viettel-ca/libpkcs11.dylib' },
  { name: 'FPT-CA', path: '/Library/FPT/libpkcs11.dylib' },
  { name: 'OpenSC', path: '/Library/OpenSC/lib/opensc-pkcs11.so' },
  { name: 'OpenSC', path: '/opt/homebrew/lib/opensc-pkcs11.so' },
  { name: 'SoftHSM2', path: '/opt/homebrew/lib/softhsm/libsofthsm2.so' },
  { name: 'SoftHSM2', path: '/usr/local/lib/softhsm/libsofthsm2.so' },
];

const WINDOWS: readonly ModuleCandidate[] = [
  { name: 'VNPT-CA', path: 'C:\\vnpt-ca\\cryptoki.dll' },
  { name: 'Viettel-CA', path: 'C:\\Viettel-CA\\pkcs11.dll' },
  { name: 'FPT-CA', path: 'C:\\FPT-CA\\pkcs11.dll' },
  { name: 'OpenSC', path: 'C:\\Program Files\\OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll' },
  { name: 'SoftHSM2', path: 'C:\\SoftHSM2\\lib\\softhsm2-x64.dll' },
];

export function moduleCandidates(platform: NodeJS.Platform = process.platform): readonly ModuleCandidate[] {
  return platform === 'win32' ? WINDOWS : platform === 'darwin' ? MAC : LINUX;
}

/** The candidates present on this machine, in preference order. */
export function detectModules(platform: NodeJS.Platform = process.platform, exists: (p: string) => boolean = existsSync): string[] {
  return [...new Set(moduleCandidates(platform).filter((c) => exists(c.path)).map((c) => c.path))];
}
