import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type ProgressPolicy, verifyCommand } from '../../src/cli/verify/verify-command.js';
import { publicRevenueStream } from '@gongzhi/domain/finance/public-revenue.events.js';
import { communityHistory } from './community-history.js';
import { runVerify, sink } from './log-helpers.js';

/**
 * `gongzhi verify` as a command on real files (no database, no server): what it prints where, and its
 * exit status — 0 all holds, 1 something does not, 2 the bundle cannot be read or the command is misused.
 */
describe('gongzhi verify, the command', () => {
  let directory: string;
  const { builder } = communityHistory();
  const bundle = `${builder.lines().join('\n')}\n`;
  const key = builder.keyFingerprint;

  async function run(args: string[], options: { stdin?: string; tty?: boolean; progress?: ProgressPolicy } = {}) {
    let out = '';
    let err = '';
    const stdin = options.stdin === undefined ? undefined : Readable.from([options.stdin]);
    const code = await verifyCommand(
      args,
      { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s), options.tty), stdin },
      options.progress,
    );
    return { code, out, err };
  }

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'gongzhi-verify-cli-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('explains itself with --help: what it checks and what its exit status means (exit 0)', async () => {
    for (const flag of ['--help', '-h']) {
      const { code, out, err } = await run([flag]);
      expect(out).toMatch(
        /^usage: gongzhi verify <bundle\.ndjson>… --key KEY \[--checkpoint FILE\]… \[--witness VKEY\]… \[--witnesses N\]/,
      );
      expect(out).toMatch(/no database and no server/);
      expect(out).toMatch(
        /Exit status: 0 only when every event of every bundle is under a checkpoint signed by the pinned key \(and\s+cosigned as asked\) and everything holds, 1 when something does not or no key is pinned, 2 when the bundle\s+cannot be read or the command is misused/,
      );
      expect(err).toBe('');
      expect(code).toBe(0);
    }
  });

  it.each([
    ['no bundle', [], /name the bundle to check/],
    ['stdin and a file', ['-', 'b.ndjson'], /read one bundle from stdin, or several from files, not both/],
    ['an unknown option', ['--fast'], /unknown option --fast/],
    ['--key without its value', ['a.ndjson', '--key'], /--key needs a value/],
    ['two keys', ['a.ndjson', '--key', 'a'.repeat(64), '--key', 'b'.repeat(64)], /pin one key: --key is given twice/],
    [
      'more cosignatures than witnesses',
      ['a.ndjson', '--witnesses', '2', '--witness', 'w+01234567+AA=='],
      /--witnesses 2 asks for more cosignatures than the 1 witness\(es\) named with --witness/,
    ],
    ['--witnesses 0', ['a.ndjson', '--witnesses', '0'], /--witnesses takes a whole number from 1, not "0"/],
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
    const { code, out, err } = await runVerify(bundle, { key });
    expect(out).toMatch(/^check\s+checked\s+result$/m);
    expect(out).toMatch(/^statements\s+3\s+OK$/m); // a draft, its period sealed in the register (rule 28), its publication
    expect(out).toContain(
      `verified with the pinned key ${key}: all ${builder.recorded.length} events are under its checkpoint`,
    );
    expect(err).toBe('');
    expect(code).toBe(0);
  });

  it('reads the bundle from stdin with -', async () => {
    const { code, out } = await run(['-', '--key', key], { stdin: bundle });
    expect(out).toContain(`verified with the pinned key ${key}`);
    expect(code).toBe(0);
  });

  it('checks everything but verifies nothing without --key: "key not pinned" (exit 1)', async () => {
    const { code, out } = await runVerify(bundle);
    expect(out).toMatch(/^statements\s+3\s+OK$/m);
    expect(out).toContain(`[pinned key] line 1: key not pinned: the bundle's checkpoints are signed by key ${key}`);
    expect(out).toMatch(/\nestablished: nothing: key not pinned/);
    expect(code).toBe(1);
  });

  it('takes the key as a PEM file or as a vkey, and says a key it cannot read is misuse (exit 2)', async () => {
    const pem = join(directory, 'log-key.pem');
    writeFileSync(pem, builder.keys.publicKey);
    expect((await runVerify(bundle, { key: pem })).code).toBe(0);
    expect((await runVerify(bundle, { key: builder.vkey() })).code).toBe(0);
    const unreadable = await runVerify(bundle, { key: 'not-a-key' });
    expect(unreadable.err).toBe(
      'gongzhi verify: --key / --witness: not-a-key is not a fingerprint or a vkey, and as a file: no such file\n',
    );
    expect(unreadable.code).toBe(2);
  });

  it('holds several bundles of one community against each other, and a checkpoint saved earlier; a newer saved one is named as unchecked (exit 1)', async () => {
    const checkpoints = bundle
      .trim()
      .split('\n')
      .filter((l) => l.includes('"record":"checkpoint"'));
    const saved = join(directory, 'saved.json');
    writeFileSync(saved, checkpoints.at(-2)!);
    const both = await runVerify([bundle, bundle], { key, args: ['--checkpoint', saved] });
    expect(both.out).toMatch(/^== .*bundle-1\.ndjson$/m);
    expect(both.out).toContain(
      `all 2 bundle(s) verified with the pinned key ${key}, and one history per community across them`,
    );
    expect(both.code).toBe(0);

    // The same log, one event later, signed by the same key: a checkpoint the bundle cannot reach.
    const later = communityHistory().builder;
    Object.assign(later, { keys: builder.keys });
    later.record(publicRevenueStream(later.communityId), [{ type: 'PublicRevenueReceived', data: {} }]);
    const future = JSON.parse(
      later
        .lines()
        .filter((l) => l.includes('"record":"checkpoint"'))
        .at(-1)!,
    );
    writeFileSync(saved, JSON.stringify(future));
    const newer = await runVerify(bundle, { key, args: ['--checkpoint', saved] });
    expect(newer.out).toContain('NOT VERIFIED: every bundle holds; 1 saved checkpoint(s) held against no bundle');
    expect(newer.out).toContain(
      `[saved checkpoints] the checkpoint of ${future.treeSize} leaves of community ${builder.communityId} in ${saved} was held against no bundle: ` +
        `it is newer than every bundle of that community given (the largest holds ${future.treeSize - 1} events); export the log again and verify the new bundle with it`,
    );
    expect(newer.code).toBe(1);
  });

  it('says a saved checkpoint that is no checkpoint is misuse (exit 2)', async () => {
    const saved = join(directory, 'not-a-checkpoint.json');
    writeFileSync(saved, '{"treeSize": 3}');
    const { code, err } = await runVerify(bundle, { key, args: ['--checkpoint', saved] });
    expect(err).toMatch(new RegExp(`^gongzhi verify: cannot read the checkpoint ${saved}: it is not a checkpoint: `));
    expect(code).toBe(2);
  });

  it('shows progress on a terminal for a large bundle, on stderr, and still prints the table on stdout', async () => {
    const { code, out, err } = await runVerify(bundle, {
      key,
      stderrIsTTY: true,
      progress: { tty: 1000, log: Number.MAX_SAFE_INTEGER },
    });
    expect(err).toMatch(/verifying \|.*\| 100% \| \d+ lines/);
    expect(out).not.toContain('verifying');
    expect(out).toContain(`verified with the pinned key ${key}`);
    expect(code).toBe(0);
  });

  it('keeps a log quiet: no progress when stderr is not a terminal, unless the bundle is very large', async () => {
    const quiet = await runVerify(bundle, {
      key,
      stderrIsTTY: false,
      progress: { tty: 1000, log: Number.MAX_SAFE_INTEGER },
    });
    expect(quiet.err).toBe('');
    const large = await runVerify(bundle, { key, stderrIsTTY: false, progress: { tty: 1000, log: 1000 } });
    expect(large.err).toMatch(/verifying/);
    expect(large.code).toBe(0);
  });
});
