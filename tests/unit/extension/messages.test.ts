import { describe, expect, it } from 'vitest';
import { allowedFrom, fromExtension, parsePageEvent, parseRequest, parseTabEvent, senderKind } from '../../../extension/shared/messages.js';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const SHA = 'a'.repeat(64);

describe('message protocol', () => {
  it('accepts exactly the known messages', () => {
    expect(parseRequest({ type: 'hello' })).toEqual({ type: 'hello' });
    expect(parseRequest({ type: 'verifyUrl', url: 'https://x.gov.vn/a.pdf' })).toEqual({ type: 'verifyUrl', url: 'https://x.gov.vn/a.pdf' });
    expect(parseRequest({ type: 'openReport', sha256: SHA })).toEqual({ type: 'openReport', sha256: SHA });
    expect(parseRequest({ type: 'settingsChanged', what: 'trust' })).toEqual({ type: 'settingsChanged', what: 'trust' });
    expect(parseRequest({ type: 'tabSummary', tabId: 7 })).toEqual({ type: 'tabSummary', tabId: 7 });
  });

  it.each([
    null,
    'hello',
    [],
    { type: 'nope' },
    { type: 'hello', url: 'https://evil/' }, // the page URL comes from the browser, never from the message
    { type: 'verifyUrl' },
    { type: 'verifyUrl', url: 5 },
    { type: 'verifyUrl', url: 'x'.repeat(5000) },
    { type: 'openReport', sha256: 'A'.repeat(64) },
    { type: 'openReport', sha256: '../options' },
    { type: 'settingsChanged', what: 'everything' },
    { type: 'tabSummary', tabId: 1.5 },
  ])('refuses %j', (m) => {
    expect(parseRequest(m)).toBeUndefined();
  });

  it('tells our pages from our content scripts and refuses everyone else', () => {
    expect(senderKind({ id: ID, url: `${ORIGIN}extension/ui/options/index.html` }, ID, ORIGIN)).toBe('page');
    expect(senderKind({ id: ID, url: `${ORIGIN}extension/ui/report/index.html`, tab: { id: 3 } }, ID, ORIGIN)).toBe('page');
    expect(senderKind({ id: ID, url: 'https://portal.gov.vn/ho-so', tab: { id: 3 }, frameId: 0 }, ID, ORIGIN)).toBe('content');
    expect(senderKind({ id: 'other-extension', url: 'https://portal.gov.vn/', tab: { id: 3 } }, ID, ORIGIN)).toBeUndefined();
    expect(senderKind({ id: ID, url: 'https://portal.gov.vn/' }, ID, ORIGIN)).toBeUndefined(); // no tab: not a content script
    expect(senderKind({ id: ID, url: 'file:///etc/passwd', tab: { id: 1 } }, ID, ORIGIN)).toBeUndefined();
    expect(senderKind({ id: ID }, ID, ORIGIN)).toBeUndefined();
  });

  it('content scripts may only ask to verify, say hello and open a report', () => {
    expect(allowedFrom('content', 'verifyUrl')).toBe(true);
    expect(allowedFrom('content', 'openReport')).toBe(true);
    expect(allowedFrom('content', 'settingsChanged')).toBe(false);
    expect(allowedFrom('content', 'tabSummary')).toBe(false);
    expect(allowedFrom('page', 'settingsChanged')).toBe(true);
    expect(allowedFrom('page', 'verifyUrl')).toBe(false);
  });

  it('tab events are validated too', () => {
    expect(parseTabEvent({ type: 'recheck' })).toEqual({ type: 'recheck' });
    expect(parseTabEvent({ type: 'recheck', x: 1 })).toBeUndefined();
  });
});

