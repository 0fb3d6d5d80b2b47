import { DataSource } from 'typeorm';
import type { EventStore, RecordedEvent } from '@gongzhi/event-store/event-store.js';
import { EVENT_STORE } from '../../src/platform/event-sourcing/event-sourcing.service.js';
import { BatchApplier } from '../../src/platform/projections/batch-applier.js';
import { writeCheckpoint } from '../../src/platform/projections/projection-checkpoint.js';
import { ProjectionRegistry } from '../../src/platform/projections/projection-registry.js';
import { RegistryProjection } from '../../src/registry/projections/registry.projection.js';
import { send } from '../hostile/support/raw-http.js';
import { validRequest } from '../hostile/support/fuzz.js';
import { RECIPES, tokenFor } from '../hostile/support/recipes.js';
import { World } from '../hostile/support/world.js';

/**
 * Issue 18: every projection, applied a second time to the events it has already applied, leaves
 * every read-model table as it was. The history is the hostile suite's: a valid request for every
 * write route of the API (roster, votes and ballots, an election and its filing, both funds' entries
 * and reversals, statements, residents' requests and the property company's contract), sent to the
 * real server; the second application goes through the BatchApplier's own apply path.
 */
describe('every projection applied twice to the same events gives the same tables', () => {
  let world: World;
  let db: DataSource;
  let applier: BatchApplier;
  let store: EventStore;
  let tables: string[];
  let accepted = 0;

  /** Each read model's rows as text, in one order whatever order they were written in. */
  async function dump(): Promise<Record<string, string[]>> {
    const dumped: Record<string, string[]> = {};
    for (const table of tables) {
      const rows: { row: string }[] = await db.query(`SELECT r::text AS row FROM "${table}" AS r ORDER BY r::text`);
      dumped[table] = rows.map((r) => r.row);
    }
    return dumped;
  }

  /** Sets the checkpoint back to zero and applies every event again, `batch` events to a transaction. */
  async function applyAgain(batch: number): Promise<number> {
    await writeCheckpoint(db.manager, 0n);
    let from = 0n;
    let applied = 0;
    for (
      let events = await store.readAll({ fromPosition: from, maxCount: batch });
      events.length > 0;
      events = await store.readAll({ fromPosition: from, maxCount: batch })
    ) {
      from = await applier.apply(from, events);
      applied += events.length;
    }
    return applied;
  }

  beforeAll(async () => {
    // No checkpoint timer: a checkpoint signed between the two dumps would change a log head ("unsigned since").
    world = await World.build('projections-idempotent', { GONGZHI_CHECKPOINT_SECONDS: String(365 * 24 * 3600) });
    for (const [route, recipe] of Object.entries(RECIPES)) {
      const prepared = await recipe.prepare(world, world.A);
      const answer = await send(
        world.server.baseUrl,
        validRequest(route, prepared, tokenFor(world, recipe, world.A, prepared)),
      );
      if (answer.status >= 200 && answer.status < 300) accepted++;
      await recipe.settle?.(world);
    }
    await world.caughtUp();
    db = world.server.app.get(DataSource);
    applier = world.server.app.get(BatchApplier);
    store = world.server.app.get<EventStore>(EVENT_STORE);
    tables = world.server.app.get(ProjectionRegistry).tables();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('has a history that touches every read model', async () => {
    expect(accepted).toBeGreaterThan(Object.keys(RECIPES).length / 2);
    const empty: string[] = [];
    for (const table of tables) {
      const [{ n }]: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM "${table}"`);
      if (n === 0) empty.push(table);
    }
    expect(empty).toEqual([]);
  });

  it('leaves every table as it was when the events are applied again in batches (the fast path)', async () => {
    const before = await dump();
    const head = await applier.checkpoint();
    expect(await applyAgain(500)).toBeGreaterThan(100);
    expect(await applier.failures.list()).toEqual([]);
    expect(await applier.checkpoint()).toBe(head);
    expect(await dump()).toEqual(before);
  });

  it('leaves every table as it was when the events are applied again one at a time (the fallback path)', async () => {
    const before = await dump();
    await applyAgain(1);
    expect(await applier.failures.list()).toEqual([]);
    expect(await dump()).toEqual(before);
  });

  it("adds a by-election's elected to the committee once, however often its filing is applied (a hand-made event: the history holds no by-election)", async () => {
    const [filed]: { community_id: string; members: { memberId: string }[] }[] = await db.query(
      `SELECT community_id, managing_body->'members' AS members FROM registry_communities
       WHERE managing_body->>'kind' = 'COMMITTEE' LIMIT 1`,
    );
    expect(filed).toBeDefined();
    const byElection = {
      type: 'ByElectionFiled',
      data: { joined: [{ candidateId: 'C9', ownerId: 'O9', name: '补选委员' }] },
      metadata: { communityId: filed.community_id },
    } as unknown as RecordedEvent;
    const projection = world.server.app.get(RegistryProjection);
    // In a transaction rolled back: the hand-made event leaves the read models as the events made them.
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    let members: string[];
    try {
      await projection.apply(byElection, runner.manager);
      await projection.apply(byElection, runner.manager);
      const [row]: { members: { memberId: string }[] }[] = await runner.query(
        `SELECT managing_body->'members' AS members FROM registry_communities WHERE community_id = $1`,
        [filed.community_id],
      );
      members = row.members.map((m) => m.memberId);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(members).toEqual([...filed.members.map((m) => m.memberId), 'O9']);
  });
});
