/**
 * Signing keys: a non-extractable WebCrypto private key (structured-cloned into IndexedDB as a CryptoKey,
 * never exported) with its certificate chain. PKCS#12 passwords are used once and never stored.
 */
import { checkSignatureImage } from '../certify/signature-image.js';
import { SaoyError } from '../errors.js';
import { describeCertificate } from '../pki/certificate.js';
import { DEMO_NAMES } from '../signers/demo.js';
import { loadPkcs12 } from '../signers/pkcs12.js';
import type { Signer } from '../signers/signer.js';
import { createWebCryptoSigner } from '../signers/webcrypto.js';
import type { KeyRecord, SaoyDatabase } from './db.js';
import { sha256Hex } from '../bytes/sha.js';
import { mapStoreError } from './quota.js';
import { certificateLines } from '../pki/certificate-summary.js';

export type KeyRole = KeyRecord['role'];

/** A stored key as the options page lists it (no key material). */
export interface KeyInfo {
  readonly id: string;
  readonly label: string;
  readonly role: KeyRole;
  readonly demo: boolean;
  readonly createdAt: string;
  readonly subject: string;
  readonly commonName?: string;
  readonly organization?: string;
  readonly issuer: string;
  readonly serialHex: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly expired: boolean;
  readonly keyAlgorithm: 'RSA' | 'EC-P256' | 'OTHER';
  readonly chainLength: number;
  /** Size in bytes of the image drawn in this key's visible signatures (signature or seal), when one is set. */
  readonly imageBytes?: number;
}

export interface PutKeyInput {
  privateKey: CryptoKey;
  /** DER, signer's certificate first. */
  certificates: readonly Uint8Array[];
  role: KeyRole;
  label?: string;
  /** Default: true when the certificate was issued by the saoy demo root. */
  demo?: boolean;
}

function keyInfo(r: KeyRecord, now: Date): KeyInfo {
  const d = describeCertificate(r.certificates[0]);
  return {
    id: r.id,
    label: r.label,
    role: r.role,
    demo: r.demo,
    createdAt: r.createdAt,
    ...certificateLines(r.certificates[0]),
    expired: d.notAfter.getTime() < now.getTime(),
    keyAlgorithm: d.publicKeyAlgorithm,
    chainLength: r.certificates.length,
    ...(r.signatureImage ? { imageBytes: r.signatureImage.length } : {}),
  };
}

const ROLE_VI: Record<KeyRole, string> = { certifier: 'Người thực hiện chứng thực', authority: 'Cơ quan có thẩm quyền' };

export interface PutKeyOptions {
  now?: Date;
  /**
   * The same certificate is already stored under the other role (one certificate, one role: the id is its
   * SHA-256). Asked before anything changes; true moves it to the new role (its signature or seal image goes,
   * since it belongs to the old role). Without it, or on false, nothing changes and KEY_OTHER_ROLE is thrown.
   */
  confirmRoleChange?: (stored: KeyInfo) => boolean | Promise<boolean>;
}

/**
 * Stores a key (id = SHA-256 of its certificate). Importing the same identity again under the same role replaces
 * it and keeps its image; under the other role only after confirmRoleChange agreed, never silently.
 */
export async function putKey(db: SaoyDatabase, input: PutKeyInput, opts: PutKeyOptions = {}): Promise<KeyInfo> {
  if (input.privateKey.extractable) {
    throw new SaoyError('KEY_EXTRACTABLE', 'refusing to store an extractable private key', 'Không lưu khóa bí mật có thể xuất ra ngoài');
  }
  createWebCryptoSigner(input.privateKey, input.certificates); // throws when key and certificate do not fit
  const now = opts.now ?? new Date();
  const d = describeCertificate(input.certificates[0]);
  const id = await sha256Hex(input.certificates[0]);
  const stored = await db.get('keys', id);
  if (stored && stored.role !== input.role) {
    const moving = opts.confirmRoleChange ? await opts.confirmRoleChange(keyInfo(stored, now)) : false;
    if (!moving) {
      throw new SaoyError(
        'KEY_OTHER_ROLE',
        `this certificate is already stored as the ${stored.role} key "${stored.label}"; nothing was changed`,
        `Chứng thư này đã có trong danh sách với vai trò ${ROLE_VI[stored.role]} (“${stored.label}”); không thay đổi gì. Một chứng thư chỉ dùng cho một vai trò.`,
      );
    }
  }
  const record: KeyRecord = {
    id,
    label: input.label?.normalize('NFC').trim() || d.subject.commonName || d.subject.text,
    privateKey: input.privateKey,
    certificates: input.certificates.map((c) => Uint8Array.from(c)),
    role: input.role,
    subject: d.subject.text,
    notAfter: d.notAfter.toISOString(),
    createdAt: now.toISOString(),
    demo: input.demo ?? d.issuer.commonName === DEMO_NAMES.root.commonName,
    // Same role again: the image the clerk set for this key stays (a seal is not a signature: a new role drops it).
    ...(stored?.signatureImage && stored.role === input.role ? { signatureImage: stored.signatureImage } : {}),
  };
  try {
    await db.put('keys', record);
  } catch (e) {
    throw mapStoreError(e);
  }
  return keyInfo(record, now);
}

/** Loads a .p12/.pfx (the key is imported non-extractable; the password is not kept) and stores it. */
export async function importPkcs12ToStore(
  db: SaoyDatabase,
  bytes: Uint8Array,
  password: string,
  role: KeyRole,
  opts: { label?: string; demo?: boolean } & PutKeyOptions = {},
): Promise<KeyInfo> {
  const loaded = await loadPkcs12(bytes, password);
  return putKey(db, { privateKey: loaded.privateKey, certificates: loaded.certificates, role, label: opts.label, demo: opts.demo }, opts);
}

export async function listKeys(db: SaoyDatabase, role?: KeyRole, opts: { now?: Date } = {}): Promise<KeyInfo[]> {
  const all = await db.getAll('keys');
  return all
    .filter((k) => !role || k.role === role)
    .map((k) => keyInfo(k, opts.now ?? new Date()))
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
}

export async function getKey(db: SaoyDatabase, id: string): Promise<KeyRecord | undefined> {
  return db.get('keys', id);
}

/** A Signer for a stored key. */
export async function signerForKey(db: SaoyDatabase, id: string): Promise<Signer> {
  const k = await getKey(db, id);
  if (!k) throw new SaoyError('KEY_NOT_FOUND', `there is no stored key ${id}`, `Không tìm thấy khóa ${id}`);
  return createWebCryptoSigner(k.privateKey, k.certificates);
}

/**
 * Sets (or with undefined removes) the image drawn in the key's visible signatures: the certifier's signature
 * image or the office's seal. PNG or JPEG within the size cap (checked here, before anything is stored).
 */
export async function setKeyImage(db: SaoyDatabase, id: string, image: Uint8Array | undefined): Promise<void> {
  if (image) checkSignatureImage(image);
  const tx = db.transaction('keys', 'readwrite');
  const k = await tx.store.get(id);
  if (!k) throw new SaoyError('KEY_NOT_FOUND', `there is no stored key ${id}`, `Không tìm thấy khóa ${id}`);
  if (image) k.signatureImage = Uint8Array.from(image);
  else delete k.signatureImage;
  await tx.store.put(k);
  await tx.done;
}

/** True when the key existed. */
export async function removeKey(db: SaoyDatabase, id: string): Promise<boolean> {
  const tx = db.transaction('keys', 'readwrite');
  const store = tx.objectStore('keys');
  const existed = (await store.getKey(id)) !== undefined;
  if (existed) await store.delete(id);
  await tx.done;
  return existed;
}
