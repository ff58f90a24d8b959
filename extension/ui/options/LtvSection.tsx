/**
 * "Lưu trữ dài hạn": the PAdES level of new copies, the timestamp authority, and revocation fetching (off by
 * default; only from the origins listed here, each asked for as an optional host permission in the click).
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { database } from '../../services/db.js';
import { ltvSettings, saveLtvSettings, type LtvSettings } from '../../services/ltv.js';
import { errorText } from '../common/errors.js';
import { t } from '../common/i18n.js';

const LEVELS: LtvSettings['level'][] = ['B-B', 'B-T', 'B-LT', 'B-LTA'];

/** Match patterns for the origins a request will reach (the TSA and the allowed revocation origins). */
function patterns(tsaUrl: string, origins: readonly string[]): string[] {
  const out: string[] = [];
  for (const u of [tsaUrl, ...origins]) {
    try {
      const x = new URL(u);
      out.push(`${x.protocol}//${x.hostname}/*`);
    } catch {
      /* checked by saveLtvSettings */
    }
  }
  return [...new Set(out)];
}

export function LtvSection() {
  const [form, setForm] = useState<{ level: LtvSettings['level']; tsaUrl: string; fetchRevocation: boolean; origins: string; months: string }>();
  const [status, setStatus] = useState<{ kind: 'ok' | 'bad'; text: string }>();

  useEffect(() => {
    void database().then(ltvSettings).then((s) => setForm({ level: s.level, tsaUrl: s.tsaUrl, fetchRevocation: s.fetchRevocation, origins: s.revocationOrigins.join('\n'), months: String(s.renewalMonths) }));
  }, []);
  if (!form) return null;

  const save = (e: Event) => {
    e.preventDefault();
    setStatus(undefined);
    const origins = form.origins.split(/[\s,]+/).filter(Boolean);
    // Permissions must be asked for in the click itself (user gesture), before any await.
    const wanted = patterns(form.tsaUrl.trim(), form.fetchRevocation ? origins : []);
    const asked = wanted.length ? browser.permissions.request({ origins: wanted }).catch(() => false) : Promise.resolve(true);
    void (async () => {
      try {
        const saved = await saveLtvSettings({ level: form.level, tsaUrl: form.tsaUrl, fetchRevocation: form.fetchRevocation, revocationOrigins: origins, renewalMonths: Number(form.months) });
        setForm({ ...form, tsaUrl: saved.tsaUrl, origins: saved.revocationOrigins.join('\n') });
        setStatus((await asked) ? { kind: 'ok', text: t('ltv_saved') } : { kind: 'bad', text: t('ltv_saved_no_permission') });
      } catch (err) {
        setStatus({ kind: 'bad', text: errorText(err) });
      }
    })();
  };

  return (
    <section class="card" id="ltv">
      <h2>{t('ltv_title')}</h2>
      <p class="muted small">{t('ltv_intro')}</p>
      <form onSubmit={save} class="ltv-form">
        <label class="field">
          <span>{t('ltv_level')}</span>
          <select id="ltv-level" value={form.level} onChange={(e) => setForm({ ...form, level: (e.target as HTMLSelectElement).value as LtvSettings['level'] })}>
            {LEVELS.map((l) => (
              <option value={l}>{t(`ltv_level_${l.replace('-', '_')}`)}</option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{t('ltv_tsa')}</span>
          <input id="ltv-tsa" type="url" placeholder="https://tsa.example.vn/" value={form.tsaUrl} onInput={(e) => setForm({ ...form, tsaUrl: (e.target as HTMLInputElement).value })} />
        </label>
        <label class="field">
          <span>{t('ltv_months')}</span>
          <input id="ltv-months" type="number" min={1} max={120} value={form.months} onInput={(e) => setForm({ ...form, months: (e.target as HTMLInputElement).value })} />
        </label>
        <label class="radio">
          <input id="ltv-fetch" type="checkbox" checked={form.fetchRevocation} onChange={(e) => setForm({ ...form, fetchRevocation: (e.target as HTMLInputElement).checked })} /> {t('ltv_fetch')}
        </label>
        <label class="field">
          <span>{t('ltv_origins')}</span>
          <textarea id="ltv-origins" rows={3} placeholder="http://crl.example.vn" value={form.origins} onInput={(e) => setForm({ ...form, origins: (e.target as HTMLTextAreaElement).value })} />
        </label>
        <div class="actions">
          <button type="submit" id="ltv-save">{t('ltv_save')}</button>
          {status && (
            <span id="ltv-status" class={status.kind === 'ok' ? 'ok' : 'bad'} role="status">
              {status.text}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
