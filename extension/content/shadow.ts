/**
 * Helpers for UI the page must not touch: a closed shadow root (page scripts get `shadowRoot === null`) whose
 * host resets every property with !important. Inside-the-shadow !important rules beat the page's !important
 * ones (CSS Cascade 5, encapsulation contexts), so page CSS cannot restyle, recolour or hide it.
 */
export const HOST_RESET =
  ':host{all:initial!important;visibility:visible!important;opacity:1!important;filter:none!important;transform:none!important;' +
  'clip-path:none!important;mix-blend-mode:normal!important;pointer-events:auto!important;contain:content!important}';

export const FONT = 'system-ui,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif';

export function closedHost(tag: string, css: string): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement(tag);
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = HOST_RESET + css;
  root.append(style);
  return { host, root };
}

const SVG = 'http://www.w3.org/2000/svg';

export function icon(path: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  const p = document.createElementNS(SVG, 'path');
  p.setAttribute('d', path);
  p.setAttribute('fill', 'none');
  p.setAttribute('stroke', 'currentColor');
  p.setAttribute('stroke-width', '2.2');
  p.setAttribute('stroke-linecap', 'round');
  p.setAttribute('stroke-linejoin', 'round');
  svg.append(p);
  return svg;
}
