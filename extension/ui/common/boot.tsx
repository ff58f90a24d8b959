/** Every page starts the same way: strings first, then render; a failure is shown, never a blank page. */
import { render, type ComponentType } from 'preact';
import { initI18n, t } from './i18n.js';
import './base.css';

export async function boot(App: ComponentType, titleKey: string): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  try {
    await initI18n();
    document.title = t(titleKey);
    render(<App />, root);
  } catch (e) {
    root.textContent = `saoy: ${e instanceof Error ? e.message : String(e)}`;
  }
}
