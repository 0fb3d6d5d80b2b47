import { canonicalJson } from '../../../libs/ledger-log/canonical-json.js';
import { type HashedEvent, hashedEvent } from '../../../libs/ledger-log/event-leaf.js';
import type { BundleEvent } from '../../transparency/export/bundle-format.js';

/**
 * Each event of a bundle is canonicalised and hashed once, however many checks need it: the leaf check,
 * the counted root of the vote it is a ballot of, and the comparison of a ballot with its re-cast. Every
 * check of an event runs before the next line is read, so the last event hashed is all there is to keep
 * (a cache by event would cost the garbage collector more than it saves).
 */
let last: { event: BundleEvent; hashed: HashedEvent | Error } | null = null;

/** The event's recomputed leaf hash and canonical data, or why it cannot be hashed. */
export function hashOf(event: BundleEvent): HashedEvent | Error {
  if (last?.event === event) return last.hashed;
  let hashed: HashedEvent | Error;
  try {
    hashed = hashedEvent(event);
  } catch (error) {
    hashed = error as Error;
  }
  last = { event, hashed };
  return hashed;
}

/** Whether the event's data is, as JSON, `derived` (keys in any order); data JSON cannot hold is never equal. */
export function dataIs(event: BundleEvent, derived: unknown): boolean {
  const known = hashOf(event);
  if (known instanceof Error || known.canonicalData === undefined) return false;
  try {
    return known.canonicalData === canonicalJson(derived);
  } catch {
    return false;
  }
}
