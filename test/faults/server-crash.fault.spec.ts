import { createTestDatabase } from '../support/database.js';
import {
  type Cast,
  castBallot,
  CHOICES,
  nameAsTheServer,
  type OpenVote,
  type Owner,
  openVoteWithOwners,
  quorumRecord,
  tally,
} from './support/ballots.js';
import { stopsAfterAll } from './support/at-end.js';
import { proved } from './support/figures.js';
import { ServerProcess } from './support/server-process.js';
import { type StoredBallot, StoreProbe } from './support/store-probe.js';

const OWNERS = 50;
/** The kill comes once every owner has a ballot acknowledged and 100 are, with every client's next ballot in flight. */
const KILL_AT_ACKNOWLEDGED = 100;
/** How long the server holds the Idempotency-Key of a request that never finished (idempotency.interceptor.ts). */
const ABANDONED_KEY_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Each owner's ballot that counts: the latest in the store's order (DOMAIN.md rule 9). */
function latestByOwner(stored: StoredBallot[]): Map<string, StoredBallot> {
  return new Map(stored.filter((b) => !b.late).map((b) => [b.ownerId, b]));
}

/** The read models against the store: every stored ballot once, and each owner's latest one counted. */
async function compareWithStore(server: ServerProcess, probe: StoreProbe, vote: OpenVote) {
  const stored = await probe.ballots(vote.streamId);
  const record = await quorumRecord(server, vote, await probe.head());
  const inRecord = tally(record.ballots.map((b) => b.eventId));
  const counted = new Map(record.voters.filter((v) => v.participated).map((v) => [v.voterId, v.ballotEventId]));
  const latest = latestByOwner(stored);
  const detail = await server.get(vote.path);
  const participation = await server.get(`${vote.path}/participation`, { token: vote.owners[0].token });
  const unitsTookPart = tally(participation.body.units.map((u: { unitId: string }) => u.unitId));
  return {
    stored,
    inRecord,
    storedOnceInRecord: stored.filter((b) => inRecord.get(b.eventId) === 1).length,
    recordedNotStored: [...inRecord.keys()].filter((id) => !stored.some((b) => b.eventId === id)).length,
    countedAsLatest: [...latest].filter(([ownerId, ballot]) => counted.get(ownerId) === ballot.eventId).length,
    counted: counted.size,
    latest: latest.size,
    participatedHeads: detail.body.participated.heads as number,
    /** Each owner here holds one flat: the units shown as taking part, each once. */
    unitsTookPartOnce: [...unitsTookPart.values()].filter((n) => n === 1).length,
    unitsTookPart: unitsTookPart.size,
  };
}

