/**
 * Built-in adapters (none match anything by themselves) and the demo portal's selectors. An adapter matches an
 * exact origin (scheme + host + port): the local demo portal runs on a port chosen at start, so `npm start`, the
 * tests and the bench add its origin on the options page as a user adds a real portal. A built-in "any port of
 * 127.0.0.1" adapter would hand the Certify action and badges to every other server on this machine.
 */
import type { PortalAdapter } from '../../core/store/portals.js';

/** The demo portal's selectors (demo-portal/pages.ts): what to type on the options page for it. */
export const DEMO_PORTAL_SELECTORS = {
  attachmentLinks: '.dvc-ho-so a.tep-dinh-kem[href]',
  certifyPlacement: '.dvc-xu-ly .hanh-dong',
  fileInput: '.dvc-xu-ly input[type=file][name=ban_sao_dien_tu]',
} as const;

/** The demo portal's adapter for one origin, e.g. http://127.0.0.1:41234. */
export function demoPortalAdapter(origin: string): PortalAdapter {
  return { id: 'demo-local', name: 'Cổng dịch vụ công DEMO', matches: [`${origin.replace(/\/+$/, '')}/*`], ...DEMO_PORTAL_SELECTORS };
}

export const BUILT_IN_ADAPTERS: readonly PortalAdapter[] = [];

/** The path of the built content script (vite-plugin-web-extension keeps the source path, .ts → .js). */
export const CONTENT_SCRIPT_FILE = 'extension/content/index.js';
