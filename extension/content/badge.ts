/** One verdict badge beside an attachment link: colour + icon + words, in a closed shadow root. */
import { VERDICT_STYLE, type BadgeState } from '../shared/verdict-style.js';
import { closedHost, FONT, icon } from './shadow.js';

const CSS =
  ':host{display:inline-block!important;vertical-align:middle!important;margin:0 0 0 8px!important;position:static!important}' +
  `button{all:initial;box-sizing:border-box;display:inline-flex;align-items:center;gap:5px;padding:1px 9px 1px 6px;border:1.5px solid;` +
  `border-radius:11px;font:600 12.5px/19px ${FONT};cursor:pointer;white-space:nowrap;max-width:320px;overflow:hidden;text-overflow:ellipsis}` +
  'button:focus-visible{outline:2px solid #1a73e8;outline-offset:2px}svg{width:14px;height:14px;flex:none}' +
  'button[data-shown=false]{visibility:hidden}.f{font-weight:400;opacity:.85}.t{overflow:hidden;text-overflow:ellipsis}';

export interface Badge {
  readonly host: HTMLElement;
  /** `file`: the short name of the file this verdict is for (shown after the words). */
  set(state: BadgeState, text: string, title: string, file?: string): void;
  /**
   * Withdrawn: the badge keeps its place but shows nothing (the page hid, clipped or distorted it, or moved its
   * link away): a verdict never stands where the user could read it for something else.
   */
  withdraw(on: boolean): void;
}

/** `onActivate` runs only for real user clicks (isTrusted), never for page-dispatched events. */
export function createBadge(onActivate: () => void): Badge {
  const { host, root } = closedHost('saoy-badge', CSS);
  const button = document.createElement('button');
  button.type = 'button';
  const label = document.createElement('span');
  label.className = 't';
  const fileLabel = document.createElement('span');
  fileLabel.className = 'f';
  root.append(button);
  button.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    if (e.isTrusted) onActivate();
  });
  return {
    host,
    set(state, text, title, file) {
      const s = VERDICT_STYLE[state];
      button.dataset.state = state;
      button.style.cssText = `color:${s.fg};background:${s.bg};border-color:${s.border}`;
      label.textContent = text;
      fileLabel.textContent = file ? ` · ${file}` : '';
      label.append(fileLabel);
      button.title = title;
      button.setAttribute('aria-label', title);
      button.replaceChildren(icon(s.icon), label);
    },
    withdraw(on) {
      // Every pass over the page asks again; writing the same state would only restyle the badge for nothing.
      if (button.dataset.shown === (on ? 'false' : 'true')) return;
      button.dataset.shown = on ? 'false' : 'true';
      button.disabled = on;
    },
  };
}
