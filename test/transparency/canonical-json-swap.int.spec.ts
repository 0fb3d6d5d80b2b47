import canonicalize from 'canonicalize';
import pg from 'pg';
import { handWrittenCanonicalJson } from '@gongzhi/ledger-log/canonical-json.reference.fixture.js';
import { eventLeafHash } from '@gongzhi/ledger-log/event-leaf.js';
import { toHex } from '@gongzhi/ledger-log/hex.js';
import { hashLeaf } from '@gongzhi/ledger-log/tree-hash.js';
import { putToTheVote } from '../finance/votes.js';
import { communityHistory } from './community-history.js';
import { jimenliOwners, jimenliUnitsCsv } from '../support/jimenli.js';
import { smallCommunity } from '../support/small-community.js';
import { communityWithCommittee, TestServer } from '../support/test-server.js';

interface LoggedEvent {
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: unknown;
  leafHash: string;
}

const encoder = new TextEncoder();

/**
 * The leaves a running server logged for a real history (a roster of 蓟门里 imported from its spreadsheet, a
 * small community's owners activated and two spending votes held), read back from PostgreSQL as the verifier
 * and a rebuild read them: the `canonicalize` package must give each the bytes, and so the leaf hash, it has.
 */
describe('canonicalize gives every logged event of a real history the leaf the server logged', () => {
  let server: TestServer;
  let logged: LoggedEvent[];

  beforeAll(async () => {
    server = await TestServer.start('canonical_json_swap', { GONGZHI_TOKEN_TTL_SECONDS: String(365 * 24 * 3600) });
    const jimenli = await communityWithCommittee(server, '蓟门里');
    const cid = jimenli.communityId;
    expect(
      (await server.post(`/api/v1/communities/${cid}/owners`, jimenliOwners(), { token: jimenli.committee })).status,
    ).toBe(201);
    const roster = await server.request('POST', `/api/v1/communities/${cid}/units:import`, {
      token: jimenli.committee,
      raw: { contentType: 'text/csv', text: jimenliUnitsCsv() },
    });
    expect(roster.status).toBe(201);
    const small = await smallCommunity(server);
    await putToTheVote(server, small.communityId, small.committee, small.ownerTokens, [
      {
        title: '修路：更换“南门”路面',
        matter: 'SPEND_PUBLIC_REVENUE',
        budget: { amount: '5000.00', fund: 'PUBLIC_REVENUE' },
        choice: 'FOR',
      },
      {
        title: '喷泉',
        matter: 'SPEND_PUBLIC_REVENUE',
        budget: { amount: '500.00', fund: 'PUBLIC_REVENUE' },
        choice: 'AGAINST',
      },
    ]);

    const db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    try {
      // The log is a projection behind the writes: a read after the last event waits until it has logged it.
      const { rows: last } = await db.query('SELECT max(position)::text AS position FROM events');
      expect((await server.get(`/api/v1/communities?after=${last[0].position}`)).status).toBe(200);
      const { rows } = await db.query(
        `SELECT e.event_id, e.stream_id, e.revision, e.type, e.data, e.metadata, l.leaf_hash
           FROM log_leaves l JOIN events e ON e.event_id = l.event_id
          WHERE l.community_id = ANY($1) ORDER BY e.position`,
        [[cid, small.communityId]],
      );
      logged = rows.map((row) => ({
        eventId: row.event_id,
        streamId: row.stream_id,
        revision: Number(row.revision),
        type: row.type,
        data: row.data,
        metadata: row.metadata,
        leafHash: row.leaf_hash,
      }));
    } finally {
      await db.end();
    }
  }, 240_000);
  afterAll(() => server.stop());

  it('holds a history worth the name: a whole roster, Chinese text, ballots and closes', () => {
    expect(logged.length).toBeGreaterThan(20);
    expect(Math.max(...logged.map((e) => JSON.stringify(e.data).length))).toBeGreaterThan(10_000);
    expect(logged.map((e) => e.type)).toEqual(expect.arrayContaining(['BallotCast', 'ResolutionClosed']));
    expect(logged.some((e) => /[\u4e00-\u9fff]/.test(JSON.stringify(e.data)))).toBe(true);
  });

  it('writes for each event the same canonical bytes as the hand-written serialiser that logged it', () => {
    const differing = logged.filter((e) => {
      const leaf = {
        eventId: e.eventId,
        streamId: e.streamId,
        revision: e.revision,
        type: e.type,
        data: e.data,
        metadata: e.metadata,
      };
      return canonicalize(leaf) !== handWrittenCanonicalJson(leaf);
    });
    expect(differing.map((e) => e.eventId)).toEqual([]);
  });

  it('gives each event the leaf hash stored in the log, through the library and through the leaf function', () => {
    const differing = logged.filter((e) => {
      const leaf = {
        eventId: e.eventId,
        streamId: e.streamId,
        revision: e.revision,
        type: e.type,
        data: e.data,
        metadata: e.metadata,
      };
      return toHex(hashLeaf(encoder.encode(canonicalize(leaf)))) !== e.leafHash || eventLeafHash(e) !== e.leafHash;
    });
    expect(differing.map((e) => e.eventId)).toEqual([]);
  });
});

/** The verifier's year of a community (votes, an election, the funds, a statement), decided by the real deciders. */
describe("canonicalize gives every event of the verifier's community year the bytes the hand-written serialiser gives", () => {
  it('writes the same bytes for each of its events', () => {
    const { builder } = communityHistory();
    expect(builder.recorded.length).toBeGreaterThan(25);
    const differing = builder.recorded.filter((e) => {
      const leaf = {
        eventId: e.eventId,
        streamId: e.streamId,
        revision: e.revision,
        type: e.type,
        data: e.data,
        metadata: e.metadata,
      };
      return canonicalize(leaf) !== handWrittenCanonicalJson(leaf) || eventLeafHash(e) !== e.leafHash;
    });
    expect(differing.map((e) => `${e.type} ${e.eventId}`)).toEqual([]);
  });
});
