/**
 * A test PKI that imitates the real government hierarchy name for name (VGCA root G2 → "CA phục vụ các cơ quan
 * Nhà nước G2" → an officer and an office), with keys we made: it must never be trusted through the built-in lists,
 * whose trust is in the pinned certificate bytes, not in the names.
 */
import { signerOf } from '../corpus/pki.js';
import type { Signer } from '../../core/signers/signer.js';
import { makeLeaf, makeRoot, type TestIdentity } from './pki.js';

const DAY = 86_400_000;
export const VGCA_ROOT_NAME = { country: 'VN', organization: 'Ban Cơ yếu Chính phủ', commonName: 'RootCA chuyên dùng Chính phủ G2' } as const;
export const VGCA_CA_NAME = { country: 'VN', organization: 'Ban Cơ yếu Chính phủ', commonName: 'CA phục vụ các cơ quan Nhà nước G2' } as const;

export interface LookalikePki {
  root: TestIdentity;
  ca: TestIdentity;
  officer: TestIdentity;
  office: TestIdentity;
  /** Signers carrying leaf + issuing CA (as real signatures do), or only the leaf. */
  certifier: Signer;
  authority: Signer;
  certifierLeafOnly: Signer;
}

export async function makeLookalikePki(names: { officer?: string; office?: string; officeOrg?: string } = {}): Promise<LookalikePki> {
  const now = Date.now();
  const root = await makeRoot({ subject: VGCA_ROOT_NAME, notBefore: new Date(now - 100 * DAY) });
  const ca = await makeLeaf(root, { subject: VGCA_CA_NAME, isCA: true, keyUsage: ['keyCertSign', 'cRLSign'], notBefore: new Date(now - 50 * DAY), notAfter: new Date(now + 3000 * DAY) });
  const office = names.office ?? 'Ủy ban nhân dân phường Hạc Thành';
  const officer = await makeLeaf(ca, { subject: { country: 'VN', organization: names.officeOrg ?? office, commonName: names.officer ?? 'Lê Thị Thu Hà' } });
  const officeCert = await makeLeaf(ca, { subject: { country: 'VN', organization: names.officeOrg ?? office, commonName: office } });
  return {
    root, ca, officer, office: officeCert,
    certifier: signerOf(officer, [ca.certificate]),
    authority: signerOf(officeCert, [ca.certificate]),
    certifierLeafOnly: signerOf(officer),
  };
}
