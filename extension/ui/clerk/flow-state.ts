/**
 * The clerk's certify workflow as a pure reducer (tested without a browser): steps, what the clerk entered,
 * the pages with their order and turns, and what the service prepared/signed. Side effects (building, signing,
 * object URLs) live in the components; every transition the UI offers is decided here.
 */
import { MAX_PAGES } from '../../../core/ecopy/validate-fields.js';
import type { CropRect, PaperChoice } from '../../../core/ecopy/images.js';
import { type PageRotation } from '../../../core/ecopy/rotation.js';
import type { Prepared } from '../../services/certify.js';

export type Step = 'details' | 'pages' | 'preview' | 'confirm' | 'signed';
export const STEPS: readonly Step[] = ['details', 'pages', 'preview', 'confirm', 'signed'];

export interface PageItem {
  readonly id: string;
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly rotate: PageRotation;
  readonly source: 'file' | 'camera';
  /** The original's paper size (undefined: the image's DPI when believable, else fit to A4). */
  readonly paper?: PaperChoice;
  /** Shown part of the upright, turned image (fractions from the top-left). */
  readonly crop?: CropRect;
}

/** A crop follows its page when the page is turned a quarter clockwise (dir 1) or counter-clockwise (-1). */
export function turnCrop(c: CropRect, dir: 1 | -1): CropRect {
  return dir === 1
    ? { x: 1 - (c.y + c.height), y: c.x, width: c.height, height: c.width }
    : { x: c.y, y: 1 - (c.x + c.width), width: c.height, height: c.width };
}

export interface Details {
  requester: string;
  docName: string;
  /** Kept as typed; checked by detailsProblems. */
  copies: string;
  signerTitle: string;
  bookId: string;
  keyId: string;
}

export type DetailsProblem = 'requester' | 'docName' | 'copies' | 'bookId' | 'keyId';
export type PagesProblem = 'none' | 'tooMany';

export interface FlowState {
  readonly step: Step;
  readonly details: Details;
  readonly pages: readonly PageItem[];
  readonly busy: false | 'preparing' | 'signing';
  readonly prepared?: Prepared;
  /** The predicted number another tab took: the copy was rebuilt with the reserved one, confirm again. */
  readonly renumberedFrom?: string;
  readonly copyId?: string;
  readonly error?: string;
  /** Validation messages show only after the clerk tried to go on. */
  readonly showProblems: boolean;
}

export type FlowAction =
  | { type: 'edit'; field: keyof Details; value: string }
  | { type: 'defaults'; details: Partial<Details> }
  | { type: 'addPages'; pages: PageItem[] }
  | { type: 'movePage'; id: string; by: -1 | 1 }
  /** A page dragged onto another: it takes that page's place (the others shift towards where it came from). */
  | { type: 'dropPage'; id: string; onto: string }
  /** A quarter-turn clockwise (dir 1, the default) or counter-clockwise (-1). */
  | { type: 'rotatePage'; id: string; dir?: 1 | -1 }
  | { type: 'setPaper'; id: string; paper?: PaperChoice }
  | { type: 'cropPage'; id: string; crop?: CropRect }
  | { type: 'removePage'; id: string }
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'busy'; busy: FlowState['busy'] }
  | { type: 'prepared'; prepared: Prepared }
  | { type: 'renumbered'; prepared: Prepared; from: string }
  /** `note`: signed and kept, but something the clerk must know (the TSA failed, no timestamp). */
  | { type: 'signed'; copyId: string; note?: string }
  | { type: 'error'; message: string }
  /** Signing failed or the clerk gave up a reserved number: that number is cancelled, prepare again. */
  | { type: 'discard'; message?: string }
  | { type: 'reset' };

export const MAX_COPIES = 100;

export function initialFlow(defaults: Partial<Details> = {}): FlowState {
  return {
    step: 'details',
    details: { requester: '', docName: '', copies: '1', signerTitle: '', bookId: '', keyId: '', ...defaults },
    pages: [],
    busy: false,
    showProblems: false,
  };
}

export function copiesOf(d: Details): number {
  return /^\s*\d{1,3}\s*$/.test(d.copies) ? Number(d.copies) : Number.NaN;
}

export function detailsProblems(d: Details): DetailsProblem[] {
  const out: DetailsProblem[] = [];
  if (!d.requester.trim()) out.push('requester');
  if (!d.docName.trim()) out.push('docName');
  const c = copiesOf(d);
  if (!(c >= 1 && c <= MAX_COPIES)) out.push('copies');
  if (!d.bookId) out.push('bookId');
  if (!d.keyId) out.push('keyId');
  return out;
}

function withOptional<K extends 'paper' | 'crop'>(p: PageItem, key: K, value: PageItem[K] | undefined): PageItem {
  const out: { -readonly [k in keyof PageItem]: PageItem[k] } = { ...p };
  if (value === undefined) delete out[key];
  else out[key] = value;
  return out;
}

