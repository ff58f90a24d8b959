/** "Checking 12/50 attachments…" in a corner when a page has many; a closed shadow root like the badges. */
import { closedHost, FONT } from './shadow.js';

const CSS =
  `:host{position:fixed!important;right:16px!important;bottom:16px!important;z-index:2147483647!important;display:block!important}` +
  `div{all:initial;display:flex;align-items:center;gap:10px;box-sizing:border-box;min-width:260px;max-width:420px;padding:10px 12px;` +
  `background:#fff;color:#202124;border:1px solid #c4c7c5;border-radius:10px;box-shadow:0 4px 16px rgba(0,0,0,.18);font:13px/1.4 ${FONT}}` +
  'p{all:initial;font:inherit;color:inherit;flex:1}progress{width:90px;height:8px}' +
  'button{all:initial;font:inherit;color:#5f6368;cursor:pointer;padding:0 4px;font-size:16px}';

export interface Progress {
  update(done: number, total: number, summary: string | undefined): void;
}

export function createProgress(closeLabel: string, checking: (done: number, total: number) => string): Progress {
  let shown: { host: HTMLElement; text: HTMLParagraphElement; bar: HTMLProgressElement } | undefined;
  let dismissed = false;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  let lingering: HTMLElement | undefined;
  const show = () => {
    lingering?.remove();
    const { host, root } = closedHost('saoy-progress', CSS);
    const box = document.createElement('div');
    box.setAttribute('role', 'status');
    box.setAttribute('aria-live', 'polite');
    const text = document.createElement('p');
    const bar = document.createElement('progress');
    const close = document.createElement('button');
    close.textContent = '×';
    close.title = closeLabel;
    close.setAttribute('aria-label', closeLabel);
    close.addEventListener('click', (e) => {
      if (!e.isTrusted) return;
      dismissed = true;
      host.remove();
    });
    box.append(text, bar, close);
    root.append(box);
    document.documentElement.append(host);
    return { host, text, bar };
  };
  return {
    update(done, total, summary) {
      if (dismissed) return;
      shown ??= show();
      clearTimeout(hideTimer);
      shown.bar.max = total;
      shown.bar.value = done;
      shown.text.textContent = done < total || !summary ? checking(done, total) : summary;
      shown.bar.hidden = done >= total;
      if (done >= total) {
        const host = (lingering = shown.host);
        hideTimer = setTimeout(() => host.remove(), 8000);
        shown = undefined;
      }
    },
  };
}
