import { describe, expect, it } from 'vitest';
import { allowedFrom, parseRequest, parseTabEvent, senderKind } from '../../../extension/shared/messages.js';

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
