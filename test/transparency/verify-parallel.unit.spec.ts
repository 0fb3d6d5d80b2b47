import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { generateSigningKeyPair } from '@gongzhi/ledger-log/checkpoint-signing.js';
import { verifyCommand } from '../../src/cli/verify/verify-command.js';
import { verifyBundles } from '../../src/cli/verify/verify-bundles.js';
import { generatedBundle } from '../../bench/support/generated-bundle.js';

/** Worker threads run the TypeScript sources through the loader Jest's transform mirrors (test/support/typescript-hooks.mjs). */
const LOADER = ['--import', pathToFileURL(join(process.cwd(), 'test/support/typescript-register.mjs')).href];

/** A ballot's choice changed after the log took its hash, as someone with the database could. */
function tamperBallot(text: string): string {
  const lines = text.trimEnd().split('\n');
  const at = lines.findIndex((l) => l.includes('"type":"BallotCast"'));
  const event = JSON.parse(lines[at]);
  event.data.choice = event.data.choice === 'FOR' ? 'AGAINST' : 'FOR';
  lines[at] = JSON.stringify(event);
  return `${lines.join('\n')}\n`;
}

async function run(args: string[], parallel: { threads: number; execArgv?: string[] }) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await verifyCommand(args, { stdout, stderr }, undefined, parallel);
  return { code, out, err };
}

describe('gongzhi verify with several bundles, in worker threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongzhi-verify-parallel-'));
  const keys = generateSigningKeyPair();
  // Three communities of one district, their logs signed by the one server key; the second tampered.
  const bundles = [40, 60, 50].map((heads) => generatedBundle(heads, { keys }));
  const key = bundles[0].key;
  const files = ['dongcheng.ndjson', 'xicheng.ndjson', 'haidian.ndjson'].map((name, i) => {
    const file = join(dir, name);
    writeFileSync(file, i === 1 ? tamperBallot(bundles[i].text) : bundles[i].text);
    return file;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies each bundle in a thread of its own: one report per bundle, in the order given, and exit 1 for the tampered one', async () => {
    const { code, out } = await run([...files, '--key', key], { threads: 3, execArgv: LOADER });
    expect(code).toBe(1);
    const sections = out.split(/^== /m).slice(1);
    expect(sections.map((s) => s.split('\n')[0])).toEqual([...files, 'all bundles']);
    expect(sections[0]).toMatch(/^verified with the pinned key /m);
    expect(sections[2]).toMatch(/^verified with the pinned key /m);
    // The changed ballot hashes otherwise than its leaf, and the close no longer counts the ballots the log holds.
    expect(sections[1]).toMatch(/^NOT VERIFIED: \d+ problem\(s\)$/m);
    expect(sections[1]).toMatch(
      /\[leaf hashes\] resolution-[^ ]+ revision 3, .*: the event hashes to [0-9a-f]{64}, but the log recorded leaf/,
    );
    expect(sections[1]).toMatch(/\[resolution tallies\] .*the close commits to counted root/);
    expect(sections[3]).toBe(`all bundles\nNOT VERIFIED: ${files[1]} is not verified\n`);
  });

  it('prints, byte for byte, what verifying the bundles one after another in this thread prints', async () => {
    const parallel = await run([...files, '--key', key], { threads: 3, execArgv: LOADER });
    const alone = await run([...files, '--key', key], { threads: 1 });
    expect(parallel.out).toBe(alone.out);
    expect(parallel.code).toBe(alone.code);
  });

  it('reads the bundles in as many threads as it was given, one each, and holds bundles of one community against each other across threads', async () => {
    const same = join(dir, 'dongcheng-again.ndjson');
    writeFileSync(same, bundles[0].text);
    const result = await verifyBundles(
      [files[0], same, files[2]].map((input, i) => ({ name: `b${i}`, input, treeSize: 41 })),
      [],
      { pinnedKey: key, threads: 3, execArgv: LOADER },
    );
    expect(result.threads).toBe(3);
    expect(result.ok).toBe(true);
    // The second copy of dongcheng is held against every signed checkpoint of the first: one history.
    const second = result.bundles[1].report;
    expect(second.rows.find((r) => r.check === 'other checkpoints')).toEqual({
      check: 'other checkpoints',
      checked: result.bundles[0].report.checkpoints,
      failed: 0,
    });
  });
});
