/** The built-in adapter: the local demo portal (tests and `npm start`). User portals live in settings. */
import type { PortalAdapter } from '../../core/store/portals.js';

export const DEMO_PORTAL_ADAPTER: PortalAdapter = {
  id: 'demo-local',
  name: 'Cổng dịch vụ công DEMO (127.0.0.1)',
  matches: ['http://127.0.0.1/*', 'http://localhost/*'],
  attachmentLinks: '.dvc-ho-so a.tep-dinh-kem[href]',
  certifyPlacement: '.dvc-xu-ly .hanh-dong',
  fileInput: '.dvc-xu-ly input[type=file][name=ban_sao_dien_tu]',
  builtIn: true,
};

export const BUILT_IN_ADAPTERS: readonly PortalAdapter[] = [DEMO_PORTAL_ADAPTER];

/** The path of the built content script (vite-plugin-web-extension keeps the source path, .ts → .js). */
export const CONTENT_SCRIPT_FILE = 'extension/content/index.js';