describe('the server killed with kill -9 while 50 owners cast ballots', () => {
  const atEnd = stopsAfterAll();

  it('keeps every acknowledged ballot, counted once after the restart; an unanswered ballot is wholly stored or absent, and its retry appends it once', async () => {
    const database = await createTestDatabase('fault_server_crash');
    atEnd(() => database.drop());
    let server = await ServerProcess.start(database.url, 'server-crash');
    atEnd(() => server.kill());
    const probe = new StoreProbe(database.url);
    atEnd(() => probe.close());
    const vote = await openVoteWithOwners(server, OWNERS, '崩溃小区');
    const owner = new Map(vote.owners.map((o) => [o.ownerId, o]));

    // Every owner keeps voting until an answer fails to come: every other owner changes their vote each
    // time, the others cast the same choice again.
    const casts: Cast[] = [];
    const acknowledged = new Set<string>();
    let acknowledgedCount = 0;
    let killedAt = 0;
    let killed: Promise<void> = Promise.resolve();
    const live = server; // the clients' server, the one killed
    const client = async (voter: Owner, i: number) => {
      for (let n = 0; ; n++) {
        const choice = CHOICES[(i % 2 === 0 ? i + n : i) % CHOICES.length];
        const cast = await castBallot(live, vote, voter, choice, `crash-${voter.ownerId}-${n}`);
        casts.push(cast);
        if (cast.status !== 201) return;
        acknowledged.add(voter.ownerId);
        if (++acknowledgedCount >= KILL_AT_ACKNOWLEDGED && acknowledged.size === OWNERS && !killedAt) {
          killedAt = Date.now();
          killed = live.kill();
        }
      }
    };
    await Promise.all(vote.owners.map(client));
    await killed;
    const inFlightAtKill = casts.filter((c) => c.status === null && c.sentAt <= killedAt).length;

    server = await server.restart();
    const restartMs = Date.now() - killedAt;
    const acked = casts.filter((c) => c.status === 201);
    const unanswered = casts.filter((c) => c.status === null);
    const otherAnswers = casts.filter((c) => c.status !== null && c.status !== 201);
    await nameAsTheServer(casts, vote, probe.idempotencyWindows);
    const after = await compareWithStore(server, probe, vote);
    const storedIds = new Set(after.stored.map((b) => b.eventId));
    const ackedFound = acked.filter(
      (c) =>
        c.receipt?.eventId === c.eventId &&
        after.stored.some((b) => b.eventId === c.eventId && b.ownerId === c.ownerId && b.choice === c.choice),
    );
    const ackedLeaves = await probe.leafHashes(acked.map((c) => c.eventId));
    const ackedReceiptsTrue = acked.filter((c) => c.receipt?.leafHash === ackedLeaves.get(c.eventId));
    const unansweredWhole = unanswered.filter((c) => storedIds.has(c.eventId) && after.inRecord.get(c.eventId) === 1);
    const unansweredAbsent = unanswered.filter((c) => !storedIds.has(c.eventId) && !after.inRecord.has(c.eventId));
    const castIds = new Set(casts.map((c) => c.eventId));
    const phantoms = after.stored.filter((b) => !castIds.has(b.eventId));

    // A client without an answer retries with the same key once the server gives up on the lost request.
    await sleep(Math.max(0, killedAt + ABANDONED_KEY_MS + 1_000 - Date.now()));
    const retried = await Promise.all(
      unanswered.map((c) => castBallot(server, vote, owner.get(c.ownerId)!, c.choice, c.key)),
    );
    await nameAsTheServer(retried, vote, probe.idempotencyWindows);
    const afterRetry = await compareWithStore(server, probe, vote);
    const retriedLeaves = await probe.leafHashes(retried.map((r) => r.eventId));
    // The receipt of a retry whose first attempt was stored is that stored ballot's, not a new one's.
    const retriedOk = retried.filter(
      (r) =>
        r.status === 201 && r.receipt?.eventId === r.eventId && r.receipt.leafHash === retriedLeaves.get(r.eventId),
    );
    const retriedStoredOnce = retried.filter(
      (r) =>
        afterRetry.stored.filter((b) => b.eventId === r.eventId).length === 1 &&
        afterRetry.inRecord.get(r.eventId) === 1,
    );

    proved({
      'owners casting': OWNERS,
      'ballots sent': casts.length,
      'acknowledged (201)': acked.length,
      'acknowledged and found in the store': ackedFound.length,
      "receipts matching the stored event's log leaf": ackedReceiptsTrue.length,
      unanswered: unanswered.length,
      '  of which in flight at the kill': inFlightAtKill,
      '  of which sent after it (connection refused)': unanswered.length - inFlightAtKill,
      '  wholly stored (event and read model)': unansweredWhole.length,
      '  absent (neither)': unansweredAbsent.length,
      'stored ballots counted once in the quorum record': `${after.storedOnceInRecord} of ${after.stored.length}`,
      'owners counted with their latest ballot': `${after.countedAsLatest} of ${after.latest}`,
      'units shown once as taking part (participation)': `${after.unitsTookPartOnce} of ${after.latest}`,
      'kill to answering again (ms)': restartMs,
      'retries with the same key answered 201, same event and leaf': `${retriedOk.length} of ${retried.length}`,
      'after the retries: stored ballots counted once': `${afterRetry.storedOnceInRecord} of ${afterRetry.stored.length}`,
    });

    expect(killedAt).toBeGreaterThan(0);
    expect(otherAnswers.map((c) => `${c.status} ${c.code}`)).toEqual([]);
    expect(unanswered.length).toBeGreaterThan(0);
    expect(ackedFound).toHaveLength(acked.length);
    expect(ackedReceiptsTrue).toHaveLength(acked.length);
    expect(unansweredWhole.length + unansweredAbsent.length).toBe(unanswered.length);
    expect(phantoms).toEqual([]);
    expect(after.storedOnceInRecord).toBe(after.stored.length);
    expect(after.recordedNotStored).toBe(0);
    expect(after.countedAsLatest).toBe(after.latest);
    expect(after.counted).toBe(after.latest);
    expect(after.participatedHeads).toBe(after.latest);
    expect(after.unitsTookPart).toBe(after.latest);
    expect(after.unitsTookPartOnce).toBe(after.latest);

    expect(
      retried.filter((r) => !retriedOk.includes(r)).map((r) => `${r.ownerId} ${r.status} ${r.code ?? r.failure}`),
    ).toEqual([]);
    expect(retriedStoredOnce).toHaveLength(retried.length);
    expect(afterRetry.stored).toHaveLength(after.stored.length + unansweredAbsent.length);
    expect(afterRetry.storedOnceInRecord).toBe(afterRetry.stored.length);
    expect(afterRetry.countedAsLatest).toBe(afterRetry.latest);
    expect(afterRetry.participatedHeads).toBe(afterRetry.latest);
    expect(afterRetry.unitsTookPartOnce).toBe(afterRetry.latest);
  });
});
