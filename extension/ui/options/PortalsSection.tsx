/**
 * Portals: the built-in demo adapter and the user's own (origin + selectors). Adding one asks for the optional
 * host permission right in the click (browsers require a user gesture), then the background registers the
 * content script for it.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { originToMatchPattern, type PortalAdapter } from '../../../core/store/portals.js';
import { getSetting, setSetting } from '../../../core/store/settings.js';
import { database } from '../../services/db.js';
import { BUILT_IN_ADAPTERS } from '../../shared/adapters.js';
import { t } from '../common/i18n.js';
import { notifyBackground } from '../common/open.js';

function selectorOk(s: string): boolean {
  try {
    document.createDocumentFragment().querySelector(s);
    return true;
  } catch {
    return false;
  }
}

interface Form {
  name: string;
  origin: string;
  links: string;
  certify: string;
  fileInput: string;
}

const EMPTY: Form = { name: '', origin: '', links: 'a[href$=".pdf"]', certify: '', fileInput: '' };

export function PortalsSection() {
  const [portals, setPortals] = useState<PortalAdapter[]>([]);
  const [granted, setGranted] = useState<Record<string, boolean>>({});
  const [form, setForm] = useState<Form>(EMPTY);
  const [status, setStatus] = useState<{ kind: 'ok' | 'bad'; text: string }>();

  const refresh = async () => {
    const ps = await getSetting(await database(), 'portals');
    setPortals(ps);
    const g: Record<string, boolean> = {};
    // Built-in ones too: Firefox (and Chrome's "site access" setting) can withhold even manifest host permissions.
    for (const p of [...BUILT_IN_ADAPTERS, ...ps]) g[p.id] = await browser.permissions.contains({ origins: p.matches });
    setGranted(g);
  };
  useEffect(() => void refresh(), []);

  const save = async (next: PortalAdapter[]) => {
    await setSetting(await database(), 'portals', next);
    await notifyBackground('portals');
    await refresh();
  };

  const add = (e: Event) => {
    e.preventDefault();
    const pattern = originToMatchPattern(form.origin);
    if (!form.name.trim()) return setStatus({ kind: 'bad', text: t('portal_need_name') });
    if (!pattern) return setStatus({ kind: 'bad', text: t('portal_bad_origin') });
    for (const s of [form.links, form.certify, form.fileInput]) {
      if (s.trim() && !selectorOk(s)) return setStatus({ kind: 'bad', text: t('portal_bad_selector', s) });
    }
    if (!form.links.trim()) return setStatus({ kind: 'bad', text: t('portal_need_links') });
    const adapter: PortalAdapter = {
      id: crypto.randomUUID(),
      name: form.name.trim(),
      matches: [pattern],
      attachmentLinks: form.links.trim(),
      ...(form.certify.trim() ? { certifyPlacement: form.certify.trim() } : {}),
      ...(form.fileInput.trim() ? { fileInput: form.fileInput.trim() } : {}),
    };
    // First call in the gesture: the browser shows its own permission prompt for exactly this origin.
    void browser.permissions.request({ origins: [pattern] }).then(async (ok) => {
      if (!ok) return setStatus({ kind: 'bad', text: t('portal_denied', pattern) });
      await save([...portals, adapter]);
      setForm(EMPTY);
      setStatus({ kind: 'ok', text: t('portal_added', adapter.name) });
    });
  };

  const regrant = (p: PortalAdapter) => {
    void browser.permissions.request({ origins: p.matches }).then(async () => {
      await notifyBackground('portals');
      await refresh();
    });
  };

  const remove = async (p: PortalAdapter) => {
    await browser.permissions.remove({ origins: p.matches }).catch(() => false);
    await save(portals.filter((x) => x.id !== p.id));
    setStatus({ kind: 'ok', text: t('portal_removed', p.name) });
  };

  const field = (key: keyof Form, label: string, placeholder: string, required = false) => (
    <label class="field">
      <span>{label}</span>
      <input
        type="text"
        name={key}
        required={required}
        placeholder={placeholder}
        value={form[key]}
        onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
      />
    </label>
  );

  return (
    <section class="card" id="portals">
      <h2>{t('portal_title')}</h2>
      <p class="muted">{t('portal_intro')}</p>
      <table class="list" id="portal-table">
        <thead>
          <tr>
            <th>{t('portal_col_name')}</th>
            <th>{t('portal_col_matches')}</th>
            <th>{t('portal_col_links')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {[...BUILT_IN_ADAPTERS, ...portals].map((p) => (
            <tr data-portal={p.id}>
              <td>
                {p.name}
                {p.builtIn && <div class="muted small">{t('portal_builtin')}</div>}
              </td>
              <td class="mono">{p.matches.join(' ')}</td>
              <td class="mono">{p.attachmentLinks}</td>
              <td>
                <div class="actions">
                  {granted[p.id] ? (
                    <span class="ok small">{t('portal_granted')}</span>
                  ) : (
                    <button type="button" class="secondary" onClick={() => regrant(p)}>
                      {t('portal_grant')}
                    </button>
                  )}
                  {!p.builtIn && (
                    <button type="button" class="danger" onClick={() => void remove(p)}>
                      {t('portal_remove')}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="portal-form" onSubmit={add}>
        <h3>{t('portal_add_title')}</h3>
        {field('name', t('portal_f_name'), t('portal_f_name_ph'), true)}
        {field('origin', t('portal_f_origin'), 'https://dichvucong.example.gov.vn', true)}
        {field('links', t('portal_f_links'), 'a[href$=".pdf"]', true)}
        {field('certify', t('portal_f_certify'), '.toolbar')}
        {field('fileInput', t('portal_f_file'), 'input[type=file]')}
        <div>
          <button type="submit">{t('portal_add')}</button>
        </div>
      </form>
      {status && (
        <p id="portal-status" class={`note ${status.kind}`} role="status">
          {status.text}
        </p>
      )}
    </section>
  );
}
