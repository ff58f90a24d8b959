/** The words for the trust list a signature chains to (report.trustList), Vietnamese first. */
import { builtinList } from '../../../core/pki/trust-builtin.js';
import { lang, t } from '../common/i18n.js';

export function trustListLabel(id: string | undefined): string | undefined {
  if (!id) return undefined;
  const l = builtinList(id);
  if (l) return lang() === 'vi' ? `${l.signerVi} — ${l.vi}` : `${l.signerEn} — ${l.en}`;
  if (id === 'demo') return t('list_demo');
  if (id === 'user') return t('list_user');
  return id;
}
