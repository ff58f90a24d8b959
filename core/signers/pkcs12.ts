/**
 * PKCS#12 (.p12/.pfx) files: load a signing identity (private key imported non-extractable + certificate
 * chain), and write one the way OpenSSL 3 does by default.
 *
 * Parsed and written with the strict DER reader rather than pkijs' PFX/SafeBag classes: pkijs throws on
 * bag and certificate types it does not know (e.g. SDSI certificates, unknown bags that real files carry),
 * its CertBag.toSchema() fails unless handed a pkijs Certificate and then re-encodes it, and its password
 * handling (PBES2 only) cannot report "wrong password" apart from "unsupported" or legacy-encrypted files.
 */
import { SaoyError } from '../errors.js';
import { certificateParts } from '../pki/cert-parts.js';
import { algorithmIdentifier, children, context, derNull, octetString, oid, readOctets, readOid, readOne, readSmallInt, seq, setOf, smallInteger, TAG, tlv, type Tlv } from '../asn1/der.js';
import { verifySha256Signature } from '../pki/public-key.js';
import { ecdsaRawToDer } from '../crypto/ecdsa-signature.js';
import {
  decryptWithPassword,
  macHashOf,
  pbes2Encrypt,
  pkcs12Mac,
  unsupportedEncryption,
  wrongPassword,
} from './pkcs12-crypto.js';
import { bmpPassword } from './pkcs12-kdf.js';
import { sha1 } from '../bytes/sha.js';
import { OID } from '../asn1/oids.js';
import { compareBytes } from '../bytes/concat.js';
import type { SignatureAlgorithm } from '../crypto/signature-algorithm.js';

const P7_ENVELOPED = '1.2.840.113549.1.7.3';
const P7_ENCRYPTED = '1.2.840.113549.1.7.6';
const BAG_KEY = '1.2.840.113549.1.12.10.1.1';
const BAG_SHROUDED_KEY = '1.2.840.113549.1.12.10.1.2';
const BAG_CERT = '1.2.840.113549.1.12.10.1.3';
const BAG_SAFE_CONTENTS = '1.2.840.113549.1.12.10.1.6';
const CERT_X509 = '1.2.840.113549.1.9.22.1';
const ATTR_FRIENDLY_NAME = '1.2.840.113549.1.9.20';
const ATTR_LOCAL_KEY_ID = '1.2.840.113549.1.9.21';

const MAX_FILE_SIZE = 4 << 20;
const MAX_NESTING = 4;

export interface LoadedPkcs12 {
  /** Non-extractable, usages ['sign']. */
  readonly privateKey: CryptoKey;
  /** The signer's certificate first, then its chain towards the root, then any unrelated certificates. */
  readonly certificates: Uint8Array[];
  readonly algorithm: SignatureAlgorithm;
}

interface KeyEntry {
  pkcs8: Uint8Array;
  localKeyId?: Uint8Array;
}

interface CertEntry {
  der: Uint8Array;
  localKeyId?: Uint8Array;
}

function invalid(cause?: unknown): SaoyError {
  return new SaoyError(
    'P12_INVALID',
    'the file is not a valid PKCS#12 (.p12/.pfx) file',
    'Tệp không phải là tệp PKCS#12 (.p12/.pfx) hợp lệ',
    { cause },
  );
}

/** Runs `f`; anything but a SaoyError of our own (malformed DER, missing fields) becomes P12_INVALID. */
async function guarded<T>(f: () => Promise<T> | T): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof SaoyError && e.code.startsWith('P12_')) throw e;
    throw invalid(e);
  }
}

export async function loadPkcs12(bytes: Uint8Array, password: string): Promise<LoadedPkcs12> {
  if (bytes.length > MAX_FILE_SIZE) throw invalid();
  const { authSafe, mac } = await guarded(() => readPfx(bytes));
  if (mac) await guarded(() => verifyMac(mac, authSafe, password));
  try {
    return await readIdentity(authSafe, password);
  } catch (e) {
    // Without a MAC a wrong password is only visible as garbage after decryption.
    if (!mac && !(e instanceof SaoyError && e.code !== 'P12_INVALID')) throw wrongPassword(e);
    throw e;
  }
}

