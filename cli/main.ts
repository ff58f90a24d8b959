import { approveCommand, approveUsage } from './commands/approve.js';
import { certifyCommand, certifyUsage } from './commands/certify.js';
import { demoIdentityCommand, demoIdentityUsage } from './commands/demo-identity.js';
import { verifyCommand, verifyUsage } from './commands/verify.js';
import { CliError, reportFailure } from './fail.js';

const USAGE = `usage:
  ${demoIdentityUsage}
  ${certifyUsage}
  ${approveUsage}
  ${verifyUsage}
`;

const commands: Record<string, (argv: string[]) => Promise<number>> = {
  'demo-identity': demoIdentityCommand,
  certify: certifyCommand,
  approve: approveCommand,
  verify: verifyCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) throw new CliError(`unknown command "${name}"\n${USAGE}`);
  try {
    return await command(rest);
  } catch (e) {
    // node:util parseArgs reports unknown/ill-formed options with a TypeError carrying a code.
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) throw new CliError((e as Error).message);
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.exitCode = reportFailure(e);
  },
);
