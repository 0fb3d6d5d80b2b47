import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type ProgressPolicy, verifyCommand } from '../../src/cli/verify/verify-command.js';
import { communityHistory } from './community-history.js';
import { runVerify, sink } from './log-helpers.js';

/**
 * `gongzhi verify` as a command on real files (no database, no server): what it prints where, and its
 * exit status — 0 all holds, 1 something does not, 2 the bundle cannot be read or the command is misused.
 */
describe('gongzhi verify, the command', () => {
  let directory: string;
  const bundle = `${communityHistory().builder.lines().join('\n')}\n`;

  async function run(args: string[], options: { stdin?: string; tty?: boolean; progress?: ProgressPolicy } = {}) {
    let out = '';
    let err = '';
    const stdin = options.stdin === undefined ? undefined : Readable.from([options.stdin]);
    const code = await verifyCommand(args, { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s), options.tty), stdin }, options.progress);
    return { code, out, err };
  }

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'gongzhi-verify-cli-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('explains itself with --help: what it checks and what its exit status means (exit 0)', async () => {
    for (const flag of ['--help', '-h']) {
      const { code, out, err } = await run([flag]);
      expect(out).toMatch(/^usage: gongzhi verify <bundle\.ndjson>/);
      expect(out).toMatch(/no database and no server/);
      expect(out).toMatch(/Exit status: 0 when everything holds, 1 when something does not, 2 when the bundle cannot be read/);
      expect(err).toBe('');
      expect(code).toBe(0);
    }
  });

  it.each([
    ['no bundle', [], /name the bundle to check/],
    ['two bundles', ['a.ndjson', 'b.ndjson'], /check one bundle at a time/],
    ['an unknown option', ['--fast'], /unknown option --fast/],
  ])('refuses %s with the usage on stderr (exit 2)', async (_what, args, message) => {
    const { code, out, err } = await run(args);
    expect(err).toMatch(message);
    expect(err).toContain('usage: gongzhi verify');
    expect(out).toBe('');
    expect(code).toBe(2);
  });

  it('says a missing file cannot be read, and why (exit 2)', async () => {
    const missing = join(directory, 'no-such-bundle.ndjson');
    const { code, out, err } = await run([missing]);
    expect(err).toBe(`gongzhi verify: cannot read ${missing}: no such file\n`);
    expect(out).toBe('');
    expect(code).toBe(2);
  });

  it('says a directory is not a bundle file (exit 2)', async () => {
    const { code, err } = await run([directory]);
    expect(err).toBe(`gongzhi verify: cannot read ${directory}: it is a directory, not a bundle file\n`);
    expect(code).toBe(2);
  });

  it('prints the table and says a file that is no bundle is not verified (exit 1)', async () => {
    const file = join(directory, 'notes.txt');
    writeFileSync(file, '会议纪要\n第二行\n');
    const { code, out } = await run([file]);
    expect(out).toMatch(/^bundle\s+1\s+FAILED \(1\)$/m);
    expect(out).toContain('NOT VERIFIED: 1 problem(s)');
    expect(out).toContain('[bundle] bundle: no header line: this is not a Gongzhi export bundle');
    expect(code).toBe(1);
  });

  it('prints only the table for a small bundle: no progress on stderr (exit 0)', async () => {
    const { code, out, err } = await runVerify(bundle);
    expect(out).toMatch(/^check\s+checked\s+result$/m);
    expect(out).toMatch(/^statements\s+2\s+OK$/m);
    expect(out).toContain('verified: every signature');
    expect(err).toBe('');
    expect(code).toBe(0);
  });

  it('verifies under --key only the bundle signed by that key (exit 0), and refuses one signed by another (exit 1)', async () => {
    const file = join(directory, 'pinned.ndjson');
    writeFileSync(file, bundle);
    const fingerprint = /^signing key SHA-256 ([0-9a-f]{64})$/m.exec((await run([file])).out)![1];
    const pinned = await run([file, '--key', fingerprint]);
    expect(pinned.out).toContain('verified: every signature');
    expect(pinned.code).toBe(0);
    const other = await run(['--key', 'ab'.repeat(32), file]);
    expect(other.out).toContain(`NOT VERIFIED: the bundle is signed by key ${fingerprint}, not the expected ${'ab'.repeat(32)}`);
    expect(other.code).toBe(1);
    const malformed = await run([file, '--key', 'O4']);
    expect(malformed.err).toMatch(/--key takes the key's SHA-256 fingerprint/);
    expect(malformed.code).toBe(2);
  });

  it('reads the bundle from stdin with -', async () => {
    const { code, out } = await run(['-'], { stdin: bundle });
    expect(out).toContain('verified: every signature');
    expect(code).toBe(0);
  });

  it('shows progress on a terminal for a large bundle, on stderr, and still prints the table on stdout', async () => {
    const { code, out, err } = await runVerify(bundle, { stderrIsTTY: true, progress: { tty: 1000, log: Number.MAX_SAFE_INTEGER } });
    expect(err).toMatch(/verifying \|.*\| 100% \| \d+ lines/);
    expect(out).not.toContain('verifying');
    expect(out).toContain('verified: every signature');
    expect(code).toBe(0);
  });

  it('keeps a log quiet: no progress when stderr is not a terminal, unless the bundle is very large', async () => {
    const quiet = await runVerify(bundle, { stderrIsTTY: false, progress: { tty: 1000, log: Number.MAX_SAFE_INTEGER } });
    expect(quiet.err).toBe('');
    const large = await runVerify(bundle, { stderrIsTTY: false, progress: { tty: 1000, log: 1000 } });
    expect(large.err).toMatch(/verifying/);
    expect(large.code).toBe(0);
  });
});
