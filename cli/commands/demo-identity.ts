import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { createDemoIdentity } from '../../core/signers/demo.js';
import { derToPem } from '../../core/pki/pem.js';
import { CliError } from '../fail.js';
import { demoIdentityUsage } from '../usage.js';
import { writeOutput } from '../files.js';

/** Writes a demo PKI: root.pem, certifier.p12, authority.p12 (password "demo"), all marked DEMO. */
export async function demoIdentityCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'certifier-key': { type: 'string', default: 'rsa' } },
  });
  const dir = positionals[0];
  if (!dir || positionals.length > 1) throw new CliError(`usage: ${demoIdentityUsage}`);
  const keyOpt = values['certifier-key'];
  if (keyOpt !== 'rsa' && keyOpt !== 'ecdsa') throw new CliError('--certifier-key must be "rsa" or "ecdsa"');
  const id = await createDemoIdentity({ certifierKey: keyOpt === 'rsa' ? 'RSA-2048' : 'ECDSA-P256' });
  await writeOutput(join(dir, 'root.pem'), derToPem(id.rootCertificate, 'CERTIFICATE'), 'root certificate');
  await writeOutput(join(dir, 'certifier.p12'), id.certifierP12, 'certifier PKCS#12');
  await writeOutput(join(dir, 'authority.p12'), id.authorityP12, 'authority PKCS#12');
  process.stdout.write(
    `demo identity written to ${dir}: root.pem, certifier.p12, authority.p12 (password "${id.password}"). ` +
      'DEMO ONLY: never trust this root outside tests and demos.\n',
  );
  return 0;
}
