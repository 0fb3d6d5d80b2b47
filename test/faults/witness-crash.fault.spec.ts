import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MerkleLog } from '@gongzhi/ledger-log/merkle-log.js';
import { sha256 } from '@gongzhi/ledger-log/sha256.js';
import { toHex } from '@gongzhi/ledger-log/hex.js';
import { ed25519NoteSigner, signNote, verifyNote } from '@gongzhi/ledger-log/signed-note.js';
import { formatCheckpointText } from '@gongzhi/ledger-log/tlog-checkpoint.js';
import { ed25519CosignatureVerifier, ed25519Cosigner } from '@gongzhi/ledger-log/tlog-cosignature.js';
import { freePort } from '../support/global-setup.js';
import { BuiltProcess } from './support/server-process.js';

// `gongzhi witness serve` as the street office runs it, a process of its own, killed with -9 right after it
// cosigned: the restarted witness takes over the dead one's lock and still refuses another root at that size.
describe('witness killed -9 after cosigning', () => {
  const ORIGIN = 'gongzhi.test/community/c1';
  const logKey = ed25519NoteSigner('gongzhi.test', generateKeyPairSync('ed25519').privateKey);
  const witnessPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const witnessVkey = ed25519Cosigner('jiedao.test/witness', witnessPem).vkey;
  const leaves = (n: number, salt: string) =>
    Array.from({ length: n }, (_, i) => toHex(sha256(new TextEncoder().encode(`${salt}-${i}`))));
  const honest = MerkleLog.from(leaves(12, 'honest'));
  const forked = MerkleLog.from([...leaves(3, 'honest'), ...leaves(9, 'forked')]);
  const checkpoint = (log: MerkleLog, size: number) =>
    signNote(formatCheckpointText({ origin: ORIGIN, treeSize: size, rootHash: log.root(size) }), logKey);
  const body = (old: number, proof: string[], note: string) =>
    `old ${old}\n${proof.map((h) => `${Buffer.from(h, 'hex').toString('base64')}\n`).join('')}\n${note}`;
  let dir: string;
  let port: number;
  let witness: BuiltProcess;

  const start = async () => {
    witness = new BuiltProcess(
      'cli.js',
      [
        'witness',
        'serve',
        '--dir',
        dir,
        '--name',
        'jiedao.test/witness',
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--log',
        `gongzhi.test/community/*=${logKey.vkey}`,
      ],
      {},
      'witness',
    );
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (!witness.running) throw new Error(`the witness exited while starting:\n${witness.logTail()}`);
      const up = await fetch(`http://127.0.0.1:${port}/${'0'.repeat(64)}/checkpoint`).catch(() => null);
      if (up?.status === 404) return;
      if (Date.now() > deadline) throw new Error(`the witness did not start:\n${witness.logTail()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const add = async (text: string) => {
    const answer = await fetch(`http://127.0.0.1:${port}/add-checkpoint`, { method: 'POST', body: text });
    return { status: answer.status, text: await answer.text() };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongzhi-witness-crash-'));
    writeFileSync(join(dir, 'witness.key'), witnessPem, { mode: 0o600 });
    port = await freePort();
    await start();
  });
  afterAll(async () => {
    await witness?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the cosigned size and root through kill -9, and refuses a fork at that size after the restart', async () => {
    const first = await add(body(0, [], checkpoint(honest, 8)));
    expect(first.status).toBe(200);
    expect(
      verifyNote(`${checkpoint(honest, 8)}${first.text}`, [ed25519CosignatureVerifier(witnessVkey)]).verified,
    ).toHaveLength(1);
    await witness.kill();

    await start();
    expect(await add(body(0, [], checkpoint(forked, 8)))).toEqual({ status: 409, text: '8\n' });
    expect((await add(body(8, [], checkpoint(forked, 8)))).status).toBe(422);
    expect((await add(body(8, forked.consistencyProof(8, 12), checkpoint(forked, 12)))).status).toBe(422);
    expect((await add(body(8, honest.consistencyProof(8, 12), checkpoint(honest, 12)))).status).toBe(200);
    const evidence = readFileSync(
      join(dir, 'evidence', `${toHex(sha256(new TextEncoder().encode(ORIGIN)))}.ndjson`),
      'utf8',
    )
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(evidence.map((e) => e.status)).toEqual([409, 422, 422]);
  });
});
