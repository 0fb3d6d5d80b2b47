import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../../libs/event-store/event-store.js';
import { CommitteeProjection } from '../../src/elections/projections/committee.projection.js';
import { ProjectionRegistry } from '../../src/platform/projections/projection-registry.js';

/** One row per community, as elections_committee_views keeps it; enough SQL for the projection's two statements. */
function fakeDb() {
  const rows = new Map<string, { view: unknown; last_position: string }>();
  const db = {
    async query(sql: string, params: unknown[]) {
      if (sql.startsWith('SELECT')) {
        const row = rows.get(params[0] as string);
        return row ? [row] : [];
      }
      rows.set(params[0] as string, { view: JSON.parse(params[2] as string), last_position: params[3] as string });
      return [];
    },
  };
  return { rows, db: db as unknown as EntityManager };
}

const recorded = (position: bigint, type: string, data: unknown): RecordedEvent =>
  ({
    eventId: `e${position}`,
    streamId: 'community-c1',
    revision: Number(position),
    position,
    recordedAt: new Date(),
    type,
    data,
    metadata: { communityId: 'c1', actor: { id: 'a', role: 'regulator' }, commandId: 'x', correlationId: 'x', causationId: 'x', occurredAt: '2026-01-01T00:00:00.000Z' },
  }) as RecordedEvent;

describe('the committee projection', () => {
  it('is idempotent: the same event applied twice leaves the view as applying it once', async () => {
    const projection = new CommitteeProjection(new ProjectionRegistry());
    const { rows, db } = fakeDb();
    const registered = recorded(1n, 'CommunityRegistered', { communityId: 'c1', name: '蓟门里', district: '海淀区', street: null, rulebook: 'CN-BEIJING-2020', rulebookVersion: '1.0.0' });
    const appointed = recorded(2n, 'ManagingBodyAppointed', { kind: 'PMC', members: [{ memberId: 'm1', name: '主任', role: 'CHAIR_RESIDENTS_COMMITTEE' }], appointedAt: '2026-01-01T00:00:00.000Z' });
    await projection.apply(registered, db);
    await projection.apply(appointed, db);
    const once = structuredClone(rows.get('c1'));
    await projection.apply(appointed, db);
    await projection.apply(registered, db);
    expect(rows.get('c1')).toEqual(once);
    expect((once!.view as { history: unknown[] }).history).toHaveLength(1);
  });
});
