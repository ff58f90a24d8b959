import { render } from 'preact';
import browser from 'webextension-polyfill';

function Popup() {
  return (
    <main style={{ font: '14px system-ui, sans-serif', width: '320px', padding: '12px' }}>
      <h1 style={{ fontSize: '16px', margin: '0 0 8px' }}>{browser.i18n.getMessage('popupTitle')}</h1>
      <p>{browser.i18n.getMessage('popupComingSoon')}</p>
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<Popup />, root);
