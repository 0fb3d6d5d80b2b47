import { byCodeUnits, type Voter } from '../registry/counting.js';
import { invalid } from '../shared/domain-error.js';
import { formatArea, parseArea } from '../shared/quantities.js';
import type { Weight } from '../governance/quorum.js';
import type { FrozenVoter } from './resolution.events.js';

/**
 * The roster as it stood when a vote or an election opened (DOMAIN.md rule 4): later transfers do not
 * reach it. Both kinds of vote freeze it the same way, so both count heads and area the same way.
 */
export interface FrozenRoster {
  hash: string;
  eligible: Weight;
  voters: readonly FrozenVoter[];
  areaOf: ReadonlyMap<string, bigint>;
  /** ownerId → the voterIds that owner casts for, sorted. */
  byRepresentative: ReadonlyMap<string, readonly string[]>;
}

/** What an open event records of the roster: every voter, and the totals they add up to. */
export interface FrozenRosterData {
  rosterHash: string;
  eligible: { heads: number; areaM2: string };
  voters: FrozenVoter[];
}

/**
 * The roster as its fingerprint covers it: every voter, area written as in the export. The open event
 * records the SHA-256 of its canonical JSON (libs/receipts/roster-hash.ts), so anyone with the export recomputes it.
 */
export function rosterDocument(voters: readonly Voter[]): (Omit<Voter, 'area'> & { area: string })[] {
  return voters.map((v) => ({ ...v, area: formatArea(v.area) }));
}

/** The open event's roster, from the voters the registry counts (rules 1–3); refuses one nobody could vote on. */
export function rosterToFreeze(voters: readonly Voter[], rosterHash: string): FrozenRosterData {
  if (!rosterHash)
    throw invalid('ROSTER_HASH_REQUIRED', 'give the hash of the roster being frozen, so the quorum record can cite it');
  if (voters.length === 0)
    throw invalid('EMPTY_ROSTER', 'the roster has no voters; register the units and owners first');
  const seen = new Set<string>();
  let area = 0n;
  const frozen = voters.map((voter): FrozenVoter => {
    if (seen.has(voter.voterId)) throw invalid('DUPLICATE_VOTER', `voter ${voter.voterId} appears twice in the roster`);
    seen.add(voter.voterId);
    if (voter.area <= 0n) throw invalid('INVALID_AREA', `voter ${voter.voterId} has no area, so no weight in the vote`);
    area += voter.area;
    return {
      voterId: voter.voterId,
      representativeId: voter.representativeId,
      ownerIds: [...voter.ownerIds],
      unitIds: [...voter.unitIds],
      area: formatArea(voter.area),
    };
  });
  return { rosterHash, eligible: { heads: frozen.length, areaM2: formatArea(area) }, voters: frozen };
}

/** The roster an open event recorded, indexed once for counting; `event` names it if the stream is corrupt. */
export function freezeRoster(data: FrozenRosterData, event: string): FrozenRoster {
  const areaOf = new Map<string, bigint>();
  const byRepresentative = new Map<string, string[]>();
  let area = 0n;
  for (const voter of data.voters) {
    const voterArea = parseArea(voter.area);
    area += voterArea;
    areaOf.set(voter.voterId, voterArea);
    const ids = byRepresentative.get(voter.representativeId);
    if (ids) ids.push(voter.voterId);
    else byRepresentative.set(voter.representativeId, [voter.voterId]);
  }
  for (const ids of byRepresentative.values()) ids.sort(byCodeUnits);
  // The totals are recomputed, not trusted: a recount must not inherit a wrong figure from the event.
  if (data.eligible.heads !== data.voters.length || data.eligible.areaM2 !== formatArea(area)) {
    throw new Error(`${event}: eligible totals do not match its voters; the stream is corrupt`);
  }
  return {
    hash: data.rosterHash,
    eligible: { heads: data.voters.length, area },
    voters: data.voters,
    areaOf,
    byRepresentative,
  };
}
