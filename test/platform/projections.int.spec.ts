import { DataSource } from 'typeorm';
import { rebuildProjections } from '../../src/cli/rebuild-projections.js';
import { readConfig } from '../../src/platform/config/app-config.js';
import type { EventStore, RecordedEvent } from '@gongzhi/event-store/event-store.js';
import { BatchApplier, StaleReaderError } from '../../src/platform/projections/batch-applier.js';
import { ProjectionRegistry } from '../../src/platform/projections/projection-registry.js';
import { EVENT_STORE } from '../../src/platform/event-sourcing/event-sourcing.service.js';
import { smallCommunity } from '../support/small-community.js';
import { createTestDatabase } from '../support/database.js';
import { TestServer } from '../support/test-server.js';

const READ_MODELS = [
  'registry_communities',
  'registry_owners',
  'registry_units',
  'voting_resolutions',
  'voting_voters',
  'voting_ballots',
];

async function snapshot(db: DataSource) {
  const tables: Record<string, unknown[]> = {};
  for (const table of READ_MODELS) tables[table] = await db.query(`SELECT * FROM ${table} ORDER BY 1, 2`);
  return tables;
}

describe('the projection runner: exactly once, resumable, rebuildable', () => {
  let database: { url: string; drop(): Promise<void> };
  let server: TestServer;
  let db: DataSource;
  let lastPosition: string;

  beforeAll(async () => {
    database = await createTestDatabase('projections');
    server = await TestServer.startOn(database.url);
    const { communityId, committee, ownerTokens } = await smallCommunity(server, ['O1'], 'CN-CIVIL-CODE-2021');
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
    const base = `/api/v1/communities/${communityId}/resolutions/${drafted.body.id}`;
    await server.post(`${base}/post`, undefined, { token: committee });
    await server.post(`${base}/open`, undefined, { token: committee });
    const ballot = await server.post(`${base}/ballots`, { choice: 'FOR' }, { token: ownerTokens.O1 });
    lastPosition = ballot.body.receipt.position;
    await server.get(`/api/v1/communities/${communityId}?after=${lastPosition}`);
    db = server.app.get(DataSource);
  });
  afterAll(async () => {
    await server.stopKeepingDatabase();
    await database.drop();
  });

  it('refuses a batch that does not start where the checkpoint stands, so nothing is applied twice', async () => {
    const applier = server.app.get(BatchApplier);
    const checkpoint = await applier.checkpoint();
    const before = await snapshot(db);
    const replay = [{ type: 'OwnersRegistered', position: checkpoint + 1n } as unknown as RecordedEvent];
    await expect(applier.apply(0n, replay)).rejects.toBeInstanceOf(StaleReaderError);
    expect(await snapshot(db)).toEqual(before);
    expect(await applier.checkpoint()).toBe(checkpoint);
  });

  it('applies nothing of a batch whose database connection is lost half way, and keeps the checkpoint where it was', async () => {
    await db.query('CREATE TABLE crash_probe (n int)');
    const registry = new ProjectionRegistry();
    let seen = 0;
    registry.register({
      name: 'crashing',
      tables: ['crash_probe'],
      eventTypes: ['Probe'],
      apply: async (_event, manager) => {
        // What node-postgres reports when the database ends the session: the batch's fault, not the event's.
        if (++seen === 3) throw new Error('Connection terminated unexpectedly (killed mid-batch)');
        await manager.query('INSERT INTO crash_probe VALUES ($1)', [seen]);
      },
    });
    const applier = new BatchApplier(db, registry);
    const checkpoint = await applier.checkpoint();
    const batch = [1n, 2n, 3n].map((n) => ({ type: 'Probe', position: checkpoint + n }) as unknown as RecordedEvent);
    await expect(applier.apply(checkpoint, batch)).rejects.toThrow('killed mid-batch');
    expect(await db.query('SELECT * FROM crash_probe')).toEqual([]);
    expect(await applier.checkpoint()).toBe(checkpoint);
    await db.query('DROP TABLE crash_probe');
  });

  it('rebuilds every read model from zero to exactly what it was (gongzhi projections rebuild)', async () => {
    const before = await snapshot(db);
    const config = readConfig({ DATABASE_URL: server.databaseUrl, GONGZHI_KEY_DIR: server.keyDir, LOG_LEVEL: 'error' });
    const { events } = await rebuildProjections(config);
    expect(events).toBeGreaterThan(5);
    await server.get(`/api/v1/communities?after=${lastPosition}`);
    expect(await snapshot(db)).toEqual(before);
  });

  it('serves the old rows to other sessions while a rebuild is under way, and the rebuilt ones after its commit', async () => {
    const applier = server.app.get(BatchApplier);
    const store = server.app.get<EventStore>(EVENT_STORE);
    const before = await snapshot(db);
    let halfWay!: () => void;
    const reachedHalfWay = new Promise<void>((resolve) => (halfWay = resolve));
    let goOn!: () => void;
    const held = new Promise<void>((resolve) => (goOn = resolve));
    const rebuild = applier.rebuild(async (from) => {
      if (from > 0n) {
        halfWay();
        await held;
      }
      return store.readAll({ fromPosition: from, maxCount: 3 });
    });
    await reachedHalfWay;
    // Another session, while the rebuild's transaction empties and refills the tables: the old rows.
    expect(await snapshot(db)).toEqual(before);
    goOn();
    await rebuild;
    expect(await snapshot(db)).toEqual(before);
  });

  it('catches up after a restart with what was written while no runner was running', async () => {
    await server.stopKeepingDatabase();
    // A second process with its runner switched off writes; the read models fall behind.
    const writer = await TestServer.startOn(database.url, { GONGZHI_PROJECTIONS: 'off', GONGZHI_AFTER_WAIT_MS: '300' });
    const admin = await writer.signIn('admin', 'admin-secret-for-tests');
    const created = await writer.post(
      '/api/v1/communities',
      { name: '后来者', district: '海淀区', rulebook: 'CN-CIVIL-CODE-2021' },
      { token: admin },
    );
    const behind = await writer.get(`/api/v1/communities?after=${created.body.position}`, { headers: {} });
    await writer.stopKeepingDatabase();
    expect(behind.status).toBe(503);
    server = await TestServer.startOn(database.url);
    const caughtUp = await server.get(`/api/v1/communities/${created.body.id}?after=${created.body.position}`);
    expect(caughtUp.status).toBe(200);
    expect(caughtUp.body.name).toBe('后来者');
    db = server.app.get(DataSource);
  });
});
