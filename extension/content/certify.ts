/**
 * The clerk's side of a portal page: a "Chứng thực" action beside the portal's upload control (adapter data:
 * `certifyPlacement`), in a closed shadow root. A real click (isTrusted) only asks the background to OPEN the
 * certify panel; nothing here can sign or read anything. When the clerk presses "Đưa vào hồ sơ" in the panel,
 * the background sends the final copy and it is set into the adapter's file input (DataTransfer) with
 * input/change events, so the clerk submits the portal's own form.
 */
import { fromBase64 } from '../shared/base64.js';
import type { PlaceResult, TabEvent } from '../shared/messages.js';
import { layoutProblem } from './layout-guard.js';
import { closedHost, FONT, icon } from './shadow.js';
import { sha256Hex } from '../../core/bytes/sha.js';

const CSS =
  ':host{display:inline-flex!important;align-items:center!important;gap:8px!important;vertical-align:middle!important;margin:0 8px 0 0!important}' +
  `button{all:initial;box-sizing:border-box;display:inline-flex;align-items:center;gap:6px;padding:5px 14px 5px 10px;border-radius:8px;` +
  `background:#a3151a;color:#fff;font:600 14px/20px ${FONT};cursor:pointer;white-space:nowrap}` +
  'button:hover{background:#86100f}button:focus-visible{outline:2px solid #1a73e8;outline-offset:2px}svg{width:15px;height:15px}' +
  `span{font:13px/18px ${FONT};color:#3c4043;max-width:420px}span.ok{color:#0b5a27;font-weight:600}span.bad{color:#a00d0d}`;

const PEN = 'M3 13l1-3.5L10.5 3 13 5.5 6.5 12 3 13zM9 4.5L11.5 7';

export interface CertifyAction {
  readonly host: HTMLElement;
  status(text: string, kind?: 'ok' | 'bad'): void;
  /** New words (the user switched language). */
  relabel(label: string, title: string): void;
}

/**
 * Whether the action is really visible to the clerk right now. Where the browser has IntersectionObserver v2
 * (`trackVisibility`: Chromium), its paint-based verdict counts (it sees opacity, filters, transforms and
 * anything drawn over us, even with pointer-events: none); everywhere, the layout checks along the ancestors
 * and a hit test at the click point must pass too.
 */
function visibilityTracker(host: HTMLElement): (x: number, y: number) => boolean {
  let painted: boolean | undefined;
  const v2 = typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;
  if (v2) {
    painted = false;
    const io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) painted = (e as IntersectionObserverEntry & { isVisible?: boolean }).isVisible === true;
      },
      { threshold: [1], trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    io.observe(host);
  }
  return (x, y) => {
    if (painted === false) return false;
    if (layoutProblem(host, { checkCover: true })) return false;
    const hit = document.elementFromPoint(x, y);
    return hit === host || (hit !== null && host.contains(hit));
  };
}

/**
 * `onActivate` runs only for the clerk's real clicks (isTrusted) on an action that is really shown — never for
 * page-dispatched or scripted clicks, nor for a click that landed on us while the page made us invisible
 * (clickjacking: opacity 0 over a lure button). `onRefused` tells the clerk why nothing happened.
 */
export function createCertifyAction(label: string, title: string, onActivate: () => void, onRefused: () => void = () => undefined): CertifyAction {
  const { host, root } = closedHost('saoy-certify', CSS);
  const button = document.createElement('button');
  button.type = 'button';
  button.title = title;
  button.setAttribute('aria-label', title);
  const text = document.createElement('b');
  text.style.font = 'inherit';
  text.textContent = label;
  button.append(icon(PEN), text);
  const note = document.createElement('span');
  note.setAttribute('role', 'status');
  root.append(button, note);
  const visible = visibilityTracker(host);
  button.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    if (!e.isTrusted) return;
    if (visible(e.clientX, e.clientY)) onActivate();
    else onRefused();
  });
  return {
    host,
    status(t, kind) {
      note.textContent = t;
      note.className = kind ?? '';
    },
    relabel(l, t) {
      text.textContent = l;
      button.title = t;
      button.setAttribute('aria-label', t);
    },
  };
}

/** Pages served over plain HTTP have no WebCrypto: the digest check is then skipped (undefined). */
async function sha256HexIfAvailable(bytes: Uint8Array): Promise<string | undefined> {
  return globalThis.crypto?.subtle ? sha256Hex(bytes) : undefined;
}

/** Sets the copy into the adapter's file input, as the clerk would by choosing the file. */
export async function placeCopy(ev: Extract<TabEvent, { type: 'placeCopy' }>, fileInput: string): Promise<PlaceResult> {
  const input = document.querySelector(fileInput);
  if (!(input instanceof HTMLInputElement) || input.type !== 'file') return { ok: false, why: 'NO_INPUT' };
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(ev.data);
  } catch {
    return { ok: false, why: 'BAD_DATA' };
  }
  const sha = await sha256HexIfAvailable(bytes);
  if (sha !== undefined && sha !== ev.sha256) return { ok: false, why: 'BAD_DATA' };
  const dt = new DataTransfer();
  dt.items.add(new File([bytes as Uint8Array<ArrayBuffer>], ev.name, { type: 'application/pdf', lastModified: Date.now() }));
  input.files = dt.files;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return { ok: true, name: ev.name, size: bytes.length };
}
