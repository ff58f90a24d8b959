/**
 * The native-messaging host as the browser runs it: `saoy native-host serve ORIGIN` with framed JSON on stdin and
 * stdout (32-bit native-endian length + UTF-8 JSON), against a SoftHSM2 token. Signatures are checked by openssl.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ORIGIN, FIREFOX_EXTENSION_ID, MAX_REQUEST_BYTES, NATIVE_HOST_NAME, type NativeResponse } from '../../extension/shared/native-protocol.js';
import { derToPem } from '../../core/pki/pem.js';
import { ecdsaRawToDer } from '../../core/crypto/ecdsa-signature.js';
import { makeTestToken, type TestToken, TOKEN_TOOLS } from '../helpers/token.js';
import { assertTools, ensureCliBuilt, run, saoy, saoyBin, skipWithout } from '../helpers/tools.js';

const LE = endianness() === 'LE';

function frame(json: string | Uint8Array): Buffer {
  const body = typeof json === 'string' ? Buffer.from(json, 'utf8') : Buffer.from(json);
  const head = Buffer.alloc(4);
  if (LE) head.writeUInt32LE(body.length);
  else head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
}

function unframe(out: Buffer): NativeResponse[] {
  const msgs: NativeResponse[] = [];
  let at = 0;
  while (at + 4 <= out.length) {
    const n = LE ? out.readUInt32LE(at) : out.readUInt32BE(at);
    msgs.push(JSON.parse(out.subarray(at + 4, at + 4 + n).toString('utf8')));
    at += 4 + n;
  }
  expect(at).toBe(out.length);
  return msgs;
}

/** Runs the host with these arguments, writes `input`, closes stdin; resolves with the answers and exit code. */
function host(args: string[], input: Buffer, env: NodeJS.ProcessEnv = {}): Promise<{ answers: NativeResponse[]; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [saoyBin, 'native-host', 'serve', ...args], { env: { ...process.env, ...env } });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('host did not exit'));
    }, 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ answers: unframe(Buffer.concat(out)), code, stderr });
    });
    child.stdin.on('error', () => undefined); // the host may exit before reading everything (oversized frame)
    child.stdin.end(input);
  });
}

