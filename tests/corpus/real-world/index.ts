/** Builds the real-world corpus once (PKI with openssl/NSS, then every case); see cases.ts. */
import { join } from 'node:path';
import { realWorldCases, type RealWorldCase } from './cases.js';
import { makeRealWorldPki, REAL_WORLD_TOOLS, type RealWorldPki } from './pki.js';

export type { RealWorldCase } from './cases.js';
export { REAL_WORLD_TOOLS } from './pki.js';

export async function buildRealWorld(workDir: string): Promise<{ pki: RealWorldPki; cases: RealWorldCase[]; tools: string[] }> {
  const pki = makeRealWorldPki(join(workDir, 'pki'));
  return { pki, cases: await realWorldCases(pki, workDir), tools: REAL_WORLD_TOOLS };
}
