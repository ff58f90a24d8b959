/**
 * Content script: finds the adapter's attachment links, asks the background to verify each (6 in flight), and
 * puts a badge beside each. It treats the page as hostile: it reads only link URLs, never trusts page events,
 * and contains no verification code (that runs in extension context only).
 */
import browser from 'webextension-polyfill';
import { parseTabEvent, type BadgeResult, type HelloReply, type PlaceResult } from '../shared/messages.js';
import { VERDICT_WORD_KEY } from '../shared/verdict-style.js';
import { createBadge, type Badge } from './badge.js';
import { createCertifyAction, placeCopy, type CertifyAction } from './certify.js';
import { besideLink, layoutProblem, type StyleCache } from './layout-guard.js';
import { createProgress } from './progress.js';

const IN_FLIGHT = 6;
/** The background bounds fetch (30 s) and verification (10 s); past this the badge says "no answer". */
const ANSWER_TIMEOUT_MS = 60_000;
const PROGRESS_FROM = 5;

interface Item {
  link: HTMLAnchorElement;
  url: string;
  badge: Badge;
  result?: BadgeResult;
  /** Bumped when the link is re-checked; stale answers are dropped. */
  run: number;
}

function send<T>(msg: unknown, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)));
  return Promise.race([browser.runtime.sendMessage(msg) as Promise<T>, timeout]).finally(() => clearTimeout(timer));
}

/** Short name of the file a URL serves, for the badge: "ban-sao-bang-tot-…-15.pdf". */
function fileNameOf(url: string): string {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';
    return decodeURIComponent(last);
  } catch {
    return '';
  }
}

function shortFileName(url: string, max = 28): string {
  const name = fileNameOf(url) || url;
  return name.length <= max ? name : `${name.slice(0, max - 12)}…${name.slice(-11)}`;
}

