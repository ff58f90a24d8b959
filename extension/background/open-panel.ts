/**
 * Opens the clerk's certify panel next to a tab: Chrome's side panel, Firefox's sidebar, or — where the browser
 * refuses (no user gesture reached us) — a small window with the same page.
 */
import browser from 'webextension-polyfill';

export const PANEL_PATH = 'extension/ui/sidepanel/index.html';

interface ChromeSidePanel {
  open(opts: { tabId?: number; windowId?: number }): Promise<void>;
}
interface FirefoxSidebar {
  open(): Promise<void>;
}

function sidePanelApi(): ChromeSidePanel | undefined {
  return (globalThis as { chrome?: { sidePanel?: ChromeSidePanel } }).chrome?.sidePanel;
}

function sidebarApi(): FirefoxSidebar | undefined {
  return (browser as unknown as { sidebarAction?: FirefoxSidebar }).sidebarAction;
}

/**
 * Must be called first thing in the message handler: the browser only honours the clerk's click while its
 * gesture is fresh.
 */
export async function openPanel(tabId: number): Promise<'panel' | 'window' | 'none'> {
  const panel = sidePanelApi();
  const sidebar = sidebarApi();
  try {
    if (panel) {
      await panel.open({ tabId });
      return 'panel';
    }
    if (sidebar) {
      await sidebar.open();
      return 'panel';
    }
  } catch {
    // No gesture reached us (or the browser refused): fall back to a window.
  }
  try {
    await browser.windows.create({ url: browser.runtime.getURL(PANEL_PATH), type: 'popup', width: 460, height: 900 });
    return 'window';
  } catch {
    return 'none';
  }
}
