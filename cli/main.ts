import { isMainThread } from 'node:worker_threads';
import { CliError, reportFailure } from './fail.js';
import { approveUsage, certifyUsage, demoIdentityUsage, trustUsage, verifyUsage } from './usage.js';

const USAGE = `usage:
  ${demoIdentityUsage}
  ${certifyUsage}
  ${approveUsage}
  ${verifyUsage}
  ${trustUsage}
`;

// Each command is loaded on demand: `saoy verify` never pays for pdf-lib and the fonts, and startup stays short.
const commands: Record<string, () => Promise<(argv: string[]) => Promise<number>>> = {
  'demo-identity': async () => (await import('./commands/demo-identity.js')).demoIdentityCommand,
  certify: async () => (await import('./commands/certify.js')).certifyCommand,
  approve: async () => (await import('./commands/approve.js')).approveCommand,
  verify: async () => (await import('./commands/verify.js')).verifyCommand,
  trust: async () => (await import('./commands/trust.js')).trustCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name ? 0 : 1;
  }
  const load = commands[name];
  if (!load) throw new CliError(`unknown command "${name}"\n${USAGE}`);
  const command = await load();
  try {
    return await command(rest);
  } catch (e) {
    // node:util parseArgs reports unknown/ill-formed options with a TypeError carrying a code.
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) throw new CliError((e as Error).message);
    throw e;
  }
}

// `saoy verify` workers load a bundle chunk that may import this entry: only the main thread runs a command.
if (isMainThread) main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.exitCode = reportFailure(e);
  },
);
