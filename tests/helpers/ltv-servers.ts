/**
 * Loopback servers for long-term validation tests, run by the tests themselves on 127.0.0.1: an RFC 3161 TSA
 * (`openssl ts -reply` behind a small HTTP server), an OCSP responder (`openssl ocsp -port` reading an `openssl ca`
 * index file) and CRLs served over HTTP. Nothing listens beyond 127.0.0.1.
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { OpensslCert } from '../unit/trust/fixtures.js';

export interface Loopback {
  url: string;
  /** Requests answered so far. */
  requests: () => number;
  close: () => Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const closer = (server: Server) => () => new Promise<void>((resolve) => server.close(() => resolve()));

/** openssl ts configuration for a TSA whose certificate and key are `cert` (SHA-256, ESS certid v2, 1 s accuracy). */
export function tsaConfig(dir: string, name: string): string {
  const config = join(dir, `${name}.cnf`);
  writeFileSync(
    config,
    ['[ tsa ]', 'default_tsa = tsa1', '[ tsa1 ]', `serial = ${join(dir, `${name}.serial`)}`, 'crypto_device = builtin',
      'signer_digest = sha256', 'default_policy = 1.2.3.4.1', 'digests = sha256, sha384, sha512', 'accuracy = secs:1',
      'ordering = yes', 'tsa_name = yes', 'ess_cert_id_chain = no', 'ess_cert_id_alg = sha256', ''].join('\n'),
  );
  return config;
}

/**
 * A TSA on 127.0.0.1: each POST application/timestamp-query is answered by `openssl ts -reply`. `signer()` says
 * which certificate signs (tests switch it to show a renewed TSA certificate).
 */
export async function startTsa(dir: string, signer: () => OpensslCert, chain: string[] = []): Promise<Loopback> {
  let n = 0;
  const config = tsaConfig(dir, `tsa-${Date.now()}`);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') return void res.writeHead(400).end();
      const k = ++n;
      const q = join(dir, `tsa-req-${k}.tsq`);
      const out = join(dir, `tsa-req-${k}.tsr`);
      writeFileSync(q, Buffer.concat(chunks));
      const s = signer();
      const extra = chain.length ? ['-chain', chain[0]] : [];
      execFile('openssl', ['ts', '-reply', '-queryfile', q, '-signer', s.certPath, '-inkey', s.keyPath, ...extra, '-config', config, '-out', out], (err) => {
        if (err) return void res.writeHead(500).end();
        res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(readFileSync(out));
      });
    });
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}/`, requests: () => n, close: closer(server) };
}

/** Serves GET `path` with whatever `body()` returns at that moment (a CRL that changes as certificates are revoked). */
export async function startHttpFile(path: string, body: () => Uint8Array | string): Promise<Loopback> {
  let n = 0;
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === path) {
      n++;
      return void res.writeHead(200, { 'Content-Type': 'application/pkix-crl' }).end(body());
    }
    res.writeHead(404).end();
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}${path}`, requests: () => n, close: closer(server) };
}

/** A free loopback port (listened on, then released). */
export async function freePort(): Promise<number> {
  const s = createServer();
  const port = await listen(s);
  await closer(s)();
  return port;
}

/**
 * `openssl ocsp -port` (only 127.0.0.1 connects to it) answering from the CA's index file (OpenSSL 3 re-reads it when it changes), its
 * responses signed by the CA itself and valid `days`. Stop it with close().
 */
export async function startOcspResponder(caDir: string, port: number, days = 30): Promise<Loopback> {
  const child = spawn('openssl', ['ocsp', '-index', join(caDir, 'index.txt'), '-CA', join(caDir, 'ca.pem'), '-rsigner', join(caDir, 'ca.pem'),
    '-rkey', join(caDir, 'ca.key'), '-port', String(port), '-ndays', String(days), '-ignore_err'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let n = 0;
  let log = '';
  // Ready once it says so: a probe connection that sends nothing would block this single-threaded responder.
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`openssl ocsp did not start: ${log}`)), 15_000);
    const onData = (c: Buffer) => {
      log = (log + c.toString()).slice(-4000);
      n += (c.toString().match(/Received request/g) ?? []).length;
      if (/waiting for OCSP client connections/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`openssl ocsp exited with ${code}: ${log}`));
    });
  });
  await ready;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests: () => n,
    close: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
