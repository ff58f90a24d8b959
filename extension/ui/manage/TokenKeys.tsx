/**
 * Keys on a USB token (PKCS#11, through saoy's native host): find the tokens, choose the certificate the
 * certifier and the authority sign with, and try a signature with the PIN. The PIN is typed here, sent with one
 * sign request and cleared; the choice (module, token, key id, certificates — no secret) is kept in the
 * extension origin's localStorage (no extra permission) for the signing flow.
 */
import { useEffect, useState } from 'preact/hooks';
import { describeCertificate } from '../../../core/pki/certificate.js';
import { certificateParts } from '../../../core/pki/cert-parts.js';
import { verifySha256Signature } from '../../../core/pki/public-key.js';
import { base64ToBytes, type TokenCertificate, type TokenInfo } from '../../shared/native-protocol.js';
import { NativeHostError, nativeRequest, type TokenKeyChoice, tokenSignerViaHost } from '../../shared/native-protocol-client.js';
import { announce } from '../../services/clerk-events.js';
import { saveTokenChoices, type TokenChoices, tokenChoices, type TokenRole } from '../../services/token-keys.js';
import { date } from '../common/format.js';
import { t } from '../common/i18n.js';

type Role = TokenRole;
const MODULE_KEY = 'saoy.tokenModule';
type Choices = TokenChoices;
type Status = { kind: 'ok' | 'bad'; text: string; code?: string } | undefined;

function problem(e: unknown): Status {
  if (e instanceof NativeHostError) return { kind: 'bad', text: e.vi, code: e.code };
  return { kind: 'bad', text: e instanceof Error ? e.message : String(e) };
}

export function TokenKeys() {
  const [module, setModule] = useState('');
  const [tokens, setTokens] = useState<TokenInfo[]>([]);
  const [certs, setCerts] = useState<Record<string, TokenCertificate[]>>({});
  const [choices, setChoices] = useState<Choices>({});
  const [pin, setPin] = useState('');
  const [role, setRole] = useState<Role>('certifier');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>();

  useEffect(() => {
    setModule(localStorage.getItem(MODULE_KEY) ?? '');
    setChoices(tokenChoices());
  }, []);

  const refresh = async () => {
    setBusy(true);
    setStatus(undefined);
    setTokens([]);
    setCerts({});
    try {
      localStorage.setItem(MODULE_KEY, module.trim());
      const m = module.trim() || undefined;
      const found = (await nativeRequest<'list-tokens'>({ type: 'list-tokens', ...(m ? { module: m } : {}) })).tokens;
      setTokens(found);
      const all: Record<string, TokenCertificate[]> = {};
      for (const tk of found) {
        const r = await nativeRequest<'list-certificates'>({ type: 'list-certificates', module: tk.module, token: { label: tk.label, serial: tk.serial } });
        all[`${tk.module}|${tk.serial}`] = r.certificates;
      }
      setCerts(all);
    } catch (e) {
      setStatus(problem(e));
    } finally {
      setBusy(false);
    }
  };

  const choose = async (r: Role, tk: TokenInfo, c: TokenCertificate, onToken: TokenCertificate[]) => {
    const choice: TokenKeyChoice = {
      module: tk.module,
      token: { label: tk.label, serial: tk.serial },
      keyId: c.keyId,
      label: c.label,
      certificates: [c.der, ...onToken.filter((o) => !o.hasKey).map((o) => o.der)],
    };
    const next = { ...choices, [r]: choice };
    saveTokenChoices(next);
    announce({ type: 'keys' });
    setChoices(next);
    setStatus({ kind: 'ok', text: t(r === 'certifier' ? 'token_chosen_certifier' : 'token_chosen_authority', c.label) });
  };

  /** Signs a fresh random value with the chosen key and checks the signature with its certificate. */
  const trySign = async (e: Event) => {
    e.preventDefault();
    const choice = choices[role];
    if (!choice) return setStatus({ kind: 'bad', text: t('token_choose_first') });
    if (!pin) return setStatus({ kind: 'bad', text: t('token_pin_missing') });
    setBusy(true);
    setStatus(undefined);
    const typed = pin;
    setPin('');
    try {
      const data = crypto.getRandomValues(new Uint8Array(64));
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
      const started = performance.now();
      const signer = tokenSignerViaHost(choice, typed);
      const signature = await signer.sign({ data, digest });
      const ms = Math.round(performance.now() - started);
      const ok = await verifySha256Signature(certificateParts(signer.certificates[0]), data, signature);
      setStatus(ok ? { kind: 'ok', text: t('token_sign_ok', ms) } : { kind: 'bad', text: t('token_sign_mismatch') });
    } catch (err) {
      setStatus(problem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" id="keys-token">
      <h2>{t('token_title')}</h2>
      <p class="muted">{t('token_intro')}</p>
      <label>
        {t('token_module_label')}
        <input id="token-module" class="mono" value={module} placeholder="/usr/lib/…/libpkcs11.so" onInput={(e) => setModule((e.target as HTMLInputElement).value)} />
      </label>
      <button type="button" id="token-refresh" disabled={busy} onClick={() => void refresh()}>
        {t('token_refresh')}
      </button>
      {tokens.map((tk) => {
        const onToken = certs[`${tk.module}|${tk.serial}`] ?? [];
        return (
          <div class="token" key={`${tk.module}|${tk.serial}`}>
            <h3>
              {tk.label} <span class="muted">({tk.manufacturer} {tk.model}, {tk.serial})</span>
            </h3>
            {tk.pinLocked && <p class="note bad">{t('token_locked')}</p>}
            <table class="token-certs">
              <tbody>
                {onToken.filter((c) => c.hasKey).map((c) => {
                  const d = describeCertificate(base64ToBytes(c.der));
                  return (
                    <tr key={c.keyId} data-key-id={c.keyId}>
                      <td>{d.subject.commonName ?? d.subject.text}</td>
                      <td class="muted">{d.issuer.commonName ?? d.issuer.text}</td>
                      <td>{t('token_valid_until', date(d.notAfter.toISOString()))}</td>
                      <td>
                        <button type="button" class="secondary choose-certifier" onClick={() => void choose('certifier', tk, c, onToken)}>{t('token_use_certifier')}</button>{' '}
                        <button type="button" class="secondary choose-authority" onClick={() => void choose('authority', tk, c, onToken)}>{t('token_use_authority')}</button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      })}
      <p id="token-choices" class="muted">
        {t('token_current', choices.certifier?.label ?? '—', choices.authority?.label ?? '—')}
      </p>
      <form onSubmit={(e) => void trySign(e)}>
        <select id="token-role" value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)}>
          <option value="certifier">{t('token_use_certifier')}</option>
          <option value="authority">{t('token_use_authority')}</option>
        </select>{' '}
        <input id="token-pin" type="password" autocomplete="off" inputMode="numeric" placeholder={t('token_pin_label')} value={pin} onInput={(e) => setPin((e.target as HTMLInputElement).value)} />{' '}
        <button type="submit" id="token-try" disabled={busy}>{t('token_try_sign')}</button>
      </form>
      {status && (
        <p id="token-status" class={`note ${status.kind === 'ok' ? 'okbg' : 'bad'}`} role="status" data-code={status.code}>
          {status.text}
        </p>
      )}
    </section>
  );
}
