/**
 * pkijs crypto engine on WebCrypto. pkijs picks an engine when first loaded, but how it stores it differs between
 * Node (a per-process global) and workers/pages; calling this before any pkijs operation that needs crypto
 * (certificate signing, key hashing) makes the choice explicit and identical in Node 20, service workers and pages.
 */
import * as pkijs from 'pkijs';

let done = false;

export function ensurePkijsEngine(): void {
  if (done && pkijs.getEngine().crypto) return;
  const webcrypto = globalThis.crypto;
  if (!webcrypto?.subtle) throw new Error('WebCrypto (globalThis.crypto.subtle) is not available');
  pkijs.setEngine('webcrypto', new pkijs.CryptoEngine({ name: 'webcrypto', crypto: webcrypto }));
  done = true;
}
