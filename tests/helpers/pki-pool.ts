/**
 * The pki/cms/trust unit tests' name for the cached test keys: one implementation, in tests/helpers/pki.ts (key pairs
 * generated once per machine into the OS temp folder, never committed; certificates issued fresh on every run).
 */
export { makeChain, makeLeaf, makeRoot, testKeyPair as pooledKeyPair } from './pki.js';
