/**
 * Layout checks for UI the extension puts into a hostile page. A closed shadow root keeps the page from
 * restyling our elements, but not from acting on their ancestors (opacity, filter, clip, overflow, transforms)
 * or from moving things around them. These checks run at click time and whenever the page changes, and say
 * whether an element is shown as itself, undistorted, where we put it.
 */

/** Filters, blending, masks and clips change what a badge looks like (red → green); any of them disqualifies. */
function distorts(cs: CSSStyleDeclaration): boolean {
  const s = cs as CSSStyleDeclaration & Record<string, string>;
  return (
    (cs.filter !== 'none' && cs.filter !== '') ||
    (s.backdropFilter !== undefined && s.backdropFilter !== 'none' && s.backdropFilter !== '') ||
    cs.mixBlendMode !== 'normal' ||
    (cs.clipPath !== 'none' && cs.clipPath !== '') ||
    (s.maskImage !== undefined && s.maskImage !== 'none' && s.maskImage !== '') ||
    (s.webkitMaskImage !== undefined && s.webkitMaskImage !== 'none' && s.webkitMaskImage !== '') ||
    Number(cs.opacity) < 0.95 ||
    cs.visibility !== 'visible' ||
    mirrorsOrShrinks(cs.transform)
  );
}

/** A translation (or a mild upscale) keeps text readable; rotation, skew, mirroring or shrinking does not. */
function mirrorsOrShrinks(transform: string): boolean {
  if (!transform || transform === 'none') return false;
  const m = /^matrix\(([^)]+)\)$/.exec(transform);
  if (!m) return true; // matrix3d and anything exotic
  const [a, b, c, d] = m[1].split(',').map(Number);
  return Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3 || a < 0.95 || d < 0.95;
}

function parentOf(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

export type LayoutProblem = 'detached' | 'hidden' | 'distorted' | 'clipped' | 'covered';

/** What one element's computed style says, for the elements below it: read once per pass (see StyleCache). */
interface StyleFacts {
  hidden: boolean;
  distorted: boolean;
  /** Clips its descendants (overflow other than visible, or paint containment). */
  clips: boolean;
}

/**
 * One pass over many badges (a page with 50 attachments) meets the same ancestors again and again: their computed
 * style is read once per pass. Only valid while nothing changes the page in between: a pass reads, then writes.
 */
export type StyleCache = Map<Element, StyleFacts>;

function factsOf(a: Element, cache: StyleCache | undefined): StyleFacts {
  const known = cache?.get(a);
  if (known) return known;
  const cs = getComputedStyle(a);
  const facts = {
    hidden: cs.display === 'none',
    distorted: distorts(cs),
    clips: cs.overflowX !== 'visible' || cs.overflowY !== 'visible' || cs.contain.includes('paint'),
  };
  cache?.set(a, facts);
  return facts;
}

/**
 * Why `el` is not really visible as itself, or undefined when it is. `checkCover` also asks the hit test
 * whether the centre of the element is ours (a look-alike or a transparent layer laid over it fails).
 */
export function layoutProblem(el: Element, opts: { checkCover?: boolean; cache?: StyleCache } = {}): LayoutProblem | undefined {
  if (!el.isConnected) return 'detached';
  const rect = el.getBoundingClientRect();
  if (rect.width < 1 || rect.height < 1) return 'hidden';
  const check = (el as Element & { checkVisibility?: (o: object) => boolean }).checkVisibility;
  if (check && !check.call(el, { opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) return 'hidden';
  for (let a: Element | null = el; a; a = parentOf(a)) {
    const facts = factsOf(a, opts.cache);
    if (facts.hidden) return 'hidden';
    if (facts.distorted) return 'distorted';
    if (a !== el && facts.clips) {
      const box = a.getBoundingClientRect();
      const slack = 1;
      if (rect.left < box.left - slack || rect.right > box.right + slack || rect.top < box.top - slack || rect.bottom > box.bottom + slack) return 'clipped';
    }
  }
  if (opts.checkCover) {
    const x = rect.left + rect.width / 2;
    const y = rect.top + rect.height / 2;
    const inView = x >= 0 && y >= 0 && x < innerWidth && y < innerHeight;
    if (inView) {
      const hit = document.elementFromPoint(x, y);
      if (hit !== el && !(hit && el.contains(hit))) return 'covered';
    }
  }
  return undefined;
}

/** Is `badge` drawn right beside `link` (same line, or the start of the next line when the link ends a line)? */
export function besideLink(link: Element, badge: Element): boolean {
  const rects = link.getClientRects();
  if (!rects.length) return false;
  const last = rects[rects.length - 1];
  const b = badge.getBoundingClientRect();
  const sameLine = b.top < last.bottom && b.bottom > last.top && b.left >= last.right - 2 && b.left - last.right <= 40;
  const wrapped = b.top >= last.bottom - 2 && b.top - last.bottom <= 40 && b.left <= last.left + 16;
  return sameLine || wrapped;
}
