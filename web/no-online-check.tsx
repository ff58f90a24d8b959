/**
 * The web page has no "Kiểm tra trực tuyến": nothing about the document leaves the device, and the page's CSP
 * forbids other origins. vite.web.config.ts puts this in place of extension/ui/report/OnlineCheckSection.
 */
import type { CachedVerification } from '../core/store/verify-cache.js';

export function OnlineCheckSection(_props: { rec: CachedVerification; onChecked: (fresh: CachedVerification) => void }) {
  return null;
}
