/** The clerk's certify workflow as a reducer: steps, validation, page order/turns, invalidation, locking. */
import { describe, expect, it } from 'vitest';
import { canAdvance, detailsProblems, flowReducer, initialFlow, locked, pagesProblems, type FlowAction, type FlowState, type PageItem } from '../../../extension/ui/clerk/flow-state.js';
import type { Prepared } from '../../../extension/services/certify.js';

const page = (id: string): PageItem => ({ id, name: `${id}.jpg`, bytes: new Uint8Array([0xff, 0xd8, 0xff]), rotate: 0, source: 'file' });
const run = (s: FlowState, ...actions: FlowAction[]) => actions.reduce(flowReducer, s);
const filled = () =>
  run(
    initialFlow({ bookId: 'b', keyId: 'k' }),
    { type: 'edit', field: 'requester', value: 'Lê Văn Đức' },
    { type: 'edit', field: 'docName', value: 'Giấy khai sinh' },
  );
const prepared = (over: Partial<Prepared> = {}) => ({ number: 1, sha256: 'a'.repeat(64), fields: { certNo: '01' }, ...over }) as unknown as Prepared;
const ids = (s: FlowState) => s.pages.map((p) => p.id);

describe('details', () => {
  it('needs requester, original, 1–100 copies, a book and a key', () => {
    expect(detailsProblems(initialFlow().details)).toEqual(['requester', 'docName', 'bookId', 'keyId']);
    expect(detailsProblems(filled().details)).toEqual([]);
    for (const bad of ['0', '101', '1.5', 'x', '']) expect(detailsProblems({ ...filled().details, copies: bad })).toEqual(['copies']);
    expect(detailsProblems({ ...filled().details, copies: ' 3 ' })).toEqual([]);
  });

  it('"next" shows the problems and stays; with everything filled it goes to the pages', () => {
    const s = run(initialFlow(), { type: 'next' });
    expect([s.step, s.showProblems]).toEqual(['details', true]);
    const ok = run(filled(), { type: 'next' });
    expect([ok.step, ok.showProblems]).toEqual(['pages', false]);
  });

  it('defaults (key, book, title) fill in without touching what the clerk typed', () => {
    const s = run(filled(), { type: 'defaults', details: { keyId: 'k2', signerTitle: 'Công chức' } });
    expect(s.details).toMatchObject({ requester: 'Lê Văn Đức', keyId: 'k2', signerTitle: 'Công chức' });
  });
});

describe('pages', () => {
  const withPages = () => run(filled(), { type: 'next' }, { type: 'addPages', pages: [page('a'), page('b'), page('c')] });

  it('needs at least one page before the preview', () => {
    const s = run(filled(), { type: 'next' });
    expect(pagesProblems(s.pages)).toEqual(['none']);
    expect(canAdvance(s)).toBe(false);
    expect(run(s, { type: 'next' }).showProblems).toBe(true);
    expect(canAdvance(withPages())).toBe(true);
  });

  it('moves a page up and down, not past the ends', () => {
    const s = withPages();
    expect(ids(run(s, { type: 'movePage', id: 'c', by: -1 }))).toEqual(['a', 'c', 'b']);
    expect(ids(run(s, { type: 'movePage', id: 'a', by: 1 }))).toEqual(['b', 'a', 'c']);
    expect(run(s, { type: 'movePage', id: 'a', by: -1 })).toBe(s);
    expect(run(s, { type: 'movePage', id: 'c', by: 1 })).toBe(s);
  });

  it('a page dragged onto another takes its place, up or down', () => {
    const s = withPages();
    expect(ids(run(s, { type: 'dropPage', id: 'c', onto: 'a' }))).toEqual(['c', 'a', 'b']);
    expect(ids(run(s, { type: 'dropPage', id: 'a', onto: 'c' }))).toEqual(['b', 'c', 'a']);
    expect(ids(run(s, { type: 'dropPage', id: 'a', onto: 'b' }))).toEqual(['b', 'a', 'c']);
    expect(run(s, { type: 'dropPage', id: 'a', onto: 'a' })).toBe(s);
    expect(run(s, { type: 'dropPage', id: 'x', onto: 'a' })).toBe(s);
  });

  it('turns a page clockwise in quarter-turns and removes one', () => {
    let s = withPages();
    for (const deg of [90, 180, 270, 0]) {
      s = run(s, { type: 'rotatePage', id: 'b' });
      expect(s.pages[1].rotate).toBe(deg);
    }
    expect(ids(run(s, { type: 'removePage', id: 'b' }))).toEqual(['a', 'c']);
  });

  it('turns both ways; a crop turns with its page; paper and crop can be set and cleared', () => {
    let s = withPages();
    for (const deg of [270, 180, 90, 0]) {
      s = run(s, { type: 'rotatePage', id: 'a', dir: -1 });
      expect(s.pages[0].rotate).toBe(deg);
    }
    // The top-left 40 % × 20 % band of the upright page…
    const crop = { x: 0, y: 0, width: 0.4, height: 0.2 };
    s = run(s, { type: 'cropPage', id: 'a', crop }, { type: 'setPaper', id: 'a', paper: 'id-card' });
    expect(s.pages[0]).toMatchObject({ crop, paper: 'id-card' });
    // …is the top-right band once the page is turned clockwise, and comes back when it is turned back.
    const cw = run(s, { type: 'rotatePage', id: 'a' });
    expect(cw.pages[0].crop).toEqual({ x: 0.8, y: 0, width: 0.2, height: 0.4 });
    expect(run(cw, { type: 'rotatePage', id: 'a', dir: -1 }).pages[0].crop).toEqual(crop);
    const ccw = run(s, { type: 'rotatePage', id: 'a', dir: -1 });
    expect(ccw.pages[0].crop).toEqual({ x: 0, y: 0.6, width: 0.2, height: 0.4 });
    const cleared = run(s, { type: 'cropPage', id: 'a' }, { type: 'setPaper', id: 'a' });
    expect('crop' in cleared.pages[0] || 'paper' in cleared.pages[0]).toBe(false);
  });
});