async function readIdentity(authSafe: Uint8Array, password: string): Promise<LoadedPkcs12> {
  const keys: KeyEntry[] = [];
  const certs: CertEntry[] = [];
  await guarded(async () => {
    for (const ci of children(readOne(authSafe, TAG.SEQUENCE))) {
      const safeContents = await openContentInfo(ci, password);
      await readSafeContents(safeContents, password, keys, certs, 0);
    }
  });
  if (keys.length === 0) {
    throw new SaoyError('P12_NO_KEY', 'the PKCS#12 file contains no private key', 'Tệp PKCS#12 không chứa khóa bí mật');
  }
  for (const key of keys) {
    const { privateKey, algorithm } = await importPrivateKey(key.pkcs8);
    const leaf = await findLeaf(privateKey, algorithm, key, certs);
    if (leaf) return { privateKey, algorithm, certificates: orderChain(leaf.der, certs.map((c) => c.der)) };
  }
  throw new SaoyError(
    'P12_NO_CERTIFICATE',
    'the PKCS#12 file contains no certificate for its private key',
    'Tệp PKCS#12 không chứa chứng thư số tương ứng với khóa bí mật',
  );
}

interface MacInfo {
  digestAlgorithm: string;
  digest: Uint8Array;
  salt: Uint8Array;
  iterations: number;
}

function readPfx(bytes: Uint8Array): { authSafe: Uint8Array; mac?: MacInfo } {
  const f = children(readOne(bytes, TAG.SEQUENCE));
  if (f.length < 2 || f.length > 3 || readSmallInt(f[0]) !== 3) throw invalid();
  const [ctype, content] = children(f[1]);
  const type = readOid(ctype);
  if (type === OID.signedData) throw unsupportedEncryption('public-key integrity mode (signedData)');
  if (type !== OID.data || content?.tag !== 0xa0) throw invalid();
  const authSafe = readOctets(children(content)[0]);
  if (!f[2]) return { authSafe };
  const [digestInfo, salt, iter] = children(f[2]);
  const [alg, digest] = children(digestInfo);
  return {
    authSafe,
    mac: {
      digestAlgorithm: readOid(children(alg)[0]),
      digest: readOctets(digest),
      salt: readOctets(salt),
      iterations: iter ? readSmallInt(iter) : 1,
    },
  };
}

async function verifyMac(mac: MacInfo, authSafe: Uint8Array, password: string): Promise<void> {
  const hash = macHashOf(mac.digestAlgorithm);
  // OpenSSL also accepts an empty password encoded as no bytes at all (its "NULL password").
  const candidates = password === '' ? [bmpPassword(''), new Uint8Array(0)] : [bmpPassword(password)];
  for (const pw of candidates) {
    const computed = await pkcs12Mac(hash, pw, mac.salt, mac.iterations, authSafe);
    if (compareBytes(computed, mac.digest) === 0) return;
  }
  throw wrongPassword();
}

/** ContentInfo of the AuthenticatedSafe → SafeContents DER (decrypting EncryptedData). */
async function openContentInfo(ci: Tlv, password: string): Promise<Uint8Array> {
  const [ctype, content] = children(ci);
  const type = readOid(ctype);
  if (content?.tag !== 0xa0) throw invalid();
  const inner = children(content)[0];
  if (type === OID.data) return readOctets(inner);
  if (type === P7_ENVELOPED) throw unsupportedEncryption('public-key encrypted content (envelopedData)');
  if (type !== P7_ENCRYPTED) throw invalid();
  const [, eci] = children(inner); // EncryptedData { version, EncryptedContentInfo, [1] unprotectedAttrs }
  const [, algorithm, encrypted] = children(eci);
  if (!encrypted) return seq(); // nothing encrypted: an empty SafeContents
  // encryptedContent [0] IMPLICIT OCTET STRING: primitive 0x80, or constructed 0xa0 (BER) of OCTET STRINGs.
  const ciphertext =
    encrypted.tag === 0x80 ? encrypted.content : encrypted.tag === 0xa0 ? readOctets({ ...encrypted, tag: 0x24 }) : undefined;
  if (!ciphertext) throw invalid();
  return decryptWithPassword(algorithm, ciphertext, password);
}

