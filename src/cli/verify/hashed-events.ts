import { canonicalJson } from '@gongzhi/ledger-log/canonical-json.js';
import { type HashedEvent, hashedEvent } from '@gongzhi/ledger-log/event-leaf.js';
import { sha256HexOfText } from '@gongzhi/ledger-log/sha256.js';
import { type BundleEvent, leafTextOfEventLine } from '../../transparency/export/bundle-format.js';

/**
 * Each event of a bundle is hashed once, however many checks need it: the leaf check, the counted root of
 * the vote it is a ballot of, and the comparison of a ballot with its re-cast. Every check of an event runs
 * before the next line is read, so the last event hashed is all there is to keep (a cache by event would cost
 * the garbage collector more than it saves).
 */
let last: { event: BundleEvent; hashed: HashedEvent | Error } | null = null;

/**
 * Hashes the leaf an event line carries as it stands (bundleLineText), when its hash is the leaf the log
 * recorded: the event's canonical JSON need not be written again. The text parsed into `event` holds those
 * bytes after four members of digits and hex, so `event` is what the leaf says; whether the log signed that
 * leaf is the tree's to say, as for any leaf. Otherwise the event is hashed the slow way, which names a change.
 */
export function hashFromLine(event: BundleEvent, line: string): void {
  const leafText = leafTextOfEventLine(line);
  if (leafText === null) return;
  const leafHash = sha256HexOfText(`\u0000${leafText}`);
  // The data's canonical JSON is left unwritten: dataIs writes it only if a comparison needs the text.
  if (leafHash === event.leafHash) last = { event, hashed: { leafHash, canonicalData: undefined } };
}

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

/**
 * Whether the event's data is, as JSON, `derived` (keys in any order); data JSON cannot hold is never equal.
 * The same answer as comparing the two canonical texts, without writing the derived one (a ballot's re-cast
 * is compared with every ballot): the recorded data came from JSON.parse and has been canonicalised, so it
 * is plain JSON; the derived value is walked alongside it, and only where it holds something other than
 * plain data (a Date, a class) is its canonical text written and compared after all.
 */
export function dataIs(event: BundleEvent, derived: unknown): boolean {
  const known = hashOf(event);
  if (known instanceof Error || event.data === undefined) return false;
  const same = sameData(event.data, derived, 0);
  if (same !== undefined) return same;
  try {
    return (known.canonicalData ?? canonicalJson(event.data)) === canonicalJson(derived);
  } catch {
    return false;
  }
}

/** Nesting deeper than this is compared as canonical text. */
const DEPTH = 64;

/**
 * Equal canonical texts, decided member by member: `recorded` is plain JSON (parsed, canonicalisable);
 * undefined when `derived` holds something that is not plain data, for the caller to compare the texts.
 */
function sameData(recorded: unknown, derived: unknown, depth: number): boolean | undefined {
  switch (typeof derived) {
    case 'string':
    case 'boolean':
      return recorded === derived;
    case 'number':
      // One finite double has one canonical text (0 and -0 both "0", and 0 === -0); NaN and ±Infinity have none.
      return Number.isFinite(derived) && recorded === derived;
    case 'object':
      break;
    default:
      return false; // undefined, a function, a symbol or a bigint has no canonical text: never equal
  }
  if (derived === null) return recorded === null;
  if (depth === DEPTH) return undefined;
  // What derived is decides first: a Date's text is what its toJSON gives, whatever recorded is.
  if (Array.isArray(derived)) {
    if (Object.getPrototypeOf(derived) !== Array.prototype) return undefined;
    if (!Array.isArray(recorded) || recorded.length !== derived.length) return false;
    for (let i = 0; i < derived.length; i++) {
      const same = sameData(recorded[i], derived[i], depth + 1);
      if (same !== true) return same;
    }
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(derived);
  const members = derived as Record<string, unknown>;
  if ((proto !== Object.prototype && proto !== null) || typeof members.toJSON === 'function') return undefined;
  if (typeof recorded !== 'object' || recorded === null || Array.isArray(recorded)) return false;
  const fields = recorded as Record<string, unknown>;
  let present = 0;
  for (const key of Object.keys(members)) {
    const value = members[key];
    if (value === undefined) {
      // Left out of the canonical text, as JSON.stringify leaves it out; a name with a lone surrogate is refused even so.
      if (!(key as string & { isWellFormed(): boolean }).isWellFormed()) return false;
      continue;
    }
    if (!Object.hasOwn(fields, key)) return false;
    const same = sameData(fields[key], value, depth + 1);
    if (same !== true) return same;
    present++;
  }
  // The recorded object has no undefined member (it was parsed), so the same count means the same names.
  return Object.keys(fields).length === present ? true : false;
}
