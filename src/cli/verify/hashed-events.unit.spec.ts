import fc from 'fast-check';
import { canonicalJson } from '@gongzhi/ledger-log/canonical-json.js';
import { eventLeafHash } from '@gongzhi/ledger-log/event-leaf.js';
import { type BundleEvent, bundleLineText } from '../../transparency/export/bundle-format.js';
import { dataIs, hashFromLine, hashOf } from './hashed-events.js';

let n = 0;
/** An event whose data is `text` parsed, as the verifier reads it from a bundle line. */
function eventWith(text: string): BundleEvent {
  n++;
  return {
    record: 'event',
    leafIndex: n,
    leafHash: '00'.repeat(32),
    eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    streamId: 'resolution-1',
    revision: n,
    position: String(1000 + n),
    type: 'BallotCast',
    data: JSON.parse(text),
    metadata: { communityId: 'c' },
  };
}

/** What dataIs answered before it compared member by member: the two canonical texts. */
function sameCanonicalText(recorded: unknown, derived: unknown): boolean {
  try {
    return canonicalJson(recorded) === canonicalJson(derived);
  } catch {
    return false;
  }
}

const ballot = {
  ownerId: 'P000001',
  voterIds: ['P000001', 'Q000001'],
  choice: 'FOR',
  channel: 'ONLINE',
  castBy: 'account-P000001',
  proxyOwnerId: null,
  evidenceSha256: null,
  castAt: '2026-01-05T01:01:35.000Z',
};

describe('a ballot compared with its re-cast (dataIs)', () => {
  it('holds for the same data with its members in any order, and with an absent member left out', () => {
    const recorded = eventWith(JSON.stringify(ballot));
    const reordered = Object.fromEntries(Object.entries(ballot).reverse());
    expect(dataIs(recorded, ballot)).toBe(true);
    expect(dataIs(recorded, reordered)).toBe(true);
    expect(dataIs(recorded, { ...ballot, activatedBy: undefined })).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a member more', { ...ballot, activatedBy: 'committee-1' }],
    ['a member less', { ...ballot, castBy: undefined }],
    ['a null member left out', { ...ballot, proxyOwnerId: undefined }],
    ['another choice', { ...ballot, choice: 'AGAINST' }],
    ['a voter less', { ...ballot, voterIds: ['P000001'] }],
    ['the voters in another order', { ...ballot, voterIds: ['Q000001', 'P000001'] }],
    ['a number for a string', { ...ballot, ownerId: 1 }],
    ['an object for an array', { ...ballot, voterIds: { 0: 'P000001', 1: 'Q000001' } }],
    ['NaN', { ...ballot, evidenceSha256: NaN }],
    ['a bigint', { ...ballot, evidenceSha256: 1n }],
    ['undefined in an array', { ...ballot, voterIds: ['P000001', undefined] }],
    ['an absent member named with a lone surrogate', { ...ballot, '\ud800': undefined }],
    ['not an object at all', 'FOR'],
    ['nothing', undefined],
  ])('refuses a re-cast with %s', (_what, derived) => {
    const recorded = eventWith(JSON.stringify(ballot));
    expect(dataIs(recorded, derived)).toBe(false);
    expect(sameCanonicalText(recorded.data, derived)).toBe(false);
  });

  it('compares a Date in the re-cast as the ISO text it writes, as the canonical text does', () => {
    const recorded = eventWith(JSON.stringify(ballot));
    expect(dataIs(recorded, { ...ballot, castAt: new Date(ballot.castAt) })).toBe(true);
    expect(dataIs(recorded, { ...ballot, castAt: new Date('2026-01-05T01:01:36.000Z') })).toBe(false);
  });

  it('holds for a recorded __proto__ member only against the same member', () => {
    const recorded = eventWith('{"a":1,"__proto__":{"b":2}}');
    expect(dataIs(recorded, JSON.parse('{"__proto__":{"b":2},"a":1}'))).toBe(true);
    expect(dataIs(recorded, { a: 1 })).toBe(false);
  });

  it('answers as the canonical texts do for any two JSON values, and any value against its own reordering', () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    fc.assert(
      fc.property(json, json, (a, b) => {
        const recorded = eventWith(JSON.stringify(a));
        expect(dataIs(recorded, b)).toBe(sameCanonicalText(recorded.data, b));
        expect(dataIs(recorded, JSON.parse(JSON.stringify(a)))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never holds for data that cannot be hashed', () => {
    const broken = { ...eventWith('{"a":1}'), data: { a: 1, s: '\ud800' } };
    expect(dataIs(broken, { a: 1, s: '\ud800' })).toBe(false);
  });

  it('answers the same for an event hashed from the leaf its line carries, the Date comparison included', () => {
    const stored = eventWith(JSON.stringify(ballot));
    const line = bundleLineText({ ...stored, leafHash: eventLeafHash(stored) });
    const read = JSON.parse(line) as BundleEvent;
    hashFromLine(read, line);
    expect(hashOf(read)).toEqual({ leafHash: read.leafHash, canonicalData: undefined }); // the line's bytes, hashed as they stand
    expect(dataIs(read, { ...ballot, castAt: new Date(ballot.castAt) })).toBe(true);
    expect(dataIs(read, { ...ballot, castAt: new Date('2026-01-05T01:01:36.000Z') })).toBe(false);
    expect(dataIs(read, { ...ballot, choice: 'AGAINST' })).toBe(false);
  });
});
