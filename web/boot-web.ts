/** What every web page does besides the extension's boot: register the offline service worker. */
export function registerServiceWorker(): void {
  // Needs a secure context (https, or localhost / 127.0.0.1); elsewhere the page still works, just not offline.
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('sw.js').catch(() => undefined);
}
