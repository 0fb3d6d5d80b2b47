import type { EventStore } from '@gongzhi/event-store/event-store.js';
import { PostgresEventStore } from '@gongzhi/event-store/postgres/postgres-event-store.js';
import { installEventStoreSchema } from '@gongzhi/event-store/postgres/schema.js';
import { resolutionStream, type ResolutionEvent } from '@gongzhi/domain/voting/resolution.events.js';
import { resolutionDecider, tallyOfEvents } from '@gongzhi/domain/voting/resolution.js';
import { jimenliOwners, jimenliUnits, jimenliUnitsCsv } from '../test/support/jimenli.js';
import { communityWithCommittee, type TestServer } from '../test/support/test-server.js';
import { ok, openVote, type ResolutionClosed } from './support/bench-server.js';
import { generatedVote } from './support/generated-vote.js';
import { alternate, progress } from './support/measure.js';
import { profiled } from './support/profile.js';
import { figure, type Figure } from './support/report.js';

const APPEND_CHUNK = 5000;

/**
 * The tally from the store alone (rule 13's recount, and what a close does on a cold cache): read the
 * resolution's stream, fold it, count. Against reading the same events and doing nothing with them.
 */
async function tallyFigure(
  store: EventStore,
  id: string,
  name: string,
  streamId: string,
  rounds: number,
): Promise<Figure> {
  let heads = 0;
  let events = 0;
  const {
    a: tallyMs,
    b: readMs,
    aRuns,
    bRuns,
  } = await alternate(
    rounds,
    async () => {
      const read = await store.readStream(streamId);
      heads = tallyOfEvents(read as unknown as ResolutionEvent[]).participated.heads;
    },
    async () => {
      events = (await store.readStream(streamId)).length;
    },
  );
  return figure({
    id,
    name,
    value: tallyMs,
    unit: 'ms',
    baseline: { name: 'reading the same events', value: readMs },
    goal: { ratio: 2, direction: 'below', source: 'issue 8' },
    details: { events, participatedHeads: heads, rounds, tallyRunsMs: aRuns, readRunsMs: bRuns },
  });
}

/**
 * Figure 3c: a cold start of the stream (no cached state), as the server's first ballot on it after a
 * restart: read the stream, fold it with the decider, decide one more ballot. Against reading it once.
 */
async function coldDecideFigure(store: EventStore, streamId: string, heads: number, rounds: number): Promise<Figure> {
  let decided = 0;
  const {
    a: coldMs,
    b: readMs,
    aRuns,
    bRuns,
  } = await alternate(
    rounds,
    async () => {
      const read = (await store.readStream(streamId)) as unknown as ResolutionEvent[];
      let state = resolutionDecider.initialState();
      for (const event of read) state = resolutionDecider.evolve(state, event);
      const voter = read.find((e) => e.type === 'BallotCast')!.data as { ownerId: string };
      decided = resolutionDecider.decide(
        {
          type: 'CastBallot',
          data: { ownerId: voter.ownerId, choice: 'FOR', channel: 'ONLINE', castBy: 'bench', now: COLD_BALLOT_AT },
        },
        state,
      ).length;
    },
    async () => {
      await store.readStream(streamId);
    },
  );
  if (decided !== 1) throw new Error(`the cold ballot decided ${decided} events, not 1`);
  return figure({
    id: '3c',
    name: `cold start: the next ballot on a stream of ${heads.toLocaleString('en')} ballots, no cached state`,
    value: coldMs,
    unit: 'ms',
    baseline: { name: 'reading the same stream once', value: readMs },
    goal: { ratio: 2, direction: 'below', source: 'issue 17' },
    details: { rounds, coldRunsMs: aRuns, readRunsMs: bRuns },
  });
}

/** Before the generated vote closes (generated-vote.ts). */
const COLD_BALLOT_AT = new Date('2026-01-19T09:00:00+08:00');

/** Figure 3a: the jimenli roster registered and voted through HTTP, every voter by paper ballot. */
export async function jimenliTallyBench(
  server: TestServer,
): Promise<{ figure: Figure; cid: string; closedAt: string }> {
  const { communityId: cid, committee } = await communityWithCommittee(server, '蓟门里', 'CN-CIVIL-CODE-2021');
  const options = { token: committee };
  await ok('owners', server.post<unknown>(`/api/v1/communities/${cid}/owners`, jimenliOwners(), options));
  await ok(
    'units',
    server.request<unknown>('POST', `/api/v1/communities/${cid}/units:import`, {
      ...options,
      raw: { contentType: 'text/csv', text: jimenliUnitsCsv() },
    }),
  );
  const { rid, path, opened } = await openVote(server, cid, committee, '架空线缆整治');
  if (opened.eligible?.heads !== 2844)
    throw new Error(`the jimenli roster opened with ${opened.eligible?.heads} heads, not 2844`);
  const representatives = [...new Set(jimenliUnits().map((u) => u.representativeId))].sort();
  const choices = ['FOR', 'FOR', 'AGAINST', 'ABSTAIN'];
  const ballots = representatives.map((ownerId, i) => ({
    ownerId,
    choice: choices[i % choices.length],
    evidenceSha256: 'e'.repeat(64),
  }));
  for (let i = 0; i < ballots.length; i += 1000)
    await ok('paper ballots', server.post<unknown>(`${path}/paper-ballots`, ballots.slice(i, i + 1000), options));

  const store = new PostgresEventStore(server.databaseUrl);
  try {
    const result = await tallyFigure(
      store,
      '3a',
      'tally of 2,844 voters (jimenli, paper ballots via HTTP)',
      resolutionStream(rid),
      7,
    );
    if (result.details!.participatedHeads !== 2844)
      throw new Error(`the jimenli tally counted ${String(result.details!.participatedHeads)} heads`);
    // Closed, so the export holds a recorded tally for `gongzhi verify` to re-derive.
    server.clock.set('2026-12-31T09:00:00+08:00');
    const closed = await ok('close', server.post<ResolutionClosed>(`${path}/close`, undefined, options));
    return { figure: result, cid, closedAt: closed.position };
  } finally {
    await store.close();
  }
}

/** Figure 3b: 100,000 generated voters, each with one online ballot, in a database of their own. */
export async function generatedTallyBench(
  databaseUrl: string,
  heads = Number(process.env.BENCH_TALLY_VOTERS ?? 100_000),
): Promise<Figure[]> {
  const store = new PostgresEventStore(databaseUrl);
  try {
    await installEventStoreSchema(store.pool);
    const { streamId, events } = generatedVote(heads);
    progress(
      `  writing a vote of ${heads.toLocaleString('en')} generated voters (${events.length.toLocaleString('en')} events)`,
    );
    let revision: number | null = null;
    for (let i = 0; i < events.length; i += APPEND_CHUNK) {
      const result = await store.append(streamId, events.slice(i, i + APPEND_CHUNK), {
        expectedRevision: revision === null ? 'no_stream' : revision,
      });
      revision = result.nextExpectedRevision;
    }
    await store.pool.query('VACUUM ANALYZE events');
    await profiled('tally', async () =>
      tallyOfEvents((await store.readStream(streamId)) as unknown as ResolutionEvent[]),
    );
    const result = await tallyFigure(
      store,
      '3b',
      `tally of ${heads.toLocaleString('en')} generated voters (online ballots)`,
      streamId,
      3,
    );
    if (result.details!.participatedHeads !== heads)
      throw new Error(`the generated tally counted ${String(result.details!.participatedHeads)} heads`);
    return [result, await coldDecideFigure(store, streamId, heads, 3)];
  } finally {
    await store.close();
  }
}
