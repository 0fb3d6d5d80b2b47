import type { BundleHeader, BundleLine } from '../../src/transparency/export/bundle-format.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type pg from 'pg';
import { EVENTS_IMMUTABLE_ROW_TRIGGER } from '@gongzhi/event-store/postgres/schema.js';
import { type ProgressPolicy, verifyCommand } from '../../src/cli/verify/verify-command.js';
import { smallCommunity } from '../support/small-community.js';
import type { TestServer } from '../support/test-server.js';

export const YEAR_SECONDS = String(365 * 24 * 3600);

/**
 * A community with the small roster and an open SURVEY vote (CN-CIVIL-CODE-2021 needs no posting
 * period), as the server's clock stands: 2026-01-05 09:00 +08:00.
 */
export async function openSurvey(server: TestServer, voters = ['O1', 'O2', 'O4', 'O5']) {
  const community = await smallCommunity(server, voters, 'CN-CIVIL-CODE-2021');
  const { communityId, committee } = community;
  const drafted = await server.post<{ id: string }>(
    `/api/v1/communities/${communityId}/resolutions`,
    {
      title: '试运行',
      description: '',
      matter: 'SURVEY',
      opensAt: '2026-01-05T09:00:00+08:00',
      closesAt: '2026-01-06T09:00:00+08:00',
    },
    { token: committee },
  );
  if (drafted.status !== 201) throw new Error(drafted.text);
  const resolution = `/api/v1/communities/${communityId}/resolutions/${drafted.body.id}`;
  for (const step of ['post', 'open']) {
    const answer = await server.post(`${resolution}/${step}`, undefined, { token: committee });
    if (answer.status !== 200) throw new Error(`${step}: ${answer.text}`);
  }
  return { ...community, resolutionId: drafted.body.id, resolution };
}

export async function castBallot(server: TestServer, resolution: string, token: string, choice: string) {
  const answer = await server.post<{
    receipt: { eventId: string; streamId: string; revision: number; leafHash: string; position: string };
  }>(`${resolution}/ballots`, { choice }, { token });
  if (answer.status !== 201) throw new Error(answer.text);
  return answer.body.receipt;
}

/** Polls until a signed checkpoint covers the event; answers that checkpoint. */
export async function checkpointCovering(server: TestServer, communityId: string, eventId: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const checkpoint = await server.get<{
      communityId: string;
      treeSize: number;
      rootHash: string;
      timestamp: string;
      signature: string;
    }>(`/api/v1/communities/${communityId}/log/checkpoint`);
    if (checkpoint.status === 200) {
      const proof = await server.get<unknown>(
        `/api/v1/communities/${communityId}/log/proofs/inclusion?eventId=${eventId}&treeSize=${checkpoint.body.treeSize}`,
      );
      if (proof.status === 200) return checkpoint.body;
    }
    if (Date.now() > deadline) throw new Error(`no checkpoint covers event ${eventId} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the projections reached `position` and a checkpoint signs the whole log; answers the export. */
export async function signedExport(
  server: TestServer,
  communityId: string,
  token: string,
  position: string,
  timeoutMs = 15_000,
): Promise<string> {
  await server.get<unknown>(`/api/v1/communities/${communityId}?after=${position}`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const bundle = await exportOf(server, communityId, token);
    const lines = bundle
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as BundleLine);
    const { treeSize } = lines[0] as BundleHeader;
    const signedToTheEnd = lines.some((line) => line.record === 'checkpoint' && line.treeSize === treeSize);
    if (signedToTheEnd) return bundle;
    if (Date.now() > deadline)
      throw new Error(`the log of ${communityId} was not signed to its end within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function exportOf(server: TestServer, communityId: string, token: string): Promise<string> {
  // fetch, not server.get: the body is NDJSON, many JSON values, not one.
  const answer = await fetch(`${server.baseUrl}/api/v1/communities/${communityId}/export`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await answer.text();
  if (answer.status !== 200) throw new Error(`export: ${answer.status} ${text}`);
  return text;
}

/** A writable that hands each chunk to `append`: what a command prints, kept for the test to read. */
export function sink(append: (text: string) => void, isTTY = false): NodeJS.WritableStream & { isTTY: boolean } {
  return Object.assign(new Writable({ write: (chunk, _encoding, done) => (append(String(chunk)), done()) }), { isTTY });
}

/** The fingerprint of the server's log key, as a regulator reads it from GET /log/public-key to pin it. */
export async function logKeyFingerprint(server: TestServer): Promise<string> {
  const answer = await server.get<{ fingerprint: string }>('/api/v1/log/public-key');
  if (answer.status !== 200) throw new Error(answer.text);
  return answer.body.fingerprint;
}

export interface VerifyRun {
  /** --key KEY; none: the key is not pinned. */
  key?: string;
  /** More arguments after the bundles (--checkpoint, --witness…). */
  args?: string[];
  stderrIsTTY?: boolean;
  progress?: ProgressPolicy;
}

/**
 * `gongzhi verify <file>… [--key KEY]` on copies of the bundles (named bundle.ndjson, or bundle-1.ndjson,
 * bundle-2.ndjson… for several), through the very function the CLI's `verify` command runs
 * (src/cli.ts → verifyCommand), with stdout and stderr captured. SHOW_VERIFY=1 prints the report.
 */
export async function runVerify(
  bundles: string | string[],
  options: VerifyRun = {},
): Promise<{ code: number; out: string; err: string }> {
  const directory = mkdtempSync(join(tmpdir(), 'gongzhi-verify-'));
  try {
    const texts = typeof bundles === 'string' ? [bundles] : bundles;
    const files = texts.map((text, i) => {
      const file = join(directory, texts.length === 1 ? 'bundle.ndjson' : `bundle-${i + 1}.ndjson`);
      writeFileSync(file, text);
      return file;
    });
    let out = '';
    let err = '';
    const args = [...files, ...(options.key ? ['--key', options.key] : []), ...(options.args ?? [])];
    const code = await verifyCommand(
      args,
      { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s), options.stderrIsTTY) },
      options.progress,
    );
    if (process.env.SHOW_VERIFY) process.stdout.write(out);
    return { code, out, err };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * Changes history behind the server's back, the way an insider with database access could: the
 * immutability trigger is disabled for this one statement and enabled again whatever happens.
 */
export async function tamperWith(db: pg.Client, sql: string, params: unknown[] = []): Promise<void> {
  await db.query(`ALTER TABLE events DISABLE TRIGGER ${EVENTS_IMMUTABLE_ROW_TRIGGER}`);
  try {
    await db.query(sql, params);
  } finally {
    await db.query(`ALTER TABLE events ENABLE TRIGGER ${EVENTS_IMMUTABLE_ROW_TRIGGER}`);
  }
}
