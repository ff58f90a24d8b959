/** One signature: who, when, integrity, coverage, what changed after it, trust chain, and its signed revision. */
import type { TrustAnchorRecord } from '../../../core/store/db.js';
import type { CertificateSummary, SignatureReport } from '../../../core/verify/report.js';
import { VERDICT_STYLE } from '../../shared/verdict-style.js';
import { bytes as fmtBytes, dateTime } from '../common/format.js';
import { lang, t } from '../common/i18n.js';
import { Icon, VerdictMark } from '../common/VerdictMark.js';
import { objectLabel, signatureFieldLabel } from './object-label.js';
import { trustListLabel } from './trust-list.js';

const STATE = { PASSED: 'valid', FAILED: 'invalid', INDETERMINATE: 'indeterminate' } as const;

function role(field: string): string {
  if (field === 'saoy_certifier') return t('role_certifier');
  if (field === 'saoy_authority') return t('role_authority');
  return t('role_other', signatureFieldLabel(field, lang()));
}

function Check({ ok, yes, no }: { ok: boolean; yes: string; no: string }) {
  const s = VERDICT_STYLE[ok ? 'valid' : 'invalid'];
  return (
    <span class={ok ? 'ok' : 'bad'}>
      <span class="inline-icon" style={{ color: s.border }}>
        <Icon path={s.icon} size={13} />
      </span>
      {ok ? yes : no}
    </span>
  );
}

export interface SignatureCardProps {
  sig: SignatureReport;
  index: number;
  anchors: TrustAnchorRecord[];
  onOpenSigned: (length: number, field: string) => void;
}

export function SignatureCard({ sig, index, onOpenSigned }: SignatureCardProps) {
  // The list is named by core from the anchor's bytes (never matched here by name).
  const list = trustListLabel(sig.trustList);
  return (
    <article class="card sig" data-field={sig.fieldName}>
      <header class="sig-head">
        <div>
          <div class="muted small">{t('report_signature_n', index + 1, role(sig.fieldName))}</div>
          <h3>{sig.signer?.commonName ?? sig.signer?.subject ?? t('report_unknown_signer')}</h3>
        </div>
        <VerdictMark state={STATE[sig.indication]} label={t(`indication_${sig.indication}`)} />
      </header>
      <dl class="facts">
        <dt>{t('sig_organization')}</dt>
        <dd>{sig.signer?.organization ?? <span class="muted">{t('report_none')}</span>}</dd>
        <dt>{t('sig_claimed_time')}</dt>
        <dd>{sig.claimedTime ? dateTime(sig.claimedTime) : <span class="muted">{t('report_none')}</span>}</dd>
        <dt>{t('sig_timestamp')}</dt>
        <dd>{sig.timestampTime ? dateTime(sig.timestampTime) : <span class="muted">{t('sig_no_timestamp')}</span>}</dd>
        <dt>{t('sig_integrity')}</dt>
        <dd>
          <Check ok={sig.intact} yes={t('sig_intact')} no={t('sig_broken')} />
        </dd>
        <dt>{t('sig_crypto')}</dt>
        <dd>
          <Check ok={sig.valid} yes={t('sig_crypto_ok')} no={t('sig_crypto_bad')} />
        </dd>
        <dt>{t('sig_trust')}</dt>
        <dd>
          <Check ok={sig.trusted} yes={list ? t('sig_trusted_list', list) : t('sig_trusted')} no={t('sig_untrusted')} />
        </dd>
        <dt>{t('sig_coverage')}</dt>
        <dd>{t(`coverage_${sig.coverage}`)}</dd>
        <dt>{t('sig_kind')}</dt>
        <dd>{sig.certification ? t(`certification_${sig.certification}`) : t('sig_approval')}</dd>
        <dt>{t('sig_algorithm')}</dt>
        <dd>{sig.keyAlgorithm ?? t('report_none')}</dd>
      </dl>

      <h4>{t('sig_changes_title')}</h4>
      <p class="small">{t(`modlevel_${sig.modificationLevel}`)}</p>
      {sig.modifications.length > 0 && (
        <ul class="changes">
          {sig.modifications.map((m) => (
            <li class={m.allowed ? 'ok' : 'bad'} data-allowed={String(m.allowed)}>
              <span class="inline-icon">
                <Icon path={VERDICT_STYLE[m.allowed ? 'valid' : 'invalid'].icon} size={13} />
              </span>
              {m.allowed ? t('change_allowed') : t('change_not_allowed')} <span class="mono">{lang() === 'vi' && m.descriptionVi ? m.descriptionVi : m.description}</span>{' '}
              <span class="muted small">({objectLabel(m.object, lang())})</span>
            </li>
          ))}
        </ul>
      )}

      {sig.reasons.length > 0 && (
        // Codes are in the report's collapsed technical section, not in what a person reads.
        <ul class="reasons">
          {sig.reasons.map((r) => (
            <li data-code={r.code}>{r[lang()]}</li>
          ))}
        </ul>
      )}

      <h4>{t('sig_chain_title')}</h4>
      {sig.chain.length ? (
        <ol class="chain">
          {sig.chain.map((c, i) => (
            <ChainItem cert={c} last={i === sig.chain.length - 1} trusted={sig.trusted} />
          ))}
        </ol>
      ) : (
        <p class="muted small">{t('sig_chain_none')}</p>
      )}

      {sig.signedRevisionLength !== undefined && (
        <div class="sig-actions">
          <button type="button" class="secondary open-signed" onClick={() => onOpenSigned(sig.signedRevisionLength as number, sig.fieldName)}>
            {t('sig_open_signed', fmtBytes(sig.signedRevisionLength))}
          </button>
          <span class="muted small">{t('sig_open_signed_hint')}</span>
        </div>
      )}
    </article>
  );
}

function ChainItem({ cert, last, trusted }: { cert: CertificateSummary; last: boolean; trusted: boolean }) {
  return (
    <li>
      <div class="chain-name">
        {cert.commonName ?? cert.subject}
        {last && trusted && <span class="ok small"> · {t('chain_anchor')}</span>}
      </div>
      <div class="muted small">
        {t('chain_issuer')}: {cert.issuer}
      </div>
      <div class="muted small">
        {t('chain_validity', dateTime(cert.notBefore), dateTime(cert.notAfter))} · {t('chain_serial')} <span class="mono">{cert.serialHex}</span>
      </div>
    </li>
  );
}