describe('preview, confirmation, signing', () => {
  const atPreview = () => run(filled(), { type: 'next' }, { type: 'addPages', pages: [page('a'), page('b')] }, { type: 'busy', busy: 'preparing' }, { type: 'prepared', prepared: prepared() });

  it('prepared → preview → confirm; back goes one step at a time', () => {
    const s = atPreview();
    expect([s.step, s.busy]).toEqual(['preview', false]);
    const c = run(s, { type: 'next' });
    expect(c.step).toBe('confirm');
    expect(run(c, { type: 'back' }).step).toBe('preview');
    expect(run(c, { type: 'back' }, { type: 'back' }, { type: 'back' }).step).toBe('details');
  });

  it('changing anything the copy is made of drops what was prepared (back to the pages)', () => {
    const c = run(atPreview(), { type: 'next' });
    for (const a of [
      { type: 'edit', field: 'docName', value: 'Hộ chiếu' },
      { type: 'rotatePage', id: 'a' },
      { type: 'movePage', id: 'b', by: -1 },
      { type: 'removePage', id: 'a' },
      { type: 'addPages', pages: [page('z')] },
    ] as FlowAction[]) {
      const s = run(c, a);
      expect(s.prepared, a.type).toBeUndefined();
      expect(s.step, a.type).toBe('pages');
    }
  });

  it('after a renumbering the number is reserved: nothing can be edited, no way back but giving the number up', () => {
    const r = run(atPreview(), { type: 'next' }, { type: 'busy', busy: 'signing' }, { type: 'renumbered', prepared: prepared({ number: 2, reservation: {} as never }), from: '01' });
    expect([r.step, r.renumberedFrom, locked(r)]).toEqual(['confirm', '01', true]);
    for (const a of [{ type: 'edit', field: 'requester', value: 'x' }, { type: 'removePage', id: 'a' }, { type: 'back' }] as FlowAction[]) expect(run(r, a)).toBe(r);
    const d = run(r, { type: 'discard', message: 'Đã hủy số 02' });
    expect([d.step, d.prepared, d.error, locked(d)]).toEqual(['pages', undefined, 'Đã hủy số 02', false]);
  });

  it('signed → locked; reset keeps the signer, the title and the book, clears the rest', () => {
    const s = run(atPreview(), { type: 'edit', field: 'signerTitle', value: 'Công chức Tư pháp - Hộ tịch' }, { type: 'prepared', prepared: prepared() }, { type: 'next' }, { type: 'signed', copyId: 'b#1' });
    expect([s.step, s.copyId, locked(s)]).toEqual(['signed', 'b#1', true]);
    expect(run(s, { type: 'back' })).toBe(s);
    const n = run(s, { type: 'reset' });
    expect(n.step).toBe('details');
    expect(n.pages).toEqual([]);
    expect(n.details).toEqual({ requester: '', docName: '', copies: '1', signerTitle: 'Công chức Tư pháp - Hộ tịch', bookId: 'b', keyId: 'k' });
  });

  it('an error keeps the step and is cleared by the next success', () => {
    const e = run(atPreview(), { type: 'next' }, { type: 'busy', busy: 'signing' }, { type: 'error', message: 'Sai' });
    expect([e.step, e.busy, e.error]).toEqual(['confirm', false, 'Sai']);
    expect(run(e, { type: 'signed', copyId: 'x' }).error).toBeUndefined();
  });
});
