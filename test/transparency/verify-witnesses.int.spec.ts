import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519NoteSigner, parseNote } from '@gongzhi/ledger-log/signed-note.js';
import { ed25519Cosigner } from '@gongzhi/ledger-log/tlog-cosignature.js';
import { type RunningWitness, startWitness } from '../../src/witness/witness-command.js';
import { TestServer } from '../support/test-server.js';
import { resignBundle } from './forged-bundles.js';
import { castBallot, exportOf, openSurvey, runVerify, YEAR_SECONDS } from './log-helpers.js';

/**
 * `gongzhi verify --witness VKEY --witnesses N` against a real server whose checkpoints a real street-office
 * witness (`gongzhi witness serve`, in this process) cosigns: a cosigned export passes; one the named
 * witnesses did not cosign, a fork re-signed by the log's own key, and a fork carrying the genuine
 * cosignature lines are each refused with the witness named.
 */
describe('gongzhi verify --witness: the street office vouches for the history it saw', () => {
  const ORIGIN = 'gongzhi.test';
  const logPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const logVkey = ed25519NoteSigner(ORIGIN, logPem).vkey;
  let witnessDir: string;
  let witness: RunningWitness;
  let server: TestServer;
  let genuine: string;
  let cid: string;
  let events: number;

  /** The export once the log is signed to its end and the witness's cosignature is kept beside that checkpoint. */
  async function cosignedExport(admin: string, position: string): Promise<string> {
    await server.get(`/api/v1/communities/${cid}?after=${position}`);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const bundle = await exportOf(server, cid, admin);
      const last = JSON.parse(bundle.trim().split('\n').at(-2)!);
      if (last.record === 'checkpoint' && last.cosignatures?.length) return bundle;
      if (Date.now() > deadline) throw new Error('the witness did not cosign the exported checkpoint within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  beforeAll(async () => {
    witnessDir = mkdtempSync(join(tmpdir(), 'gongzhi-verify-witness-'));
    witness = await startWitness({
      dir: witnessDir,
      name: 'jiedao.test/witness',
      logs: [{ origin: `${ORIGIN}/community/*`, vkeys: [logVkey] }],
      port: 0,
      host: '127.0.0.1',
    });
    server = await TestServer.start('verify_witnesses', {
      GONGZHI_CHECKPOINT_EVERY: '1000',
      GONGZHI_CHECKPOINT_SECONDS: '1',
      GONGZHI_TOKEN_TTL_SECONDS: YEAR_SECONDS,
      GONGZHI_LOG_ORIGIN: ORIGIN,
      GONGZHI_LOG_SIGNING_KEY: logPem.replace(/\n/g, '\\n'),
      GONGZHI_WITNESSES: `${witness.vkey}=${witness.url}`,
    });
    const vote = await openSurvey(server, ['O1', 'O2']);
    cid = vote.communityId;
    const receipt = await castBallot(server, vote.resolution, vote.ownerTokens.O1, 'FOR');
    genuine = await cosignedExport(vote.admin, receipt.position);
    events = JSON.parse(genuine.split('\n')[0]).treeSize;
  });
  afterAll(async () => {
    await server?.stop();
    await witness?.close();
    rmSync(witnessDir, { recursive: true, force: true });
  });

  it('passes the export the witness cosigned, and says so in its closing line (exit 0)', async () => {
    const { code, out } = await runVerify(genuine, {
      key: logVkey,
      args: ['--witness', witness.vkey, '--witnesses', '1'],
    });
    expect(out).toMatch(/^witness cosignatures\s+1\s+OK$/m);
    expect(out).toMatch(
      new RegExp(
        `^verified with the pinned key [0-9a-f]{64}: all ${events} events are under its checkpoint of ${events} leaves .*; that checkpoint is cosigned by jiedao\\.test/witness \\(1 of the named witnesses jiedao\\.test/witness required\\)$`,
        'm',
      ),
    );
    expect(code).toBe(0);
  });

  it('refuses it when the named witnesses are not the ones that cosigned: one required, none there (exit 1)', async () => {
    const other = ed25519Cosigner('other-office.test/witness', generateKeyPairSync('ed25519').privateKey);
    const { code, out } = await runVerify(genuine, {
      key: logVkey,
      args: ['--witness', other.vkey, '--witnesses', '1'],
    });
    expect(out).toMatch(
      new RegExp(
        `\\[witness cosignatures\\] checkpoint of ${events} leaves: the last checkpoint \\(root [0-9a-f]{64}, [^)]+\\) is cosigned by 0 of the named witnesses \\(other-office\\.test/witness\\); 1 required: no street office vouches for this history as the log showed it to them`,
      ),
    );
    expect(out).toMatch(
      /\[signed coverage\] bundle: none of its \d+ events is covered: no checkpoint that holds is signed by the pinned key [0-9a-f]{64} and cosigned by 1 of the named witnesses/,
    );
    expect(code).toBe(1);
  });

  it('refuses a fork the server signed with its own key, which the witness never saw (exit 1)', async () => {
    const fork = resignBundle(genuine, logPem, (e) => {
      if (e.type === 'BallotCast') e.data.castAt = new Date(Date.parse(e.data.castAt) + 1000).toISOString();
    });
    const alone = await runVerify(fork, { key: logVkey });
    expect(alone.code).toBe(0); // without a witness, a split view passes alone
    const { code, out } = await runVerify(fork, { key: logVkey, args: ['--witness', witness.vkey] });
    expect(out).toContain('is cosigned by 0 of the named witnesses (jiedao.test/witness); 1 required');
    expect(code).toBe(1);
  });

  it('refuses a fork that carries the genuine cosignature lines: they do not hold over another root (exit 1)', async () => {
    const genuineNote = JSON.parse(genuine.trim().split('\n').at(-2)!).note as string;
    const witnessLines = parseNote(genuineNote)
      .signatures.filter((s) => s.name === 'jiedao.test/witness')
      .map((s) => s.line);
    expect(witnessLines).toHaveLength(1);
    const forked = resignBundle(genuine, logPem, (e) => {
      if (e.type === 'BallotCast') e.data.castAt = new Date(Date.parse(e.data.castAt) + 1000).toISOString();
    })
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const last = forked.at(-2);
    last.note = `${last.note}${witnessLines.map((l) => `${l}\n`).join('')}`;
    const { code, out } = await runVerify(`${forked.map((l) => JSON.stringify(l)).join('\n')}\n`, {
      key: logVkey,
      args: ['--witness', witness.vkey],
    });
    expect(out).toContain(
      `[witness cosignatures] checkpoint of ${events} leaves: it carries a cosignature in the name of witness jiedao.test/witness that does not hold under that witness's key: it was forged or altered`,
    );
    expect(code).toBe(1);
  });
});
