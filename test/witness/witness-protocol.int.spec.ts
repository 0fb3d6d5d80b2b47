import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MerkleLog } from '@gongzhi/ledger-log/merkle-log.js';
import { sha256 } from '@gongzhi/ledger-log/sha256.js';
import { toHex } from '@gongzhi/ledger-log/hex.js';
import { ed25519NoteSigner, signNote, verifyNote } from '@gongzhi/ledger-log/signed-note.js';
import { formatCheckpointText } from '@gongzhi/ledger-log/tlog-checkpoint.js';
import { cosignatureTimestamp, ed25519CosignatureVerifier } from '@gongzhi/ledger-log/tlog-cosignature.js';
import { type RunningWitness, startWitness, witnessOptions } from '../../src/witness/witness-command.js';

// The witness of c2sp.org/tlog-witness as the street office runs it: its real HTTP server on a port, its
// real files in a folder; only the logs it is shown are made here.
const ORIGIN_PREFIX = 'gongzhi.test';
const origin = (cid: string) => `${ORIGIN_PREFIX}/community/${cid}`;
const leaves = (n: number, salt: string) =>
  Array.from({ length: n }, (_, i) => toHex(sha256(new TextEncoder().encode(`${salt}-${i}`))));
const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

describe('gongzhi witness serve: a C2SP tlog-witness with its own key and its own state', () => {
  const logKey = ed25519NoteSigner(ORIGIN_PREFIX, generateKeyPairSync('ed25519').privateKey);
  const strangerKey = ed25519NoteSigner(ORIGIN_PREFIX, generateKeyPairSync('ed25519').privateKey);
  const honest = MerkleLog.from(leaves(20, 'honest'));
  // A fork: the same first 5 leaves, then another history, under the same key and origin.
  const forked = MerkleLog.from([...leaves(20, 'honest').slice(0, 5), ...leaves(15, 'forked')]);
  let dir: string;
  let running: RunningWitness;

  const signed = (log: MerkleLog, size: number, cid = 'c1', key = logKey) =>
    signNote(formatCheckpointText({ origin: origin(cid), treeSize: size, rootHash: log.root(size) }), key);
  const body = (old: number, proof: string[], checkpoint: string) =>
    `old ${old}\n${proof.map((h) => `${b64(h)}\n`).join('')}\n${checkpoint}`;
  const add = async (text: string) => {
    const answer = await fetch(`${running.url}/add-checkpoint`, { method: 'POST', body: text });
    return { status: answer.status, type: answer.headers.get('content-type'), text: await answer.text() };
  };
  const start = () =>
    startWitness({
      dir,
      name: 'jiedao.test/witness',
      logs: [{ origin: `${ORIGIN_PREFIX}/community/*`, vkeys: [logKey.vkey] }],
      port: 0,
      host: '127.0.0.1',
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongzhi-witness-'));
    running = await start();
  });
  afterAll(async () => {
    await running?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes its key file on first start, readable by its owner only', () => {
    expect(statSync(join(dir, 'witness.key')).mode & 0o777).toBe(0o600);
    expect(running.vkey).toMatch(/^jiedao\.test\/witness\+[0-9a-f]{8}\+/);
  });

  it('cosigns a first checkpoint (old 0, no proof): 200 with a cosignature line that verifies with its vkey', async () => {
    const checkpoint = signed(honest, 5);
    const answer = await add(body(0, [], checkpoint));
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/^— jiedao\.test\/witness \S+\n$/);
    const verified = verifyNote(`${checkpoint}${answer.text}`, [ed25519CosignatureVerifier(running.vkey)]);
    expect(verified.verified).toHaveLength(1);
    expect(Number(cosignatureTimestamp(verified.verified[0].signature))).toBeGreaterThan(1_700_000_000);
  });

  it('cosigns a larger checkpoint with a consistency proof from the size it cosigned', async () => {
    const answer = await add(body(5, honest.consistencyProof(5, 12), signed(honest, 12)));
    expect(answer.status).toBe(200);
  });

  it('answers 409 with its last cosigned size (text/x.tlog.size) when old is not that size', async () => {
    const answer = await add(body(5, honest.consistencyProof(5, 15), signed(honest, 15)));
    expect(answer).toMatchObject({ status: 409, type: 'text/x.tlog.size', text: '12\n' });
  });

  it('refuses a forked history, 422, and keeps the request as evidence', async () => {
    const fork = body(12, forked.consistencyProof(12, 15), signed(forked, 15));
    const answer = await add(fork);
    expect(answer.status).toBe(422);
    expect(answer.text).toMatch(/consistency proof does not show/);
    const sameSize = body(12, [], signed(forked, 12));
    expect((await add(sameSize)).status).toBe(422);
    const evidence = await running.store.evidence(origin('c1'));
    expect(evidence.map((e) => e.status)).toEqual([409, 422, 422]);
    expect(evidence[1]).toMatchObject({ origin: origin('c1'), body: fork });
    expect(evidence[2].reason).toMatch(/a different root at size 12/);
  });

  it('answers 404 for an origin it does not witness, 403 for a checkpoint its log key did not sign, 400 for a malformed request', async () => {
    expect(
      (await add(body(0, [], signed(honest, 3, 'c1').replace(`${ORIGIN_PREFIX}/community/c1`, 'elsewhere.test/log'))))
        .status,
    ).toBe(404);
    expect((await add(body(0, [], signed(honest, 3, 'c2', strangerKey)))).status).toBe(403);
    const tampered = signed(honest, 3, 'c3').replace(b64(honest.root(3)), b64(honest.root(4)));
    expect((await add(body(0, [], tampered))).status).toBe(403);
    expect((await add(`old 01\n\n${signed(honest, 3, 'c4')}`)).status).toBe(400);
    expect((await add(body(5, [], signed(honest, 3, 'c5')))).status).toBe(400);
    expect((await add('not a request')).status).toBe(400);
    const notUtf8 = await fetch(`${running.url}/add-checkpoint`, {
      method: 'POST',
      body: Buffer.from([0x6f, 0x6c, 0x64, 0x20, 0xff, 0x0a]),
    });
    expect(notUtf8.status).toBe(400);
    const tooLarge = await fetch(`${running.url}/add-checkpoint`, { method: 'POST', body: 'x'.repeat(70_000) });
    expect(tooLarge.status).toBe(413);
    const unattributed = await running.store.evidence(null);
    expect(unattributed.map((e) => e.status)).toEqual([404, 403, 403, 400, 400, 400, 413]);
    expect(unattributed[5].body).toBe('base64:b2xkIP8K');
    // What the log key signed is kept under its origin; an old size past the checkpoint is such a request.
    expect((await running.store.evidence(origin('c5'))).map((e) => e.status)).toEqual([400]);
    expect(await running.store.evidence(origin('c2'))).toEqual([]);
  });

  it('after a restart keeps its state: no cosignature of another root at a size it cosigned, and the honest log goes on', async () => {
    const vkey = running.vkey;
    await running.close();
    running = await start();
    expect(running.vkey).toBe(vkey);
    expect(await add(body(0, [], signed(forked, 12)))).toMatchObject({ status: 409, text: '12\n' });
    expect((await add(body(12, [], signed(forked, 12)))).status).toBe(422);
    expect((await add(body(12, forked.consistencyProof(12, 20), signed(forked, 20)))).status).toBe(422);
    const state = JSON.parse(
      readFileSync(join(dir, 'logs', `${toHex(sha256(new TextEncoder().encode(origin('c1'))))}.json`), 'utf8'),
    );
    expect(state).toMatchObject({ treeSize: 12, rootHash: honest.root(12) });
    expect((await add(body(12, honest.consistencyProof(12, 20), signed(honest, 20)))).status).toBe(200);
  });

  it('serves the latest cosigned checkpoint to monitors at /<origin hash>/checkpoint', async () => {
    const hash = toHex(sha256(new TextEncoder().encode(origin('c1'))));
    const answer = await fetch(`${running.url}/${hash}/checkpoint`);
    const text = await answer.text();
    expect(answer.status).toBe(200);
    expect(verifyNote(text, [ed25519CosignatureVerifier(running.vkey)]).text).toBe(
      formatCheckpointText({ origin: origin('c1'), treeSize: 20, rootHash: honest.root(20) }),
    );
  });

  it('reads its options from flags before the environment, and refuses a vkey that is not a log key', () => {
    const options = witnessOptions(['--name', 'a.test/w', '--log', `o.test/*=${logKey.vkey}`, '--port', '0'], {
      GONGZHI_WITNESS_NAME: 'ignored',
      GONGZHI_WITNESS_DIR: '/tmp/x',
    });
    expect(options).toMatchObject({
      name: 'a.test/w',
      dir: '/tmp/x',
      port: 0,
      logs: [{ origin: 'o.test/*', vkeys: [logKey.vkey] }],
    });
    expect(() => witnessOptions(['--log', `o.test=${running.vkey}`], {})).toThrow('not a log key');
  });
});
