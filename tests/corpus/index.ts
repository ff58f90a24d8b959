/**
 * The verification corpus, generated at run time (nothing binary is committed): valid e-copies, trust and
 * revocation cases, third-party signers, unsigned and unreadable files, and attack files derived from a valid
 * e-copy. `buildCorpus` makes everything once; `writeCorpus` puts the files, trust anchors, CRLs and a manifest
 * in a directory for inspection (`test-output/corpus/`).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { attackCases } from './attacks.js';
import { pkiCases, unsignedAndMalformedCases, validCases } from './cases-basic.js';
import { makeCopy, type MadeCopy } from './copies.js';
import { makeCorpusPki, type CorpusPki } from './pki.js';
import { thirdPartyCases } from './third-party.js';
import type { CorpusCase } from './types.js';

export type { CorpusCase, Expected, CaseClass } from './types.js';

export interface Corpus {
  cases: CorpusCase[];
  pki: CorpusPki;
  copies: Record<'rsa1' | 'rsa1b' | 'rsa3' | 'ec1' | 'ec3', MadeCopy>;
  /** Milliseconds taken to build it. */
  millis: number;
}

export async function buildCorpus(opts: { workDir: string }): Promise<Corpus> {
  const t0 = Date.now();
  const pki = await makeCorpusPki();
  const [rsa1, rsa1b, rsa3, ec1, ec3] = await Promise.all([
    makeCopy('rsa-1p', pki.demo, { pages: 1 }),
    makeCopy('rsa-1p-other', pki.demo, { pages: 1, fields: { certNo: '16', docName: 'Giấy khai sinh', requester: 'Trần Thị Mai' } }),
    makeCopy('rsa-3p', pki.demo, { pages: 3 }),
    makeCopy('ecdsa-1p', pki.demoEc, { pages: 1 }),
    makeCopy('ecdsa-3p', pki.demoEc, { pages: 3 }),
  ]);
  const cases: CorpusCase[] = [
    ...validCases([rsa1, rsa3, ec1, ec3]),
    ...(await pkiCases(rsa1, pki)),
    ...(await unsignedAndMalformedCases(rsa1)),
    ...thirdPartyCases(rsa1, opts.workDir),
    ...(await attackCases({ a: rsa1, b: rsa1b, a3: rsa3, ec: ec1 })),
  ];
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`duplicate corpus case ${c.name}`);
    names.add(c.name);
  }
  return { cases, pki, copies: { rsa1, rsa1b, rsa3, ec1, ec3 }, millis: Date.now() - t0 };
}

const pem = (der: Uint8Array, label: string) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;

/** Writes `<name>.pdf` per case, the trust anchors and CRLs once each, and manifest.json. */
export function writeCorpus(corpus: Corpus, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const blobs = new Map<string, string>();
  const blobFile = (der: Uint8Array, kind: 'cert' | 'crl') => {
    const key = `${kind}:${Buffer.from(der).toString('base64')}`;
    let name = blobs.get(key);
    if (!name) {
      name = `${kind}-${blobs.size + 1}.pem`;
      blobs.set(key, name);
      writeFileSync(join(dir, name), pem(der, kind === 'cert' ? 'CERTIFICATE' : 'X509 CRL'));
    }
    return name;
  };
  const manifest = corpus.cases.map((c) => {
    writeFileSync(join(dir, `${c.name}.pdf`), c.bytes);
    return {
      file: `${c.name}.pdf`,
      class: c.class,
      expected: c.expected,
      trust: c.trustAnchors.map((t) => blobFile(t, 'cert')),
      crls: (c.crls ?? []).map((t) => blobFile(t, 'crl')),
      note: c.note,
    };
  });
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
