/** `saoy help`, `saoy COMMAND --help`, and unknown options: our one line plus the command's usage, never Node's parser text. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, saoy } from '../helpers/tools.js';

const COMMANDS = ['demo-identity', 'certify', 'approve', 'extend', 'verify', 'book'];

describe('saoy help', () => {
  beforeAll(() => ensureCliBuilt());

  it('`saoy help` lists every command and exits 0', () => {
    const r = saoy(['help']);
    expect(r.status).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(`saoy ${c}`);
  });

  it.each(COMMANDS)('saoy %s: --help, -h and "saoy help" print that command usage', (c) => {
    const a = saoy([c, '--help']);
    expect(a.status).toBe(0);
    expect(a.stderr).toBe('');
    expect(a.stdout).toMatch(new RegExp(`^usage: saoy ${c}`));
    expect(saoy([c, '-h']).stdout).toBe(a.stdout);
    expect(saoy(['help', c]).stdout).toBe(a.stdout);
  });

  it('--help wins over missing or bad options, and is never run as a command', () => {
    const r = saoy(['certify', '--image', 'missing.jpg', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: saoy certify/);
    expect(r.stdout).toContain('--book-dir DIR');
  });

  it.each([
    [['certify', '--frobnicate'], 'unknown option --frobnicate for "saoy certify"', 'certify'],
    [['verify', 'x.pdf', '--colour'], 'unknown option --colour for "saoy verify"', 'verify'],
    [['approve', 'x.pdf', '-z'], 'unknown option -z for "saoy approve"', 'approve'],
    [['verify', 'x.pdf', '--at'], 'option --at needs a value', 'verify'],
    [['verify', 'x.pdf', '--json=yes'], 'option --json takes no value', 'verify'],
    [['book', 'check', '/nowhere', '--fast'], 'unknown option --fast for "saoy book"', 'book'],
    [['extend', 'x.pdf', '--level'], 'option --level needs a value', 'extend'],
  ])('%j: one line of ours, then the usage; exit 1', (args, line, c) => {
    const r = saoy(args);
    expect(r.status).toBe(1);
    const [first, ...usage] = r.stderr.trimEnd().split('\n');
    expect(first).toBe(`saoy: error: ${line}`);
    expect(usage.join('\n')).toMatch(new RegExp(`^usage: saoy ${c}`));
    expect(r.stderr).not.toMatch(/positional argument|ERR_PARSE_ARGS|TypeError|at .*\.js:\d+/);
  });

  it('an unknown command or help topic names it and lists the commands', () => {
    for (const args of [['frob'], ['help', 'frob']]) {
      const r = saoy(args);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^saoy: error: (unknown command|no command) "frob"\nusage:\n/);
    }
  });
});
