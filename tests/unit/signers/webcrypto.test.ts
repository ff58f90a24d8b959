import { describe, expect, it } from 'vitest';
import { certificateParts } from '../../../core/pki/cert-parts.js';
import { generateKeyPair } from '../../../core/pki/issue.js';
import { verifySha256Signature } from '../../../core/pki/public-key.js';
import { createWebCryptoSigner } from '../../../core/signers/webcrypto.js';
import { makeChain } from '../../helpers/pki.js';

describe('createWebCryptoSigner', () => {
  it.each(['RSA-2048', 'ECDSA-P256'] as const)('%s: signs data so that the certificate key verifies it', async (key) => {
    const { root, leaf } = await makeChain({ leaf: { key } });
    const signer = createWebCryptoSigner(leaf.keys.privateKey, [leaf.certificate, root.certificate]);
    expect(signer.algorithm).toBe(key === 'RSA-2048' ? 'RSASSA-PKCS1-v1_5' : 'ECDSA-P256');
    expect(signer.certificates).toHaveLength(2);
    const data = crypto.getRandomValues(new Uint8Array(77));
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
    const sig = await signer.sign({ data, digest });
    if (key === 'ECDSA-P256') expect(sig[0]).toBe(0x30); // DER, not raw r||s
    else expect(sig.length).toBe(256);
    expect(await verifySha256Signature(certificateParts(leaf.certificate), data, sig)).toBe(true);
    data[0] ^= 1;
    expect(await verifySha256Signature(certificateParts(leaf.certificate), data, sig)).toBe(false);
  });

  it('refuses a key whose algorithm differs from the certificate', async () => {
    const { leaf } = await makeChain({ leaf: { key: 'RSA-2048' } });
    const ec = await generateKeyPair('ECDSA-P256', { extractable: false });
    expect(() => createWebCryptoSigner(ec.privateKey, [leaf.certificate])).toThrowError(
      expect.objectContaining({ code: 'SIGNER_KEY_MISMATCH' }),
    );
  });

  it('refuses unsupported keys and missing certificates', async () => {
    const { leaf } = await makeChain();
    const p384 = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    expect(() => createWebCryptoSigner(p384.privateKey, [leaf.certificate])).toThrowError(
      expect.objectContaining({ code: 'SIGNER_KEY_UNSUPPORTED' }),
    );
    expect(() => createWebCryptoSigner(leaf.keys.publicKey, [leaf.certificate])).toThrowError(
      expect.objectContaining({ code: 'SIGNER_KEY_UNSUPPORTED' }),
    );
    expect(() => createWebCryptoSigner(leaf.keys.privateKey, [])).toThrowError(
      expect.objectContaining({ code: 'SIGNER_NO_CERTIFICATE' }),
    );
  });
});
