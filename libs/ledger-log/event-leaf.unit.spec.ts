import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { eventLeafBytes, eventLeafHash, hashedEvent, type LogEvent } from './event-leaf.js';

const ballot: LogEvent = {
  eventId: '0f8e2c1a-7d1b-4c55-9a57-6b1de7a0c001',
  streamId: 'resolution-42',
  revision: 3,
  type: 'BallotCast',
  data: { choice: '赞成', unit: '3栋-1502', weight: { area: 89.5, units: 1 } },
  metadata: { actor: 'owner-7', at: '2025-03-01T08:30:00.000Z' },
};

const sha256Hex = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  parts.forEach((p) => h.update(p));
  return h.digest('hex');
};

describe('event leaves', () => {
  it('are the UTF-8 canonical JSON of exactly the six committed fields', () => {
    const text =
      '{"data":{"choice":"赞成","unit":"3栋-1502","weight":{"area":89.5,"units":1}},' +
      '"eventId":"0f8e2c1a-7d1b-4c55-9a57-6b1de7a0c001","metadata":{"actor":"owner-7","at":"2025-03-01T08:30:00.000Z"},' +
      '"revision":3,"streamId":"resolution-42","type":"BallotCast"}';
    expect(new TextDecoder().decode(eventLeafBytes(ballot))).toBe(text);
    expect(eventLeafBytes(ballot)).toEqual(new Uint8Array(Buffer.from(text, 'utf8')));
  });

  it('ignore properties beyond the six, so a stored row hashes like its export record', () => {
    const row = { ...ballot, globalPosition: 1234, createdAt: new Date() };
    expect(eventLeafHash(row)).toBe(eventLeafHash(ballot));
  });

  it('hash as RFC 6962 leaves: SHA-256 over 0x00 then the leaf bytes, not a bare SHA-256', () => {
    const bytes = eventLeafBytes(ballot);
    expect(eventLeafHash(ballot)).toBe(sha256Hex(Uint8Array.of(0), bytes));
    expect(eventLeafHash(ballot)).not.toBe(sha256Hex(bytes));
    expect(eventLeafHash(ballot)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('do not depend on the key order of data or metadata', () => {
    const reordered: LogEvent = {
      metadata: { at: '2025-03-01T08:30:00.000Z', actor: 'owner-7' },
      data: { weight: { units: 1, area: 89.5 }, unit: '3栋-1502', choice: '赞成' },
      type: 'BallotCast',
      revision: 3,
      streamId: 'resolution-42',
      eventId: '0f8e2c1a-7d1b-4c55-9a57-6b1de7a0c001',
    };
    expect(eventLeafHash(reordered)).toBe(eventLeafHash(ballot));
  });

  it.each<[string, Partial<LogEvent>]>([
    ['eventId', { eventId: '0f8e2c1a-7d1b-4c55-9a57-6b1de7a0c002' }],
    ['streamId', { streamId: 'resolution-43' }],
    ['revision', { revision: 4 }],
    ['type', { type: 'BallotWithdrawn' }],
    [
      'data (one character deep inside)',
      { data: { choice: '反对', unit: '3栋-1502', weight: { area: 89.5, units: 1 } } },
    ],
    ['data (a number)', { data: { choice: '赞成', unit: '3栋-1502', weight: { area: 89.51, units: 1 } } }],
    ['metadata', { metadata: { actor: 'owner-8', at: '2025-03-01T08:30:00.000Z' } }],
    ['metadata (left out)', { metadata: undefined }],
  ])('change when %s changes', (_field, change) => {
    expect(eventLeafHash({ ...ballot, ...change })).not.toBe(eventLeafHash(ballot));
  });

  it('tell an explicit null apart from an absent value', () => {
    expect(eventLeafHash({ ...ballot, metadata: null })).not.toBe(eventLeafHash({ ...ballot, metadata: undefined }));
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 53])('refuse revision %p', (revision) => {
    expect(() => eventLeafHash({ ...ballot, revision })).toThrow(/revision/);
  });

  it('refuse an id that is not a string', () => {
    expect(() => eventLeafHash({ ...ballot, eventId: 42 as unknown as string })).toThrow(TypeError);
  });

  it('refuse data that JSON cannot carry exactly', () => {
    expect(() => eventLeafHash({ ...ballot, data: { amountFen: 12n } })).toThrow(/\$\.data\.amountFen/);
  });

  it('come with the canonical JSON of the data made on the way, for a verifier that compares it with a re-derivation', () => {
    const hashed = hashedEvent(ballot);
    expect(hashed.leafHash).toBe(sha256Hex(Uint8Array.of(0), eventLeafBytes(ballot)));
    expect(hashed.canonicalData).toBe(canonicalJson(ballot.data));
    expect(hashedEvent({ ...ballot, data: undefined }).canonicalData).toBeUndefined();
  });

  it('are the canonical JSON of the six fields whichever of data and metadata is left out', () => {
    for (const change of [{ data: undefined }, { metadata: undefined }, { data: undefined, metadata: undefined }]) {
      const event = { ...ballot, ...change };
      const { eventId, streamId, revision, type, data, metadata } = event;
      expect(new TextDecoder().decode(eventLeafBytes(event))).toBe(
        canonicalJson({ eventId, streamId, revision, type, data, metadata }),
      );
    }
  });

  it('name where in the metadata a value cannot be canonicalised', () => {
    expect(() => eventLeafHash({ ...ballot, metadata: { at: Number.NaN } })).toThrow(/\$\.metadata\.at/);
  });
});
