import { formatArea } from '@gongzhi/domain/shared/quantities.js';
import type { EventStore } from '@gongzhi/event-store/event-store.js';
import { loggedEvents, type LoggedEvent } from '@gongzhi/receipts/counted-ballots.js';

// What the records of a vote of either kind, a resolution's or an election's, show alike.

/** The frozen roster's totals (rule 5); null until the vote opened. */
export function eligibleOf(row: { eligible_heads: number | null; eligible_area: string | null }) {
  return row.eligible_heads === null
    ? null
    : { heads: row.eligible_heads, areaM2: formatArea(BigInt(row.eligible_area!)) };
}

/** A voter of the frozen roster on the quorum record, and whether a ballot of theirs counts (`event_id`). */
export function rosterVoter(v: {
  voter_id: string;
  representative_id: string;
  owner_ids: string[];
  unit_ids: string[];
  area: string;
  event_id: string | null;
}) {
  return {
    voterId: v.voter_id,
    representativeId: v.representative_id,
    ownerIds: v.owner_ids,
    unitIds: v.unit_ids,
    areaM2: formatArea(BigInt(v.area)),
    participated: v.event_id !== null,
  };
}

/**
 * The logged events of ballots found in the read model, read from their votes' streams: for each, the
 * logged event itself, so the owner rebuilds leafHash from it and asks …/counted/{leafHash} (rule 11).
 */
export async function loggedBallots<B extends { event_id: string }>(
  store: EventStore,
  found: B[],
  streamOf: (ballot: B) => string,
): Promise<(eventId: string) => { leafHash: string | null; loggedEvent: LoggedEvent['event'] | null }> {
  const logged = await loggedEvents(
    (streamId) => store.readStream(streamId),
    found.map(streamOf),
    new Set(found.map((b) => b.event_id)),
  );
  return (eventId) => ({
    leafHash: logged.get(eventId)?.leafHash ?? null,
    loggedEvent: logged.get(eventId)?.event ?? null,
  });
}