describe.skipIf(skipWithout(...TOKEN_TOOLS, 'openssl'))('saoy native-host serve over stdin/stdout', () => {
  let token: TestToken;
  let env: NodeJS.ProcessEnv;
  const data = Buffer.from('the signed attributes');
  const digest = createHash('sha256').update(data).digest();

  beforeAll(async () => {
    assertTools(...TOKEN_TOOLS, 'openssl');
    ensureCliBuilt();
    token = await makeTestToken();
    env = { ...token.env, SAOY_PKCS11_MODULE: token.module };
  });
  afterAll(() => token?.remove());

  const req = (o: Record<string, unknown>) => frame(JSON.stringify({ v: 1, ...o }));
  const signReq = (id: number, extra: Record<string, unknown> = {}) =>
    req({ id, type: 'sign-digest', token: { label: token.label }, keyId: '01', algorithm: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', digest: digest.toString('base64'), pin: token.pin, ...extra });

  const opensslVerifies = (cert: Uint8Array, signature: Uint8Array): boolean => {
    const d = mkdtempSync(join(tmpdir(), 'saoy-nh-'));
    writeFileSync(join(d, 'c.pem'), derToPem(cert, 'CERTIFICATE'));
    run('openssl', ['x509', '-in', join(d, 'c.pem'), '-pubkey', '-noout', '-out', join(d, 'p.pem')]);
    writeFileSync(join(d, 'data'), data);
    writeFileSync(join(d, 'sig'), signature);
    return run('openssl', ['dgst', '-sha256', '-verify', join(d, 'p.pem'), '-signature', join(d, 'sig'), join(d, 'data')]).status === 0;
  };

  it('answers version, status, list-tokens, list-certificates, sign-digest (RSA and ECDSA) and logout in one run', async () => {
    const input = Buffer.concat([
      req({ id: 1, type: 'version' }),
      req({ id: 2, type: 'status' }),
      req({ id: 3, type: 'list-tokens' }),
      req({ id: 4, type: 'list-certificates', token: { label: token.label } }),
      signReq(5),
      signReq(6, { keyId: '02', algorithm: 'ECDSA-P256' }),
      req({ id: 7, type: 'logout', token: { label: token.label } }),
    ]);
    const { answers, code, stderr } = await host([CHROMIUM_ORIGIN], input, env);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(answers.map((a) => [a.id, a.ok])).toEqual([1, 2, 3, 4, 5, 6, 7].map((id) => [id, true]));
    const [version, status, tokens, certs, rsa, ec] = answers.map((a) => (a.ok ? (a.result as unknown as Record<string, unknown>) : {}));
    expect(version).toEqual({ protocol: 1, host: '0.1.0' });
    expect(status).toMatchObject({ module: token.module, tokens: 1 });
    expect((tokens.tokens as { label: string; module: string }[]).map((t) => [t.label, t.module])).toEqual([[token.label, token.module]]);
    expect((certs.certificates as { keyId: string }[]).map((c) => c.keyId).sort()).toEqual(['01', '02']);
    expect(opensslVerifies(token.rsa.certificate, Buffer.from(rsa.signature as string, 'base64'))).toBe(true);
    expect(opensslVerifies(token.ec.certificate, ecdsaRawToDer(Buffer.from(ec.signature as string, 'base64')))).toBe(true);
  });

  it('Firefox-style caller (manifest path, extension id) is accepted', async () => {
    const { answers } = await host(['/x/vn.saoy.token.json', FIREFOX_EXTENSION_ID], req({ id: 1, type: 'version' }), env);
    expect(answers[0].ok).toBe(true);
  });

  it('another extension\'s origin is refused before any request is read', async () => {
    for (const args of [['chrome-extension://abcdefghijklmnopabcdefghijklmnop/'], [], ['/x/vn.saoy.token.json', 'evil@example.com'], [`${CHROMIUM_ORIGIN}x`]]) {
      const { answers, code } = await host(args, req({ id: 1, type: 'version' }), env);
      expect(code).toBe(1);
      expect(answers).toHaveLength(1);
      expect(answers[0]).toMatchObject({ ok: false, error: { code: 'ORIGIN_REFUSED' } });
    }
  });

  it('an oversized frame is refused and the host stops; nothing is buffered', async () => {
    const head = Buffer.alloc(4);
    if (LE) head.writeUInt32LE(MAX_REQUEST_BYTES + 1);
    else head.writeUInt32BE(MAX_REQUEST_BYTES + 1);
    const { answers, code } = await host([CHROMIUM_ORIGIN], Buffer.concat([req({ id: 1, type: 'version' }), head, Buffer.alloc(1000)]), env);
    expect(answers.map((a) => a.ok)).toEqual([true, false]);
    expect(answers[1]).toMatchObject({ error: { code: 'FRAME_TOO_LARGE' } });
    expect(code).toBe(1);
  });

  it('malformed frames, unknown commands, wrong versions and bad fields get an error each; the host keeps serving', async () => {
    const input = Buffer.concat([
      frame('{not json'),
      frame(new Uint8Array([0xff, 0xfe, 0x7b])),
      frame('[1,2]'),
      req({ id: 4, type: 'format-disk' }),
      frame(JSON.stringify({ v: 2, id: 5, type: 'version' })),
      signReq(6, { digest: Buffer.alloc(31).toString('base64') }),
      signReq(7, { hash: 'SHA-384' }),
      signReq(8, { digest: '***' }),
      signReq(9, { keyId: 'ZZ' }),
      req({ id: 10, type: 'list-tokens', module: 'libsofthsm2.so' }),
      req({ id: 11, type: 'version' }),
    ]);
    const { answers, code } = await host([CHROMIUM_ORIGIN], input, env);
    expect(code).toBe(0);
    expect(answers.map((a) => (a.ok ? 'ok' : `${a.id}:${a.error.code}`))).toEqual([
      '0:BAD_REQUEST', '0:BAD_REQUEST', '0:BAD_REQUEST', '4:UNKNOWN_COMMAND', '5:VERSION_MISMATCH',
      '6:DIGEST_LENGTH', '7:DIGEST_LENGTH', '8:BAD_REQUEST', '9:BAD_REQUEST', '10:BAD_REQUEST', 'ok',
    ]);
  });

  it('a truncated last frame ends the host with a failure code, after answering the complete ones', async () => {
    const whole = req({ id: 1, type: 'version' });
    const { answers, code } = await host([CHROMIUM_ORIGIN], Buffer.concat([whole, whole.subarray(0, 7)]), env);
    expect(answers).toHaveLength(1);
    expect(code).toBe(1);
  });

  it('wrong PIN → PIN_INCORRECT, tries left from the token (SoftHSM2 sets CKF_USER_PIN_COUNT_LOW), the PIN nowhere in the answer', async () => {
    const { answers } = await host([CHROMIUM_ORIGIN], Buffer.concat([
      signReq(1, { pin: '4242424242' }),
      signReq(2, { token: { label: 'not-plugged' } }),
      signReq(3, { keyId: '09' }),
      req({ id: 4, type: 'list-tokens', module: join(token.dir, 'missing.so') }),
      req({ id: 5, type: 'check-pin', token: { label: token.label }, pin: '4242424242' }),
      req({ id: 6, type: 'check-pin', token: { label: token.label }, pin: token.pin }),
    ]), env);
    expect(answers[4]).toMatchObject({ ok: false, error: { code: 'PIN_INCORRECT' } });
    expect(answers[5]).toMatchObject({ ok: true, result: { done: true } });
    expect(answers[0]).toMatchObject({ ok: false, error: { code: 'PIN_INCORRECT', ckr: 'CKR_PIN_INCORRECT', triesLeft: 'few' } });
    expect(JSON.stringify(answers)).not.toContain('4242424242');
    expect(answers[1]).toMatchObject({ ok: false, error: { code: 'TOKEN_NOT_FOUND' } });
    expect(answers[2]).toMatchObject({ ok: false, error: { code: 'KEY_WITHOUT_CERTIFICATE' } });
    expect(answers[3]).toMatchObject({ ok: false, error: { code: 'MODULE_LOAD_FAILED' } });
  });

  it('with an empty token directory: NO_TOKEN', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'saoy-empty-hsm-'));
    run('mkdir', ['-p', join(empty, 'tokens')]);
    writeFileSync(join(empty, 'c.conf'), `directories.tokendir = ${join(empty, 'tokens')}\nobjectstore.backend = file\n`);
    const { answers } = await host([CHROMIUM_ORIGIN], req({ id: 1, type: 'list-tokens' }), { SOFTHSM2_CONF: join(empty, 'c.conf'), SAOY_PKCS11_MODULE: token.module });
    expect(answers[0]).toMatchObject({ ok: false, error: { code: 'NO_TOKEN' } });
  });

  it('saoy native-host install/uninstall writes a manifest for our extension only, and a launcher that serves', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'saoy-profile-'));
    const r = saoy(['native-host', 'install', '--browser', 'chromium', '--user-data-dir', profile, '--module', token.module]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const manifestPath = join(profile, 'NativeMessagingHosts', `${NATIVE_HOST_NAME}.json`);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    expect(manifest).toEqual({ name: NATIVE_HOST_NAME, description: expect.any(String), path: join(profile, 'NativeMessagingHosts', 'saoy-token-host'), type: 'stdio', allowed_origins: [CHROMIUM_ORIGIN] });
    // The launcher is what Chromium starts: it must serve with the module chosen at install.
    const answers = await new Promise<NativeResponse[]>((resolve) => {
      const child = spawn(manifest.path, [CHROMIUM_ORIGIN], { env: { ...process.env, ...token.env } });
      const out: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.on('close', () => resolve(unframe(Buffer.concat(out))));
      child.stdin.end(req({ id: 1, type: 'status' }));
    });
    expect(answers[0]).toMatchObject({ ok: true, result: { module: token.module, tokens: 1 } });
    const u = saoy(['native-host', 'uninstall', '--browser', 'chromium', '--user-data-dir', profile]);
    expect(u.status).toBe(0);
    expect(existsSync(manifestPath)).toBe(false);
    const bad = saoy(['native-host', 'install', '--browser', 'safari']);
    expect(bad.stderr).toBe('saoy: error: --browser must be chrome, chromium or firefox, got "safari"\n');
  });
});
