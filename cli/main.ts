import { isMainThread } from 'node:worker_threads';
import { CliError, reportFailure } from './fail.js';
import { HELP, USAGE } from './usage.js';

// Each command is loaded on demand: `saoy verify` never pays for pdf-lib and the fonts, and startup stays short.
const commands: Record<string, () => Promise<(argv: string[]) => Promise<number>>> = {
  'demo-identity': async () => (await import('./commands/demo-identity.js')).demoIdentityCommand,
  certify: async () => (await import('./commands/certify.js')).certifyCommand,
  approve: async () => (await import('./commands/approve.js')).approveCommand,
  verify: async () => (await import('./commands/verify.js')).verifyCommand,
  extend: async () => (await import('./commands/extend.js')).extendCommand,
  trust: async () => (await import('./commands/trust.js')).trustCommand,
  book: async () => (await import('./commands/book.js')).bookCommand,
  'native-host': async () => (await import('./commands/native-host.js')).nativeHostCommand,
};

const wantsHelp = (args: string[]) => {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
};

/**
 * node:util parseArgs throws a TypeError with an ERR_PARSE_ARGS_* code and a message written for developers
 * ("To specify a positional argument starting with a '-'…"): users get one line of ours and the command's usage.
 */
function parseArgsError(e: unknown, name: string): CliError | undefined {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return undefined;
  const message = (e as Error).message;
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  const line =
    code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? `unknown option ${option ?? ''} for "saoy ${name}"`
    : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /argument missing/.test(message) ? `option ${option ?? ''} needs a value`
    : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ? `option ${option ?? ''} takes no value`
    : code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' ? `unexpected argument for "saoy ${name}"`
    : `invalid arguments for "saoy ${name}"`;
  return new CliError(`${line.replace(/ {2,}/g, ' ')}\n${HELP[name] ?? USAGE}`);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return name ? 0 : 1;
  }
  if (name === 'help') {
    const topic = rest[0];
    if (topic === undefined) process.stdout.write(USAGE);
    else if (HELP[topic]) process.stdout.write(HELP[topic]);
    else throw new CliError(`no command "${topic}"\n${USAGE}`);
    return 0;
  }
  const load = commands[name];
  if (!load) throw new CliError(`unknown command "${name}"\n${USAGE}`);
  if (wantsHelp(rest)) {
    process.stdout.write(HELP[name]);
    return 0;
  }
  const command = await load();
  try {
    return await command(rest);
  } catch (e) {
    throw parseArgsError(e, name) ?? e;
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