async function main(): Promise<void> {
  // The manifest's script and one registered for a user's portal may both land in a page: run once.
  const flag = globalThis as { __saoyContent?: boolean };
  if (flag.__saoyContent) return;
  flag.__saoyContent = true;
  let hello: HelloReply;
  try {
    hello = await send<HelloReply>({ type: 'hello' }, 15_000);
  } catch {
    return; // No background, no adapter: show nothing rather than something unverified.
  }
  if (!hello.adapter) return;
  const selector = hello.adapter.attachmentLinks;
  const s = (key: string, ...subs: (string | number)[]) =>
    (hello.strings[key] ?? key).replace(/\$([1-9])/g, (_, i: string) => String(subs[Number(i) - 1] ?? ''));

  // Any change of the page re-checks the badges (below), except the changes we make ourselves: putting a badge
  // in place must not start another pass over all of them.
  const pageChanges = new MutationObserver(() => schedule(100));
  const quietly = (write: () => void) => {
    write();
    pageChanges.takeRecords();
  };
  const items = new Map<HTMLAnchorElement, Item>();
  const queue: Item[] = [];
  let active = 0;
  const progress = createProgress(s('progress_close'), (d, t) => s('progress_checking', d, t));

  const paint = (it: Item) => {
    const r = it.result;
    if (!r) return it.badge.set('pending', s('badge_pending'), s('badge_title_pending'));
    const word = s(VERDICT_WORD_KEY[r.verdict]);
    // Every fetch failure looks the same on the page (same words, same size): a page must not learn from our
    // badge whether another server refused, 404'd or redirected. The reason is only in the tooltip.
    const short = r.fetchError ? s('badge_short_FETCH') : r.verdict === 'error' ? s('badge_short_UNREADABLE') : '';
    const long = r.fetchError ? errorLong(r) : (r.detail ?? '');
    const action = r.sha256 ? s('badge_open_report') : s('badge_retry');
    const file = r.sha256 ? shortFileName(it.url) : undefined;
    it.badge.set(r.verdict, short ? `${word}: ${short}` : word, `saoy — ${word}${file ? ` (${fileNameOf(it.url)})` : ''}${long ? `: ${long}` : ''}\n${action}`, file);
  };
  const errorLong = (r: BadgeResult) =>
    r.fetchError?.kind === 'HTTP' ? s(r.fetchError.status === 404 ? 'badge_err_HTTP_404' : 'badge_err_HTTP', r.fetchError.status ?? '') : s(`badge_err_${r.fetchError?.kind}`);

  const report = () => {
    const all = [...items.values()];
    if (all.length < PROGRESS_FROM) return;
    const done = all.filter((i) => i.result).length;
    const count = (v: string) => all.filter((i) => i.result?.verdict === v).length;
    const parts = ['valid', 'invalid', 'indeterminate', 'unsigned', 'error'].filter((v) => count(v)).map((v) => s(`progress_count_${v}`, count(v)));
    progress.update(done, all.length, s('progress_done', all.length, parts.join(', ')));
  };

  const pump = () => {
    while (active < IN_FLIGHT && queue.length) {
      const it = queue.shift() as Item;
      const run = it.run;
      active++;
      send<BadgeResult>({ type: 'verifyUrl', url: it.url }, ANSWER_TIMEOUT_MS)
        .catch((): BadgeResult => ({ verdict: 'error', fetchError: { kind: 'NO_ANSWER' } }))
        .then((r) => {
          if (it.run !== run) return;
          it.result = r;
          paint(it);
          quietly(report);
        })
        .finally(() => {
          active--;
          pump();
        });
    }
  };

  const check = (it: Item) => {
    it.run++;
    it.result = undefined;
    it.url = it.link.href;
    paint(it);
    queue.push(it);
    pump();
  };

  const activate = (it: Item) => {
    if (!guard(it) || layoutProblem(it.badge.host, { checkCover: true })) return; // not really shown: a click on it is not the user's
    if (it.result?.sha256) void send({ type: 'openReport', sha256: it.result.sha256 }, 10_000).catch(() => undefined);
    else if (it.result) check(it);
  };

  /**
   * Keeps a badge bound to its link: moved away → put back right after the link; the link or the badge hidden,
   * clipped, distorted (opacity, filter, transform…) or drawn apart → the badge is withdrawn (shows nothing)
   * until the page shows both plainly again. Returns whether the badge is shown.
   */
  const guard = (it: Item): boolean => {
    quietly(() => place(it));
    return judge(it, new Map());
  };
  /** Writes: the badge back right after its link (or gone with it). */
  const place = (it: Item) => {
    const host = it.badge.host;
    if (!it.link.isConnected) host.remove();
    else if (it.link.nextSibling !== host) it.link.after(host);
  };
  /** Reads, then one write inside the badge's own shadow root (which the page's layout never depends on). */
  const judge = (it: Item, cache: StyleCache): boolean => {
    const host = it.badge.host;
    const ok = it.link.isConnected && !layoutProblem(it.link, { cache }) && !layoutProblem(host, { cache }) && besideLink(it.link, host);
    it.badge.withdraw(!ok);
    return ok;
  };

  /**
   * Every link gets its badge, then every badge is judged. All page writes come first and all layout reads after
   * them: interleaved, each badge's write made the next badge's read lay the page out again (50 layouts a pass).
   */
  const scan = () => {
    quietly(() => {
      for (const el of document.querySelectorAll(selector)) {
        if (!(el instanceof HTMLAnchorElement) || !/^https?:/.test(el.href)) continue;
        const known = items.get(el);
        if (known) {
          // The page swapped the link's target after we checked it: the old verdict no longer applies.
          if (known.url !== el.href) check(known);
          continue;
        }
        const it: Item = { link: el, url: el.href, run: 0, badge: createBadge(() => activate(it)) };
        items.set(el, it);
        el.after(it.badge.host);
        check(it);
      }
      for (const [link, it] of items) {
        if (!link.isConnected) items.delete(link);
        place(it);
      }
    });
    const cache: StyleCache = new Map();
    for (const it of items.values()) judge(it, cache);
    quietly(report);
  };

  let scheduled = false;
  const schedule = (ms: number) => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      scan();
    }, ms);
  };
  // Any change of the page (nodes, classes, inline styles, stylesheets) and any scroll or resize re-checks the
  // badges; a slow timer catches what no event reports (CSSOM edits, animations).
  pageChanges.observe(document.documentElement, { childList: true, subtree: true, attributes: true, characterData: true });
  addEventListener('scroll', () => schedule(100), { capture: true, passive: true });
  addEventListener('resize', () => schedule(100), { passive: true });
  setInterval(() => schedule(0), 1000);

  // The clerk's Certify action (only where the adapter names both its place and the portal's file input).
  const { certifyPlacement, fileInput } = hello.adapter;
  let certify: CertifyAction | undefined;
  const mountCertify = () => {
    if (!certifyPlacement || !fileInput) return;
    const place = document.querySelector(certifyPlacement);
    if (!place) return;
    certify ??= createCertifyAction(
      s('portal_certify_button'),
      s('portal_certify_title'),
      () => {
        certify?.status(s('portal_certify_opening'));
        send<{ opened: string }>({ type: 'openCertify' }, 15_000)
          .then((r) => certify?.status(r.opened === 'none' ? s('portal_certify_failed') : s('portal_certify_opened')))
          .catch(() => certify?.status(s('portal_certify_failed'), 'bad'));
      },
      () => certify?.status(s('portal_certify_hidden'), 'bad'),
    );
    if (certify.host.parentElement !== place) place.prepend(certify.host);
  };

  browser.runtime.onMessage.addListener((msg: unknown, sender: { id?: string; tab?: unknown }): Promise<PlaceResult> | undefined => {
    // Only our extension's own context (never a tab: other content scripts) may talk to us.
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) return undefined;
    const ev = parseTabEvent(msg);
    if (ev?.type === 'recheck') {
      // Trust or language changed: fresh strings first (badges follow the language without a reload), then
      // every link is checked again.
      void send<HelloReply>({ type: 'hello' }, 15_000)
        .then((fresh) => (hello = fresh), () => undefined)
        .finally(() => {
          for (const it of items.values()) check(it);
          certify?.relabel(s('portal_certify_button'), s('portal_certify_title'));
        });
    }
    if (ev?.type !== 'placeCopy') return undefined;
    if (!fileInput) return Promise.resolve({ ok: false, why: 'REFUSED' });
    return placeCopy(ev, fileInput).then((r) => {
      if (r.ok) certify?.status(s('portal_certify_placed', r.name), 'ok');
      return r;
    });
  });
  scan();
  mountCertify();
  new MutationObserver(() => {
    if (!certify?.host.isConnected) mountCertify();
  }).observe(document.documentElement, { childList: true, subtree: true });
}

void main();