describe('message protocol: each check on its own', () => {
  const COPY = '0f8fad5b-d9cb-469f-a165-70867728950e#12';
  const MAX_URL = 4096;
  const MAX_DATA = Math.ceil((100 * 1024 * 1024) / 3) * 4;

  it('accepts every well-formed request, at the limits', () => {
    expect(parseRequest({ type: 'verifyUrl', url: 'h'.repeat(MAX_URL) })).toEqual({ type: 'verifyUrl', url: 'h'.repeat(MAX_URL) });
    for (const what of ['trust', 'portals', 'language'] as const) expect(parseRequest({ type: 'settingsChanged', what })).toEqual({ type: 'settingsChanged', what });
    expect(parseRequest({ type: 'tabSummary', tabId: 0 })).toEqual({ type: 'tabSummary', tabId: 0 });
    expect(parseRequest({ type: 'openCertify' })).toEqual({ type: 'openCertify' });
    expect(parseRequest({ type: 'certifyTarget' })).toEqual({ type: 'certifyTarget' });
    expect(parseRequest({ type: 'certifyTarget', windowId: 0 })).toEqual({ type: 'certifyTarget', windowId: 0 });
    expect(parseRequest({ type: 'deliverCopy', copyId: COPY, tabId: 0 })).toEqual({ type: 'deliverCopy', copyId: COPY, tabId: 0 });
  });

  it.each([
    ['an array with a type', Object.assign([], { type: 'hello' })],
    ['a type that is not a string', { type: ['hello'] }],
    ['an extra key on hello', { type: 'hello', extra: 1 }],
    ['an extra key on verifyUrl', { type: 'verifyUrl', url: 'https://x/a.pdf', tabId: 1 }],
    ['a URL one character too long', { type: 'verifyUrl', url: 'h'.repeat(MAX_URL + 1) }],
    ['a URL in an array', { type: 'verifyUrl', url: ['https://x/a.pdf'] }],
    ['an extra key on openReport', { type: 'openReport', sha256: SHA, url: 'x' }],
    ['a hash in an array', { type: 'openReport', sha256: [SHA] }],
    ['a hash with a prefix', { type: 'openReport', sha256: `x${SHA}` }],
    ['a hash with a suffix', { type: 'openReport', sha256: `${SHA}0` }],
    ['an extra key on settingsChanged', { type: 'settingsChanged', what: 'trust', x: 1 }],
    ['settingsChanged without what', { type: 'settingsChanged' }],
    ['an extra key on tabSummary', { type: 'tabSummary', tabId: 1, windowId: 1 }],
    ['a tab id as a string', { type: 'tabSummary', tabId: '7' }],
    ['an unsafe tab id', { type: 'tabSummary', tabId: 2 ** 53 }],
    ['an extra key on openCertify', { type: 'openCertify', tabId: 4 }],
    ['an extra key on certifyTarget', { type: 'certifyTarget', windowId: 1, tabId: 1 }],
    ['a window id as a string', { type: 'certifyTarget', windowId: '3' }],
    ['a negative window id', { type: 'certifyTarget', windowId: -1 }],
    ['a fractional window id', { type: 'certifyTarget', windowId: 0.5 }],
    ['an extra key on deliverCopy', { type: 'deliverCopy', copyId: COPY, tabId: 1, data: 'x' }],
    ['a copy id in an array', { type: 'deliverCopy', copyId: [COPY], tabId: 1 }],
    ['a copy id with a path', { type: 'deliverCopy', copyId: `../${COPY}`, tabId: 1 }],
    ['a copy id without its number', { type: 'deliverCopy', copyId: '0f8fad5b#', tabId: 1 }],
    ['a negative tab id', { type: 'deliverCopy', copyId: COPY, tabId: -1 }],
    ['a tab id as a string', { type: 'deliverCopy', copyId: COPY, tabId: '1' }],
    ['a fractional tab id', { type: 'deliverCopy', copyId: COPY, tabId: 1.5 }],
    ['a page event sent as a request', { type: 'certifyTargetChanged' }],
    ['a tab event sent as a request', { type: 'recheck' }],
  ])('refuses %s', (_what, m) => {
    expect(parseRequest(m)).toBeUndefined();
  });

  it('tab events: placeCopy is checked field by field', () => {
    const ok = { type: 'placeCopy', name: 'ban-sao_01.pdf', data: 'JVBERi0=', sha256: SHA };
    expect(parseTabEvent(ok)).toEqual(ok);
    expect(parseTabEvent({ ...ok, data: 'A'.repeat(MAX_DATA) })).toMatchObject({ type: 'placeCopy' });
    for (const bad of [
      null,
      [],
      'recheck',
      { ...ok, type: 'other' },
      { name: ok.name, data: ok.data, sha256: ok.sha256, kind: 'placeCopy' },
      { ...ok, extra: 1 },
      { ...ok, name: 'a.exe' },
      { ...ok, name: '../a.pdf' },
      { ...ok, name: ['a.pdf'] },
      { ...ok, name: `${'a'.repeat(121)}.pdf` },
      { ...ok, data: 5 },
      { ...ok, data: ['JVBERi0='] },
      { ...ok, data: 'A'.repeat(MAX_DATA + 1) },
      { ...ok, sha256: [SHA] },
      { ...ok, sha256: 'A'.repeat(64) },
    ]) {
      expect(parseTabEvent(bad), JSON.stringify(bad)?.slice(0, 80)).toBeUndefined();
    }
    expect(parseTabEvent({ ...ok, name: `${'a'.repeat(120)}.pdf` })).toMatchObject({ type: 'placeCopy' });
  });

  it('page events', () => {
    expect(parsePageEvent({ type: 'certifyTargetChanged' })).toEqual({ type: 'certifyTargetChanged' });
    for (const bad of [null, 'certifyTargetChanged', Object.assign([], { type: 'certifyTargetChanged' }), { type: 'recheck' }, { type: 'certifyTargetChanged', tabId: 1 }]) {
      expect(parsePageEvent(bad)).toBeUndefined();
    }
  });

  it('senders: only our own origin at the start of the URL makes a page', () => {
    const tab = { id: 3 };
    expect(senderKind({ id: ID, url: `https://evil.example/?next=${ORIGIN}`, tab }, ID, ORIGIN)).toBe('content');
    expect(senderKind({ id: ID, url: `https://evil.example/${ORIGIN}` }, ID, ORIGIN)).toBeUndefined();
    expect(senderKind({ id: ID, url: `${ORIGIN.slice(0, -1)}evil/x.html` }, ID, ORIGIN)).toBeUndefined();
    expect(senderKind({ id: ID, url: ORIGIN.toUpperCase() }, ID, ORIGIN)).toBeUndefined();
    expect(senderKind({ id: `${ID}x`, url: `${ORIGIN}x.html` }, ID, ORIGIN)).toBeUndefined();
  });

  it('senders: content scripts run in http(s) pages with a tab', () => {
    const tab = { id: 3 };
    expect(senderKind({ id: ID, url: 'http://127.0.0.1:8080/ho-so', tab }, ID, ORIGIN)).toBe('content');
    expect(senderKind({ id: ID, url: 'https://dichvucong.gov.vn/', tab: { id: 0 } }, ID, ORIGIN)).toBe('content');
    expect(senderKind({ id: ID, url: 'https://dichvucong.gov.vn/', tab: {} }, ID, ORIGIN)).toBeUndefined();
    expect(senderKind({ id: ID, url: 'file:///tmp/https://x', tab }, ID, ORIGIN)).toBeUndefined();
    expect(senderKind({ id: ID, url: 'data:text/html,http://x', tab }, ID, ORIGIN)).toBeUndefined();
    expect(senderKind({ id: ID, url: 'ftp://x/', tab }, ID, ORIGIN)).toBeUndefined();
  });

  it('what each kind of sender may ask', () => {
    for (const t of ['hello', 'verifyUrl', 'openReport', 'openCertify'] as const) {
      expect(allowedFrom('content', t), t).toBe(true);
      expect(allowedFrom('page', t), t).toBe(false);
    }
    for (const t of ['settingsChanged', 'tabSummary', 'certifyTarget', 'deliverCopy'] as const) {
      expect(allowedFrom('page', t), t).toBe(true);
      expect(allowedFrom('content', t), t).toBe(false);
    }
  });

  it('extension pages trust only our background (our id, no tab)', () => {
    expect(fromExtension({ id: ID }, ID)).toBe(true);
    expect(fromExtension({ id: ID, url: `${ORIGIN}x.html` }, ID)).toBe(true);
    expect(fromExtension({ id: ID, tab: { id: 1 } }, ID)).toBe(false);
    expect(fromExtension({ id: ID, tab: {} }, ID)).toBe(false);
    expect(fromExtension({ id: 'other' }, ID)).toBe(false);
    expect(fromExtension({}, ID)).toBe(false);
  });
});
