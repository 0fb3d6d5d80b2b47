import pg from 'pg';
import { liveBallotsSql } from '../../src/platform/database/live-ballots.js';
import { createTestDatabase } from '../support/database.js';

interface Ballot {
  eventId: string;
  voterIds: string[];
  channel: 'ONLINE' | 'PAPER' | 'PROXY';
  late?: boolean;
}

/** The one SQL form of rules 9, 10 and 12 that the read sides of votes and elections both query, on PostgreSQL. */
describe('the live-ballot rule in SQL', () => {
  let database: { url: string; drop(): Promise<void> };
  let db: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase('live_ballots');
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    await db.query(`CREATE TABLE ballots (vote_id text NOT NULL, event_id text NOT NULL, voter_ids text[] NOT NULL,
                    channel text NOT NULL, position bigint NOT NULL, late boolean NOT NULL)`);
  });
  afterAll(async () => {
    await db.end();
    await database.drop();
  });

  /** Records the ballots of a vote in the order given (their positions rising) and answers voter → counted ballot. */
  async function counted(voteId: string, ballots: Ballot[]): Promise<Record<string, string>> {
    for (const [index, b] of ballots.entries())
      await db.query('INSERT INTO ballots VALUES ($1, $2, $3, $4, $5, $6)', [
        voteId,
        b.eventId,
        b.voterIds,
        b.channel,
        index + 1,
        b.late ?? false,
      ]);
    const { rows } = await db.query<{ voter_id: string; event_id: string }>(
      liveBallotsSql({ table: 'ballots', voteColumn: 'vote_id', columns: ['event_id'] }),
      [voteId],
    );
    return Object.fromEntries(rows.map((row) => [row.voter_id, row.event_id]));
  }

  it("counts a voter's own latest ballot, online or on paper (rule 9)", async () => {
    expect(
      await counted('own-latest', [
        { eventId: 'online', voterIds: ['V1'], channel: 'ONLINE' },
        { eventId: 'paper', voterIds: ['V1'], channel: 'PAPER' },
        { eventId: 'other', voterIds: ['V2'], channel: 'ONLINE' },
      ]),
    ).toEqual({ V1: 'paper', V2: 'other' });
  });

  it("counts the voter's own ballot over a later proxy ballot, and a proxy ballot only where there is no own (rule 10)", async () => {
    expect(
      await counted('own-beats-proxy', [
        { eventId: 'own', voterIds: ['V1'], channel: 'ONLINE' },
        { eventId: 'proxy-later', voterIds: ['V1'], channel: 'PROXY' },
        { eventId: 'proxy-1', voterIds: ['V2'], channel: 'PROXY' },
        { eventId: 'proxy-2', voterIds: ['V2'], channel: 'PROXY' },
      ]),
    ).toEqual({ V1: 'own', V2: 'proxy-2' });
  });

  it('never counts a late ballot (rule 12), and counts a ballot for each voter it speaks for', async () => {
    expect(
      await counted('late-and-shared', [
        { eventId: 'both', voterIds: ['V1', 'V2'], channel: 'PAPER' },
        { eventId: 'late', voterIds: ['V1'], channel: 'ONLINE', late: true },
        { eventId: 'late-only', voterIds: ['V3'], channel: 'ONLINE', late: true },
      ]),
    ).toEqual({ V1: 'both', V2: 'both' });
  });

  it("counts an election's latest ballot per voter, an election having no proxy ballots", async () => {
    expect(
      await counted('election', [
        { eventId: 'first', voterIds: ['V1'], channel: 'PAPER' },
        { eventId: 'second', voterIds: ['V1'], channel: 'ONLINE' },
      ]),
    ).toEqual({ V1: 'second' });
  });
});
