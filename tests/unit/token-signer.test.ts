/**
 * The token Signer (core/signers/token.ts) and the host-manifest helpers: the signer hands the token exactly the
 * SHA-256 digest, turns ECDSA raw r||s into the DER CMS needs (checked by WebCrypto after converting back), and
 * refuses wrong shapes; manifests name only our extension, launchers quote paths.
 */
import { describe, expect, it } from 'vitest';
import { ecdsaDerToRaw } from '../../core/crypto/ecdsa-signature.js';
import { createTokenSigner } from '../../core/signers/token.js';
import { hostManifest, launcherScript, manifestDir, registryKey } from '../../cli/commands/native-host-manifest.js';
import { CHROMIUM_ORIGIN, FIREFOX_EXTENSION_ID, parseRequest, ProtocolError } from '../../extension/shared/native-protocol.js';
import { makeChain } from '../helpers/pki.js';

describe('createTokenSigner', () => {
  it('ECDSA: the token signs the digest; the raw r||s becomes DER that verifies over the data', async () => {
    const { leaf } = await makeChain({ leaf: { key: 'ECDSA-P256' } });
    const data = new TextEncoder().encode('signed attributes');
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
    let seen: Uint8Array | undefined;
    const signer = createTokenSigner([leaf.certificate], async (d, algorithm) => {
      seen = d;
      expect(algorithm).toBe('ECDSA-P256');
      return new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, leaf.keys.privateKey, data));
    });
    expect(signer.algorithm).toBe('ECDSA-P256');
    const der = await signer.sign({ data, digest });
    expect(seen).toEqual(digest);
    expect(der[0]).toBe(0x30);
    const ok = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, leaf.keys.publicKey, ecdsaDerToRaw(der, 32) as BufferSource, data);
    expect(ok).toBe(true);
  });

  it('RSA: the token\'s bytes are the signature as is', async () => {
    const { leaf } = await makeChain();
    const signer = createTokenSigner([leaf.certificate], async () => new Uint8Array([1, 2, 3]));
    expect(signer.algorithm).toBe('RSASSA-PKCS1-v1_5');
    expect(await signer.sign({ data: new Uint8Array(1), digest: new Uint8Array(32) })).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('refuses a digest that is not 32 bytes, an ECDSA answer that is not 64 bytes, no certificate', async () => {
    const { leaf } = await makeChain({ leaf: { key: 'ECDSA-P256' } });
    const signer = createTokenSigner([leaf.certificate], async () => new Uint8Array(63));
    await expect(signer.sign({ data: new Uint8Array(1), digest: new Uint8Array(31) })).rejects.toMatchObject({ code: 'SIGNER_DIGEST_LENGTH' });
    await expect(signer.sign({ data: new Uint8Array(1), digest: new Uint8Array(32) })).rejects.toMatchObject({ code: 'ECDSA_SIGNATURE_INVALID' });
    expect(() => createTokenSigner([], async () => new Uint8Array())).toThrow(expect.objectContaining({ code: 'SIGNER_NO_CERTIFICATE' }));
  });
});

describe('native host manifests and launchers', () => {
  it('Chromium manifests allow only our origin; Firefox only our add-on id', () => {
    expect(hostManifest('chromium', '/x/l')).toMatchObject({ type: 'stdio', path: '/x/l', allowed_origins: [CHROMIUM_ORIGIN] });
    expect(hostManifest('chrome', '/x/l')).not.toHaveProperty('allowed_extensions');
    expect(hostManifest('firefox', '/x/l')).toMatchObject({ allowed_extensions: [FIREFOX_EXTENSION_ID] });
    expect(hostManifest('firefox', '/x/l')).not.toHaveProperty('allowed_origins');
  });

  it('per-browser folders on Linux and macOS, the profile folder with --user-data-dir, the registry on Windows', () => {
    expect(manifestDir('chromium', 'linux', undefined, '/h')).toBe('/h/.config/chromium/NativeMessagingHosts');
    expect(manifestDir('chrome', 'linux', undefined, '/h')).toBe('/h/.config/google-chrome/NativeMessagingHosts');
    expect(manifestDir('firefox', 'linux', undefined, '/h')).toBe('/h/.mozilla/native-messaging-hosts');
    expect(manifestDir('chrome', 'darwin', undefined, '/h')).toBe('/h/Library/Application Support/Google/Chrome/NativeMessagingHosts');
    expect(manifestDir('firefox', 'darwin', undefined, '/h')).toBe('/h/Library/Application Support/Mozilla/NativeMessagingHosts');
    expect(manifestDir('chromium', 'linux', '/p')).toBe('/p/NativeMessagingHosts');
    expect(registryKey('chrome')).toBe('HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\vn.saoy.token');
  });

  it('launchers pass the caller on and quote paths', () => {
    const sh = launcherScript('linux', '/usr/bin/node', "/o'dd/saoy.mjs", '/m/lib.so');
    expect(sh).toContain(`exec '/usr/bin/node' '/o'\\''dd/saoy.mjs' native-host serve "$@"`);
    expect(sh).toContain("SAOY_PKCS11_MODULE='/m/lib.so' ");
    expect(launcherScript('win32', 'C:\\node.exe', 'C:\\saoy\\saoy.mjs')).toBe('@echo off\r\n@"C:\\node.exe" "C:\\saoy\\saoy.mjs" native-host serve %*\r\n');
  });
});

describe('parseRequest', () => {
  const base = { v: 1, id: 3 };
  it('refuses a bare library name, a relative path, a non-library file', () => {
    for (const module of ['libsofthsm2.so', 'lib/x.so', '/etc/passwd']) {
      expect(() => parseRequest({ ...base, type: 'list-tokens', module })).toThrow(ProtocolError);
    }
    expect(parseRequest({ ...base, type: 'list-tokens', module: 'C:\\vnpt-ca\\cryptoki.dll' })).toMatchObject({ module: 'C:\\vnpt-ca\\cryptoki.dll' });
  });
  it('checks the PIN and the token label', () => {
    expect(() => parseRequest({ ...base, type: 'check-pin', token: { label: 't' }, pin: '' })).toThrow(expect.objectContaining({ code: 'PIN_INVALID' }));
    expect(() => parseRequest({ ...base, type: 'check-pin', token: { label: 'x'.repeat(33) }, pin: '1' })).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
  });
});
