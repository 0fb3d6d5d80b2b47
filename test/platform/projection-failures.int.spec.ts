import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { EventStore, RecordedEvent } from '@gongzhi/event-store/event-store.js';
import { RebuildFailedError, rebuildProjections } from '../../src/cli/rebuild-projections.js';
import { readConfig } from '../../src/platform/config/app-config.js';
import { EVENT_STORE } from '../../src/platform/event-sourcing/event-sourcing.service.js';
import { BatchApplier } from '../../src/platform/projections/batch-applier.js';
import { ProjectionRegistry } from '../../src/platform/projections/projection-registry.js';
import { RegistryProjection } from '../../src/registry/projections/registry.projection.js';
import { smallCommunity } from '../support/small-community.js';
import { createTestDatabase } from '../support/database.js';
import { ADMIN, TestServer } from '../support/test-server.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(
  what: string,
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}; last: ${JSON.stringify(value)}`);
    await sleep(50);
  }
}

/** A community with the small roster and an open survey, for ballots that project into voting_ballots. */
async function communityVoting(server: TestServer) {
  const { communityId, committee, ownerTokens } = await smallCommunity(server, ['O1', 'O4'], 'CN-CIVIL-CODE-2021');
  const drafted = await server.post(
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
  const path = `/api/v1/communities/${communityId}/resolutions/${drafted.body.id}`;
  await server.post(`${path}/post`, undefined, { token: committee });
  await server.post(`${path}/open`, undefined, { token: committee });
  return { communityId, resolutionId: drafted.body.id as string, path, ownerTokens };
}

describe('a bad event stops only its community; a failed rebuild leaves the read models serving', () => {
  let database: { url: string; drop(): Promise<void> };
  let server: TestServer;
  let db: DataSource;
  let store: EventStore;
  let admin: string;
  let healthy: Awaited<ReturnType<typeof communityVoting>>;
  let poisoned: Awaited<ReturnType<typeof communityVoting>>;
  let badPosition: bigint;

  const readModels = () => server.app.get(ProjectionRegistry).tables();
  async function snapshot() {
    const tables: Record<string, unknown[]> = {};
    for (const table of readModels()) tables[table] = await db.query(`SELECT * FROM "${table}" ORDER BY 1, 2`);
    tables.projection_failures = await db.query('SELECT * FROM projection_failures ORDER BY 1');
    tables.projection_checkpoint = await db.query('SELECT position FROM projection_checkpoint');
    return tables;
  }
  const ballotsOf = async (resolutionId: string) =>
    (await db.query('SELECT count(*)::int AS n FROM voting_ballots WHERE resolution_id = $1', [resolutionId]))[0]
      .n as number;
  const vote = async (community: typeof healthy, owner: 'O1' | 'O4', choice = 'FOR') => {
    const cast = await server.post(`${community.path}/ballots`, { choice }, { token: community.ownerTokens[owner] });
    expect(cast.status).toBe(201);
    return cast.body.receipt.position as string;
  };

  beforeAll(async () => {
    database = await createTestDatabase('projection_failures');
    server = await TestServer.startOn(database.url);
    db = server.app.get(DataSource);
    store = server.app.get<EventStore>(EVENT_STORE);
    admin = await server.signIn(ADMIN.login, ADMIN.secret);
    healthy = await communityVoting(server);
    poisoned = await communityVoting(server);
    const position = await vote(healthy, 'O1');
    await vote(poisoned, 'O1');
    await server.get(`/api/v1/communities?after=${position}`);
  });
  afterAll(async () => {
    await server.stopKeepingDatabase();
    await database.drop();
  });

  it('stops only the community of an event its projection cannot apply: the other community’s ballots go on projecting', async () => {
    // A genuinely bad event in the log (say, written by an old version): owners that are not a list.
    const appended = await store.append(
      `registry-bad-${randomUUID()}`,
      [
        {
          eventId: randomUUID(),
          type: 'OwnersRegistered',
          data: { owners: null },
          metadata: {
            communityId: poisoned.communityId,
            actor: { id: 'legacy', role: 'committee' },
            commandId: randomUUID(),
            correlationId: randomUUID(),
            causationId: randomUUID(),
            occurredAt: '2026-01-05T09:30:00+08:00',
          },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    badPosition = appended.position;
    const after = await vote(healthy, 'O4', 'AGAINST');
    await vote(poisoned, 'O4', 'AGAINST');
    expect((await server.get(`/api/v1/communities?after=${after}`)).status).toBe(200);

    expect(await ballotsOf(healthy.resolutionId)).toBe(2);
    expect(await ballotsOf(poisoned.resolutionId)).toBe(1); // its later ballot waits behind the bad event
    // Read-your-writes cannot be kept for the stalled community, and says so; the other's reads wait as ever.
    expect((await server.get(`${healthy.path}?after=${after}`, { token: healthy.ownerTokens.O1 })).status).toBe(200);
    const stale = await server.get(`${poisoned.path}?after=${after}`, { token: poisoned.ownerTokens.O1 });
    expect(stale).toMatchObject({ status: 503, body: { code: 'PROJECTION_STALLED' } });

    const ready = await server.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.projections.caughtUp).toBe(true);
    expect(ready.body.projections.degraded).toEqual([
      expect.objectContaining({
        communityId: poisoned.communityId,
        position: badPosition.toString(),
        eventType: 'OwnersRegistered',
        projection: 'registry',
        error: expect.any(String),
      }),
    ]);

    const district = await server.get('/api/v1/regulator/communities', { token: admin });
    expect(district.status).toBe(200);
    const row = (id: string) => district.body.communities.find((c: { communityId: string }) => c.communityId === id);
    expect(row(poisoned.communityId).readModelsStalled).toEqual({
      since: expect.any(String),
      atPosition: badPosition.toString(),
      eventType: 'OwnersRegistered',
    });
    expect(row(healthy.communityId).readModelsStalled).toBeNull();
  });

  it('leaves every read model answering as before when a rebuild fails on the bad event, and says so', async () => {
    const before = await snapshot();
    const community = await server.get(`/api/v1/communities/${healthy.communityId}`);
    const resolution = await server.get(healthy.path, { token: healthy.ownerTokens.O1 });

    const rebuild = rebuildProjections(readConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'error' }));
    await expect(rebuild).rejects.toBeInstanceOf(RebuildFailedError);
    await expect(rebuild).rejects.toThrow(
      /undone; the read models are as they were.*projection registry cannot apply event OwnersRegistered at position \d+ of community/,
    );

    expect(await snapshot()).toEqual(before);
    expect(await server.get(`/api/v1/communities/${healthy.communityId}`)).toMatchObject({
      status: 200,
      body: community.body,
    });
    expect(await server.get(healthy.path, { token: healthy.ownerTokens.O1 })).toMatchObject({
      status: 200,
      body: resolution.body,
    });
    // The runner goes on after the failed rebuild.
    const after = await vote(healthy, 'O1', 'AGAINST');
    expect((await server.get(`${healthy.path}?after=${after}`, { token: healthy.ownerTokens.O1 })).status).toBe(200);
  });

  it('resumes the stalled community after a fix (test double: the registry projection patched in place to pass over owners that are not a list)', async () => {
    const projection = server.app.get(RegistryProjection);
    const original = projection.applyBatch.bind(projection);
    // The fix a release would ship: a malformed OwnersRegistered registers nobody.
    const malformed = (event: RecordedEvent) =>
      event.type === 'OwnersRegistered' && !Array.isArray((event.data as { owners?: unknown }).owners);
    projection.applyBatch = async (events: readonly RecordedEvent[], manager) =>
      original(
        events.filter((event) => !malformed(event)),
        manager,
      );
    try {
      const applier = server.app.get(BatchApplier);
      const outcome = await applier.resume(poisoned.communityId, (from) =>
        store.readAll({ fromPosition: from, maxCount: 1000 }),
      );
      expect(outcome).toMatchObject({ failure: null });
      expect(outcome!.applied).toBeGreaterThanOrEqual(2); // the bad event and the ballot behind it
      expect(await ballotsOf(poisoned.resolutionId)).toBe(2);
      expect((await server.get('/health/ready')).body.projections.degraded).toEqual([]);
      const after = await vote(poisoned, 'O1', 'ABSTAIN');
      await server.get(`/api/v1/communities?after=${after}`);
      expect(await ballotsOf(poisoned.resolutionId)).toBe(3);
    } finally {
      projection.applyBatch = original;
    }
  });
});

describe('/health/ready and the projections’ lag', () => {
  let database: { url: string; drop(): Promise<void> };
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stopKeepingDatabase();
    await database.drop();
  });

  it('answers 503 PROJECTIONS_BEHIND while the read models lag beyond GONGZHI_READY_MAX_LAG_EVENTS or _SECONDS, and 200 once caught up', async () => {
    database = await createTestDatabase('ready_lag');
    // The writer runs no projections, and no other process does yet: its events wait.
    const writer = await TestServer.startOn(database.url, {
      GONGZHI_PROJECTIONS: 'off',
      GONGZHI_READY_MAX_LAG_EVENTS: '3',
      GONGZHI_READY_MAX_LAG_SECONDS: '5',
    });
    servers.push(writer);
    const admin = await writer.signIn(ADMIN.login, ADMIN.secret);
    const register = (name: string) =>
      writer.post(
        '/api/v1/communities',
        { name, district: '海淀区', rulebook: 'CN-CIVIL-CODE-2021' },
        { token: admin },
      );

    expect((await register('一号院')).status).toBe(201);
    // The store shows an event once every older transaction of the PostgreSQL server has ended (read.ts: the
    // xmin horizon), and the suites beside this one hold transactions of their own: wait for it to show.
    const fresh = await until(
      'the new event waiting for the read models',
      () => writer.get('/health/ready'),
      (answer) => answer.status !== 200 || answer.body.projections.eventsWaiting > 0,
    );
    expect(fresh.status).toBe(200);
    expect(fresh.body.projections).toMatchObject({ caughtUp: false, eventsWaiting: 1 });

    await sleep(6_100);
    const old = await writer.get('/health/ready');
    expect(old.status).toBe(503);
    expect(old.body).toMatchObject({ code: 'PROJECTIONS_BEHIND', details: { projections: { eventsWaiting: 1 } } });
    expect(old.body.details.projections.oldestWaitingSeconds).toBeGreaterThan(5);

    for (const name of ['二号院', '三号院', '四号院']) expect((await register(name)).status).toBe(201);
    const many = await until(
      'four events waiting',
      () => writer.get('/health/ready'),
      (answer) => /more than 3 events/.test(String(answer.body.message)),
    );
    expect(many.status).toBe(503);
    expect(many.body.message).toMatch(/more than 3 events/);

    // A server whose runner is on catches the read models up; the writer is ready again.
    servers.push(await TestServer.startOn(database.url));
    const caughtUp = await until(
      'ready after catching up',
      () => writer.get('/health/ready'),
      (answer) => answer.status === 200,
    );
    expect(caughtUp.body.projections).toMatchObject({ caughtUp: true, eventsWaiting: 0, degraded: [] });
  });
});