export function pagesProblems(pages: readonly PageItem[]): PagesProblem[] {
  if (pages.length === 0) return ['none'];
  return pages.length > MAX_PAGES ? ['tooMany'] : [];
}

/** Whether the clerk may go on from the current step (pages → preview needs the service to prepare first). */
export function canAdvance(s: FlowState): boolean {
  if (s.busy) return false;
  switch (s.step) {
    case 'details':
      return detailsProblems(s.details).length === 0;
    case 'pages':
      return pagesProblems(s.pages).length === 0 && detailsProblems(s.details).length === 0;
    case 'preview':
      return s.prepared !== undefined;
    default:
      return false;
  }
}

/** Anything the copy is made of changed: what was prepared no longer applies (never once a number is reserved). */
function invalidate(s: FlowState): FlowState {
  if (s.prepared?.reservation) return s;
  return { ...s, prepared: undefined, renumberedFrom: undefined, error: undefined, step: s.step === 'preview' || s.step === 'confirm' ? 'pages' : s.step };
}

function move<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  const [x] = out.splice(from, 1);
  out.splice(to, 0, x);
  return out;
}

/** Editing is closed once a number is reserved for the copy (after a renumbering) or the copy is signed. */
export function locked(s: FlowState): boolean {
  return s.step === 'signed' || s.busy !== false || s.prepared?.reservation !== undefined;
}

export function flowReducer(s: FlowState, a: FlowAction): FlowState {
  switch (a.type) {
    case 'edit':
      if (locked(s)) return s;
      return invalidate({ ...s, details: { ...s.details, [a.field]: a.value } });
    case 'defaults':
      return { ...s, details: { ...s.details, ...a.details } };
    case 'addPages':
      if (locked(s) || a.pages.length === 0) return s;
      return invalidate({ ...s, pages: [...s.pages, ...a.pages], error: undefined });
    case 'movePage': {
      if (locked(s)) return s;
      const i = s.pages.findIndex((p) => p.id === a.id);
      const j = i + a.by;
      if (i < 0 || j < 0 || j >= s.pages.length) return s;
      return invalidate({ ...s, pages: move(s.pages, i, j) });
    }
    case 'dropPage': {
      if (locked(s) || a.id === a.onto) return s;
      const i = s.pages.findIndex((p) => p.id === a.id);
      const j = s.pages.findIndex((p) => p.id === a.onto);
      if (i < 0 || j < 0) return s;
      return invalidate({ ...s, pages: move(s.pages, i, j) });
    }
    case 'rotatePage': {
      if (locked(s)) return s;
      const dir = a.dir ?? 1;
      const turn = (r: PageRotation): PageRotation => (((r + (dir === 1 ? 90 : 270)) % 360) as PageRotation);
      return invalidate({ ...s, pages: s.pages.map((p) => (p.id === a.id ? { ...p, rotate: turn(p.rotate), ...(p.crop ? { crop: turnCrop(p.crop, dir) } : {}) } : p)) });
    }
    case 'setPaper':
      if (locked(s)) return s;
      return invalidate({ ...s, pages: s.pages.map((p) => (p.id === a.id ? withOptional({ ...p }, 'paper', a.paper) : p)) });
    case 'cropPage':
      if (locked(s)) return s;
      return invalidate({ ...s, pages: s.pages.map((p) => (p.id === a.id ? withOptional({ ...p }, 'crop', a.crop) : p)) });
    case 'removePage':
      if (locked(s)) return s;
      return invalidate({ ...s, pages: s.pages.filter((p) => p.id !== a.id) });
    case 'next':
      if (s.step === 'details') return detailsProblems(s.details).length ? { ...s, showProblems: true } : { ...s, step: 'pages', showProblems: false };
      if (s.step === 'pages') return canAdvance(s) ? { ...s, showProblems: false } : { ...s, showProblems: true };
      if (s.step === 'preview' && s.prepared) return { ...s, step: 'confirm', error: undefined };
      return s;
    case 'back': {
      if (s.busy || s.step === 'signed' || s.prepared?.reservation) return s;
      const i = STEPS.indexOf(s.step);
      return i > 0 ? { ...s, step: STEPS[i - 1], error: undefined } : s;
    }
    case 'busy':
      return { ...s, busy: a.busy, error: a.busy ? undefined : s.error };
    case 'prepared':
      return { ...s, busy: false, prepared: a.prepared, step: 'preview', error: undefined };
    case 'renumbered':
      return { ...s, busy: false, prepared: a.prepared, renumberedFrom: a.from, step: 'confirm', error: undefined };
    case 'signed':
      return { ...s, busy: false, copyId: a.copyId, step: 'signed', error: a.note, prepared: undefined, renumberedFrom: undefined };
    case 'error':
      return { ...s, busy: false, error: a.message };
    case 'discard':
      return { ...s, busy: false, prepared: undefined, renumberedFrom: undefined, step: 'pages', error: a.message };
    case 'reset': {
      const { signerTitle, bookId, keyId } = s.details;
      return initialFlow({ signerTitle, bookId, keyId });
    }
  }
}
