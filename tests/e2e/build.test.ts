/**
 * The built extension: minimal permissions, both browsers' manifests, a content script without verification
 * code, and `web-ext lint` (Mozilla's linter, from the npm registry) finding no error in the Firefox build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, repoRoot } from '../helpers/tools.js';
import { ensureExtensionBuilt } from './helpers.js';

const manifest = (b: string) => JSON.parse(readFileSync(join(repoRoot, `dist/${b}/manifest.json`), 'utf8')) as Record<string, unknown>;

describe('extension build', () => {
  beforeAll(() => ensureExtensionBuilt(), 300_000);

  it.each(['chrome', 'firefox'])('%s manifest: MV3, Vietnamese default, minimal permissions, nothing reachable from pages', (b) => {
    const m = manifest(b);
    expect(m.manifest_version).toBe(3);
    expect(m.default_locale).toBe('vi');
    // Chrome's side panel needs its permission; Firefox's sidebar needs none.
    // Chrome also needs `offscreen`: its service worker cannot start the verification Workers itself.
    expect(m.permissions).toEqual(b === 'chrome' ? ['scripting', 'sidePanel', 'offscreen', 'nativeMessaging'] : ['scripting', 'nativeMessaging']);
    // nativeMessaging: the USB-token host. Chrome's fixed ID comes from the public key (issue 15); Firefox uses its gecko id.
    if (b === 'chrome') expect(m.key).toMatch(/^MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A/);
    else expect(m).not.toHaveProperty('key');
    expect(m.host_permissions).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
    // Optional, asked for per origin when the user starts an online check (CRLs and OCSP are usually plain http).
    expect(m.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(m).not.toHaveProperty('externally_connectable');
    expect(m).not.toHaveProperty('web_accessible_resources');
    for (const lang of ['vi', 'en']) expect(() => readFileSync(join(repoRoot, `dist/${b}/_locales/${lang}/messages.json`))).not.toThrow();
  });

  it('the certify panel: Chrome side_panel, Firefox sidebar_action, same page; the statement fonts ship as files', () => {
    expect(manifest('chrome').side_panel).toEqual({ default_path: 'extension/ui/sidepanel/index.html' });
    expect(manifest('chrome')).not.toHaveProperty('sidebar_action');
    expect(manifest('firefox').sidebar_action).toMatchObject({ default_panel: 'extension/ui/sidepanel/index.html' });
    expect(manifest('firefox')).not.toHaveProperty('side_panel');
    for (const b of ['chrome', 'firefox']) {
      for (const f of ['extension/ui/sidepanel/index.html', 'extension/ui/manage/index.html', 'fonts/DejaVuSerif.ttf', 'fonts/DejaVuSerif-Bold.ttf']) {
        expect(() => readFileSync(join(repoRoot, `dist/${b}/${f}`)), `${b}: ${f}`).not.toThrow();
      }
    }
  });

  it.each(['chrome', 'firefox'])('%s: icons at 16, 32, 48 and 128 px for the extension and its toolbar button, real PNGs of that size', (b) => {
    const m = manifest(b) as { icons: Record<string, string>; action: { default_icon: Record<string, string> } };
    expect(Object.keys(m.icons)).toEqual(['16', '32', '48', '128']);
    expect(m.action.default_icon).toEqual(m.icons);
    for (const [size, path] of Object.entries(m.icons)) {
      const png = readFileSync(join(repoRoot, `dist/${b}/${path}`));
      expect(png.subarray(1, 4).toString('latin1'), path).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], path).toEqual([Number(size), Number(size)]);
      expect(png[25], `${path}: RGBA`).toBe(6);
    }
  });

  it('chrome uses a service worker; firefox uses background scripts and has a gecko id', () => {
    expect(manifest('chrome').background).toEqual({ service_worker: 'extension/background/index.js' });
    expect(manifest('chrome')).not.toHaveProperty('browser_specific_settings');
    const ff = manifest('firefox');
    expect(ff.background).toEqual({ scripts: ['extension/background/index.js'] });
    expect((ff.browser_specific_settings as { gecko: { id: string } }).gecko.id).toMatch(/@/);
  });

  it('the content script carries no verification, PDF, signing, key or book code', () => {
    const cs = readFileSync(join(repoRoot, 'dist/chrome/extension/content/index.js'), 'utf8');
    for (const marker of ['ByteRange', 'startxref', 'SubFilter', '1.2.840.113549', 'signCertifier', 'privateKey', 'bookEntries', 'indexedDB']) expect(cs).not.toContain(marker);
  });

  it('web-ext lint reports no errors for the Firefox build', () => {
    const r = run(join(repoRoot, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', join(repoRoot, 'dist/firefox'), '--output', 'json', '--no-input']);
    const out = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as { errors: { code: string; message: string }[]; summary: Record<string, number> };
    console.log(`web-ext lint: ${JSON.stringify(out.summary)}`);
    expect(out.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
  }, 180_000);
});
