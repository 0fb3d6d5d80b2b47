import { conflict, invalid } from '../shared/domain-error.js';
import { SHA256 } from '../shared/evidence.js';

/**
 * What a close commits to besides its totals (Helios/Belenios' "counted as cast"): the RFC 6962 root
 * over the transparency-log leaf hashes of exactly the ballots it counted, in the order the stream
 * recorded them. The domain cannot hash (it imports nothing of ours), so the caller computes the root
 * from the stored events; the decider checks it was computed over the very ballots it folded.
 */
export interface CountedBallots {
  /** Hex root over the counted ballots' leaf hashes, ascending by their place in the ballot record. */
  root: string;
  /** How many leaves that tree has: each counted ballot once, even when it counts for several voters. */
  size: number;
  /** How many ballots the record held when the root was computed: a ballot cast since makes it stale. */
  ballotsInRecord: number;
}

/**
 * The places in the ballot record (0 = the first ballot cast before the close) of the ballots a count
 * takes, ascending, each once. `liveByVoter` maps each voter who took part to their live ballot's place.
 */
export function countedIndexes(liveByVoter: ReadonlyMap<string, number>): number[] {
  return [...new Set(liveByVoter.values())].sort((a, b) => a - b);
}

/** The places of a newest-first ballot list's ballots, oldest = 0: one walk, no copy of the list. */
export function placesOf<B>(newestFirst: { ballot: B; next: unknown } | null, length: number): Map<B, number> {
  const places = new Map<B, number>();
  let place = length;
  for (let node = newestFirst; node; node = node.next as typeof node) places.set(node.ballot, --place);
  return places;
}

export function lengthOf(newestFirst: { next: unknown } | null): number {
  let n = 0;
  for (let node = newestFirst; node; node = node.next as typeof node) n++;
  return n;
}

/** Refuses a counted root that was not computed over this record's counted ballots. */
export function checkCounted(
  counted: CountedBallots | undefined,
  size: number,
  ballotsInRecord: number,
): { countedRoot: string; countedSize: number } {
  if (!counted || typeof counted.root !== 'string' || !SHA256.test(counted.root)) {
    throw invalid(
      'COUNTED_ROOT_REQUIRED',
      'a close commits to the Merkle root of the ballots it counts: give it as 64 lowercase hexadecimal digits',
    );
  }
  if (counted.ballotsInRecord !== ballotsInRecord || counted.size !== size) {
    throw conflict(
      'BALLOTS_CHANGED',
      `the counted root covers ${counted.size} of ${counted.ballotsInRecord} ballots, but the record now counts ${size} of ${ballotsInRecord}: a ballot arrived meanwhile; close again`,
    );
  }
  return { countedRoot: counted.root, countedSize: size };
}