async function readSafeContents(
  der: Uint8Array,
  password: string,
  keys: KeyEntry[],
  certs: CertEntry[],
  depth: number,
): Promise<void> {
  if (depth > MAX_NESTING) throw invalid();
  for (const bag of children(readOne(der, TAG.SEQUENCE))) {
    const [idTlv, valueWrapper, attrs] = children(bag);
    if (valueWrapper?.tag !== 0xa0) throw invalid();
    const value = children(valueWrapper)[0];
    const localKeyId = attrs ? attribute(attrs, ATTR_LOCAL_KEY_ID) : undefined;
    switch (readOid(idTlv)) {
      case BAG_KEY:
        keys.push({ pkcs8: value.bytes, localKeyId });
        break;
      case BAG_SHROUDED_KEY: {
        const [algorithm, encrypted] = children(value);
        keys.push({ pkcs8: await decryptWithPassword(algorithm, readOctets(encrypted), password), localKeyId });
        break;
      }
      case BAG_CERT: {
        const [certId, certValue] = children(value);
        if (readOid(certId) === CERT_X509 && certValue?.tag === 0xa0) {
          certs.push({ der: readOctets(children(certValue)[0]), localKeyId });
        }
        break;
      }
      case BAG_SAFE_CONTENTS:
        await readSafeContents(value.bytes, password, keys, certs, depth + 1);
        break;
      default:
        break; // CRL and secret bags are irrelevant for signing
    }
  }
}

/** First value (OCTET STRING content) of the named bag attribute. */
function attribute(attrs: Tlv, type: string): Uint8Array | undefined {
  for (const a of children(attrs)) {
    const [t, values] = children(a);
    if (readOid(t) === type) {
      const first = values && children(values)[0];
      return first?.tag === TAG.OCTET_STRING ? first.content : undefined;
    }
  }
  return undefined;
}

async function importPrivateKey(pkcs8: Uint8Array): Promise<{ privateKey: CryptoKey; algorithm: SignatureAlgorithm }> {
  const { algorithmOid, curve } = await guarded(() => {
    const [, alg] = children(readOne(pkcs8, TAG.SEQUENCE));
    const [id, params] = children(alg);
    return { algorithmOid: readOid(id), curve: params?.tag === TAG.OID ? readOid(params) : undefined };
  });
  let algorithm: SignatureAlgorithm;
  let params: RsaHashedImportParams | EcKeyImportParams;
  if (algorithmOid === OID.rsaEncryption) {
    algorithm = 'RSASSA-PKCS1-v1_5';
    params = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  } else if (algorithmOid === OID.ecPublicKey && curve === OID.p256) {
    algorithm = 'ECDSA-P256';
    params = { name: 'ECDSA', namedCurve: 'P-256' };
  } else {
    const what = curve ? `${algorithmOid} / ${curve}` : algorithmOid;
    throw new SaoyError(
      'P12_UNSUPPORTED_KEY',
      `the private key in the PKCS#12 file is not RSA or ECDSA P-256 (${what})`,
      `Khóa bí mật trong tệp PKCS#12 không phải RSA hoặc ECDSA P-256 (${what})`,
    );
  }
  try {
    // extractable: false: once imported, the key can sign but never leave WebCrypto (DESIGN: security model).
    const privateKey = await globalThis.crypto.subtle.importKey('pkcs8', pkcs8 as BufferSource, params, false, ['sign']);
    return { privateKey, algorithm };
  } catch (e) {
    throw invalid(e);
  }
}

/**
 * The certificate whose public key verifies a test signature made with the private key. Certificates with a
 * matching localKeyId are tried first; matching by key is what makes the answer certain.
 */
async function findLeaf(
  privateKey: CryptoKey,
  algorithm: SignatureAlgorithm,
  key: KeyEntry,
  certs: readonly CertEntry[],
): Promise<CertEntry | undefined> {
  const probe = new TextEncoder().encode('saoy PKCS#12 key/certificate match');
  const raw = new Uint8Array(
    await globalThis.crypto.subtle.sign(
      algorithm === 'ECDSA-P256' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSASSA-PKCS1-v1_5' },
      privateKey,
      probe,
    ),
  );
  const signature = algorithm === 'ECDSA-P256' ? ecdsaRawToDer(raw) : raw;
  const sameId = (c: CertEntry): boolean =>
    !!key.localKeyId && !!c.localKeyId && compareBytes(key.localKeyId, c.localKeyId) === 0;
  const ordered = [...certs.filter(sameId), ...certs.filter((c) => !sameId(c))];
  for (const c of ordered) {
    try {
      if (await verifySha256Signature(certificateParts(c.der), probe, signature)) return c;
    } catch {
      // unreadable certificate or other key type: not this one
    }
  }
  return undefined;
}

