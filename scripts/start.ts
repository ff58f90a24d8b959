/**
 * `npm start`: the demo. Makes demo copies (valid, tampered, unsigned, untrusted, broken) with core, serves the
 * demo portal on 127.0.0.1, opens Chromium on it with the built extension loaded and the demo root imported as
 * trusted (through the options page, as a user would). Without a display it says so, runs headless, prints what
 * it served, saves a screenshot and exits. Without any browser (demo-portal/browser-path.ts finds none) it still
 * serves the portal, says where the built extension is and how to load it, and exits 0: in a terminal after
 * Ctrl+C, otherwise (CI, a script) once it has fetched its own front page.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCopyFonts } from '../cli/fonts.js';
import { waitForBadges } from '../demo-portal/badges.js';
import { findBrowser } from '../demo-portal/browser-path.js';
import { importTrustAnchors, launchWithExtension, photographOriginal, setUpDemoClerk } from '../demo-portal/browser.js';
import { makePortalFixtures } from '../demo-portal/fixtures.js';
import { closedPort, startPortalServer, type PortalServer } from '../demo-portal/server.js';
import { makeJpeg, noise } from '../tests/helpers/images.js';

const OUT = resolve('demo-output');
const EXT = resolve('dist/chrome');
const EXT_FIREFOX = resolve('dist/firefox');
const WEB = resolve('dist/web');
const SHOTS = resolve('test-output');

async function main() {
  if (!existsSync(join(EXT, 'manifest.json'))) throw new Error('dist/chrome is missing: run `npm run build` first');
  mkdirSync(OUT, { recursive: true });
  const browser = findBrowser();
  console.log('making the demo copies with core (demo identity, certify, tamper)…');
  // The original is "photographed" by the browser; without one, a plain generated scan stands in for it.
  const original = browser ? await photographOriginal() : makeJpeg(794, 1123, { dpi: 96, quality: 85, paint: noise(7, 12) });
  const fx = await makePortalFixtures({ original, fonts: await loadCopyFonts(), closedPort: await closedPort() });
  const rootPem = join(OUT, 'root.pem');
  writeFileSync(rootPem, fx.rootPem);
  for (const [path, f] of fx.files) if (path.endsWith('.pdf')) writeFileSync(join(OUT, path.split('/').pop() as string), f.body);

  const server = await startPortalServer(fx);
  console.log(`demo portal: ${server.origin}/`);
  // The verify page for phones (dist/web): the portal links to it as "Kiểm tra trên điện thoại".
  if (existsSync(join(WEB, 'index.html'))) console.log(`verify page for phones ("Kiểm tra trên điện thoại"), works offline once opened: ${server.origin}/web/`);
  else console.log('verify page for phones: dist/web is missing (run `npm run build:web`)');
  for (const p of server.paths) console.log(`  served ${server.origin}${p}`);
  console.log('attachments and the verdict each badge should show:');
  for (const app of fx.applications) for (const a of app.attachments) console.log(`  ${a.expected.padEnd(13)} ${a.name} — ${a.description}`);
  console.log(`demo root certificate and copies in ${OUT} (DEMO ONLY, no legal value)`);
  console.log(`built extension: ${EXT} (Chrome/Chromium) and ${EXT_FIREFOX} (Firefox); README.md "Load the extension by hand" says how`);
  if (!browser) return serveWithoutBrowser(server);

  const headed = Boolean(process.env.DISPLAY) && process.env.CI !== 'true';
  if (!headed) console.log('no display found (DISPLAY is unset): running Chromium headless; a screenshot is saved instead of a window');
  const b = await launchWithExtension({ extDir: EXT, headless: !headed, profileDir: headed ? join(OUT, 'chromium-profile') : undefined, portals: [server.origin] });
  try {
    await importTrustAnchors(b, rootPem, 'demo');
    console.log('demo root imported as trusted (list "demo") through the options page');
    await setUpDemoClerk(b, { kind: 'phường', name: 'Hạc Thành', province: 'Thanh Hóa' });
    console.log('clerk demo identity (certifier + authority keys, DEMO) created and the 2026 certification book opened;');
    console.log(`  certify on the processing page (${server.origin}/ → "Xử lý hồ sơ") with the "Chứng thực" action`);
    const page = b.context.pages()[0] ?? (await b.context.newPage());
    await page.goto(`${server.origin}/`);
    const expected = fx.applications.reduce((n, a) => n + a.attachments.length, 0);
    const { badges, ms } = await waitForBadges(page, expected);
    console.log(`${badges.length} badges in ${ms} ms:`);
    for (const x of badges) console.log(`  ${x.text.padEnd(34)} ${x.href}`);
    if (headed) {
      console.log('close the browser window to stop');
      await new Promise<void>((r) => b.context.on('close', () => r()));
    } else {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, 'start-portal.png'), fullPage: true });
      console.log(`screenshot: ${join(SHOTS, 'start-portal.png')}`);
    }
  } finally {
    await b.close().catch(() => undefined);
    await server.close();
  }
}

/** No browser to drive: the portal stays up for a browser the user opens by hand. */
async function serveWithoutBrowser(server: PortalServer): Promise<void> {
  console.log('no Chromium or Chrome found (scripts/setup-system.sh says how to install one, or set SAOY_BROWSER)');
  const front = await fetch(`${server.origin}/`);
  if (!front.ok) throw new Error(`the portal answered ${front.status} on its own front page`);
  if (existsSync(join(WEB, 'index.html'))) {
    const web = await fetch(`${server.origin}/web/`);
    if (!web.ok || !web.headers.get('content-security-policy')) throw new Error(`the verify page for phones answered ${web.status}`);
  }
  if (process.stdout.isTTY && process.env.CI !== 'true') {
    console.log(`open ${server.origin}/ in a browser with the extension loaded; Ctrl+C stops the portal`);
    await new Promise<void>((r) => process.once('SIGINT', () => r()));
  } else {
    console.log('not in a terminal: the portal answered, stopping');
  }
  await server.close();
}

main().catch((e: unknown) => {
  console.error(`saoy demo failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
