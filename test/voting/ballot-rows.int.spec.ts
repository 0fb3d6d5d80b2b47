import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { RecordedEvent } from '@gongzhi/event-store/event-store.js';
import { arrayLiteral, VotingProjection } from '../../src/voting/projections/voting.projection.js';
import { TestServer } from '../support/test-server.js';

/** Rolls the transaction back after `work`: these rows are for reading back, not for the server. */
class RolledBack extends Error {}

/**
 * Issue 17: a run of ballots is written as typed arrays, the ballot's own arrays (voter ids, ranking) as
 * array literals. Whatever characters an id holds, the row must hold exactly the id.
 */
describe('the voting projection writes ballot rows exactly', () => {
  let server: TestServer;
  let db: DataSource;
  let projection: VotingProjection;

  beforeAll(async () => {
    server = await TestServer.start('ballot-rows');
    db = server.app.get(DataSource);
    projection = server.app.get(VotingProjection);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const awkward = ['a,b', 'q"u"o', 'back\\slash', 'NULL', ' spaced ', '{braced}', '', '蓟门里 3-2-101', "it's"];

  function ballot(type: 'BallotCast' | 'LateBallotRecorded', data: Record<string, unknown>, position: bigint) {
    const event: RecordedEvent = {
      eventId: randomUUID(),
      type,
      data,
      metadata: {
        communityId: 'community-rows',
        actor: { id: 'committee', role: 'COMMITTEE' },
        commandId: randomUUID(),
        correlationId: randomUUID(),
        causationId: randomUUID(),
        occurredAt: '2026-01-05T01:30:00.000Z',
      },
      streamId: 'resolution-rows',
      revision: Number(position),
      position,
      recordedAt: new Date(),
    };
    return event;
  }

  /** Live: applied twice (the runner after a crash), one event still one row. Fresh: a rebuild's one application. */
  async function written(events: RecordedEvent[], fresh = false): Promise<Record<string, unknown>[]> {
    let rows: Record<string, unknown>[] = [];
    await db
      .transaction(async (manager) => {
        await projection.applyBatch(events, manager, { fresh });
        if (!fresh) await projection.applyBatch(events, manager, { fresh });
        rows = await manager.query(
          `SELECT event_id, resolution_id, community_id, position::text, owner_id, voter_ids, choice, ranking, channel, cast_by,
                  proxy_owner_id, evidence_sha256, cast_at, late, activated_by
           FROM voting_ballots WHERE community_id = 'community-rows' ORDER BY position`,
        );
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
    return rows;
  }

  it('keeps ids with commas, quotes, backslashes, braces, spaces and the word NULL as they are', async () => {
    const events = [
      ballot(
        'BallotCast',
        {
          ownerId: 'O"1',
          voterIds: awkward,
          choice: 'FOR',
          ranking: [...awkward].reverse(),
          channel: 'ONLINE',
          castBy: 'acc,1',
          proxyOwnerId: null,
          evidenceSha256: null,
          castAt: '2026-01-05T09:30:00+08:00',
          activatedBy: 'committee\\1',
        },
        10n,
      ),
      ballot(
        'LateBallotRecorded',
        {
          ownerId: 'O2',
          voterIds: [],
          choice: 'AGAINST',
          channel: 'PAPER',
          castBy: 'committee',
          proxyOwnerId: 'P1',
          evidenceSha256: 'e'.repeat(64),
          castAt: '2026-01-06T10:00:00Z',
          reason: 'RESOLUTION_CLOSED',
        },
        11n,
      ),
    ];
    const rows = await written(events);
    // A rebuild writes them without ON CONFLICT: the same rows.
    expect(await written(events, true)).toEqual(rows);
    expect(rows).toEqual([
      {
        event_id: events[0].eventId,
        resolution_id: 'rows',
        community_id: 'community-rows',
        position: '10',
        owner_id: 'O"1',
        voter_ids: awkward,
        choice: 'FOR',
        ranking: [...awkward].reverse(),
        channel: 'ONLINE',
        cast_by: 'acc,1',
        proxy_owner_id: null,
        evidence_sha256: null,
        cast_at: new Date('2026-01-05T01:30:00Z'),
        late: false,
        activated_by: 'committee\\1',
      },
      {
        event_id: events[1].eventId,
        resolution_id: 'rows',
        community_id: 'community-rows',
        position: '11',
        owner_id: 'O2',
        voter_ids: [],
        choice: 'AGAINST',
        ranking: null,
        channel: 'PAPER',
        cast_by: 'committee',
        proxy_owner_id: 'P1',
        evidence_sha256: 'e'.repeat(64),
        cast_at: new Date('2026-01-06T10:00:00Z'),
        late: true,
        activated_by: null,
      },
    ]);
  });

  it('refuses a ballot whose voter ids are not strings, as the event is malformed', async () => {
    const malformed = ballot(
      'BallotCast',
      {
        ownerId: 'O3',
        voterIds: ['V1', 7],
        choice: 'FOR',
        channel: 'ONLINE',
        castBy: 'O3',
        proxyOwnerId: null,
        evidenceSha256: null,
        castAt: '2026-01-05T09:30:00+08:00',
      },
      12n,
    );
    await expect(written([malformed])).rejects.toThrow('not a string');
  });

  it('writes an array literal that PostgreSQL reads back as the same array', async () => {
    expect(arrayLiteral(['a', 'b"c', 'd\\e'])).toBe('{"a","b\\"c","d\\\\e"}');
    const [{ back }]: { back: string[] }[] = await db.query('SELECT $1::text[] AS back', [arrayLiteral(awkward)]);
    expect(back).toEqual(awkward);
  });
});