/** Leaf, then each issuer found by subject == issuer name bytes, then whatever is left. */
function orderChain(leaf: Uint8Array, all: readonly Uint8Array[]): Uint8Array[] {
  const rest = all.filter((c) => compareBytes(c, leaf) !== 0);
  const chain = [leaf];
  for (let current = leaf; ; ) {
    let parts;
    try {
      parts = certificateParts(current);
    } catch {
      break;
    }
    if (compareBytes(parts.issuer, parts.subject) === 0) break; // self-signed: the root
    const i = rest.findIndex((c) => {
      try {
        return compareBytes(certificateParts(c).subject, parts.issuer) === 0;
      } catch {
        return false;
      }
    });
    if (i < 0) break;
    current = rest.splice(i, 1)[0];
    chain.push(current);
  }
  return [...chain, ...rest];
}

// ------------------------------------------------------------------ writing

export interface CreatePkcs12Options {
  /** Unencrypted PKCS#8 PrivateKeyInfo DER. */
  readonly pkcs8: Uint8Array;
  /** Certificates, the key's own first. */
  readonly certificates: Uint8Array[];
  readonly password: string;
  readonly friendlyName?: string;
  /** PBKDF2 and MAC iteration count; default 2048 like OpenSSL 3. */
  readonly iterations?: number;
}

/**
 * Writes a PKCS#12 file as OpenSSL 3 does by default: the key in a PBES2 (PBKDF2-HMAC-OID.sha256, AES-256-CBC)
 * shrouded key bag, certificates in plain bags, an HMAC-OID.sha256 MAC. Certificates are public, so they are not
 * encrypted (`-certpbe NONE`), which every importer accepts.
 */
export async function createPkcs12(opts: CreatePkcs12Options): Promise<Uint8Array> {
  const iterations = opts.iterations ?? 2048;
  if (!Number.isSafeInteger(iterations) || iterations < 1) throw new Error('iterations must be a positive integer');
  if (opts.certificates.length === 0) throw new Error('createPkcs12 needs at least the key’s certificate');
  readOne(opts.pkcs8, TAG.SEQUENCE);
  opts.certificates.forEach((c) => certificateParts(c));

  const localKeyId = await sha1(opts.certificates[0]);
  const attrs = [seq(oid(ATTR_LOCAL_KEY_ID), setOf([octetString(localKeyId)]))];
  if (opts.friendlyName !== undefined) attrs.push(seq(oid(ATTR_FRIENDLY_NAME), setOf([bmpString(opts.friendlyName)])));
  const leafAttrs = setOf(attrs);

  const certBags = opts.certificates.map((der, i) =>
    seq(oid(BAG_CERT), context(0, seq(oid(CERT_X509), context(0, octetString(der)))), ...(i === 0 ? [leafAttrs] : [])),
  );
  const { algorithm, ciphertext } = await pbes2Encrypt(opts.pkcs8, opts.password, iterations);
  const keyBag = seq(oid(BAG_SHROUDED_KEY), context(0, seq(algorithm, octetString(ciphertext))), leafAttrs);

  const dataContentInfo = (safeContents: Uint8Array): Uint8Array =>
    seq(oid(OID.data), context(0, octetString(safeContents)));
  const authSafe = seq(dataContentInfo(seq(...certBags)), dataContentInfo(seq(keyBag)));

  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const mac = await pkcs12Mac('SHA-256', bmpPassword(opts.password), salt, iterations, authSafe);
  const macData = seq(seq(algorithmIdentifier(OID.sha256, derNull()), octetString(mac)), octetString(salt), smallInteger(iterations));
  return seq(smallInteger(3), dataContentInfo(authSafe), macData);
}

function bmpString(s: string): Uint8Array {
  const b = bmpPassword(s);
  return tlv(TAG.BMP_STRING, b.subarray(0, b.length - 2));
}
