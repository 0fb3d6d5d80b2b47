import { eventLeafHash, eventLeafText } from '@gongzhi/ledger-log/event-leaf.js';
import { sha256HexOfText } from '@gongzhi/ledger-log/sha256.js';
import { type BundleEvent, type BundleLine, bundleLineText, leafTextOfEventLine } from './bundle-format.js';

/** A stored event as the exporter has it: data members in the order they were stored, Chinese text, nesting. */
function storedEvent(data: unknown = { 名称: '龙泽苑', amount: '12.50', nested: { z: 1, a: [true, null] } }) {
  const event = {
    eventId: '00000000-0000-4000-8000-000000000007',
    streamId: 'public-revenue-c1',
    revision: 6,
    type: 'IncomeRecorded',
    data,
    metadata: { occurredAt: '2026-01-01T00:00:00.000Z', actor: 'committee-1', communityId: 'c1' },
  };
  const line: BundleEvent = {
    record: 'event',
    leafIndex: 41,
    leafHash: eventLeafHash(event),
    position: '9007199254740993',
    ...event,
  };
  return line;
}

describe('an export line as the server writes it', () => {
  it("carries an event's leaf byte for byte as the log hashed it, after four members, and parses as the same event", () => {
    const event = storedEvent();
    const line = bundleLineText(event);
    expect(
      line.startsWith(
        `{"record":"event","leafIndex":41,"leafHash":"${event.leafHash}","position":"9007199254740993","data":`,
      ),
    ).toBe(true);
    const leaf = leafTextOfEventLine(line);
    expect(leaf).toBe(eventLeafText(event));
    expect(sha256HexOfText(`\u0000${leaf}`)).toBe(event.leafHash);
    expect(JSON.parse(line)).toEqual(event);
  });

  it('writes the header, checkpoints, the end and a missing event as plain JSON, which carries no leaf text', () => {
    const missing: BundleLine = {
      record: 'event',
      leafIndex: 3,
      leafHash: 'ab'.repeat(32),
      eventId: 'e3',
      streamId: 's',
      revision: 0,
      missing: true,
    };
    const end: BundleLine = { record: 'end', events: 4, checkpoints: 1 };
    for (const line of [missing, end]) {
      expect(bundleLineText(line)).toBe(JSON.stringify(line));
      expect(leafTextOfEventLine(bundleLineText(line))).toBeNull();
    }
  });

  it('writes an event whose data has no canonical JSON (a lone surrogate) plainly, for the verifier to name', () => {
    const event = { ...storedEvent(), data: { name: 'x\ud800' } };
    expect(() => eventLeafText(event)).toThrow();
    expect(bundleLineText(event)).toBe(JSON.stringify(event));
  });

  it("finds no leaf text in an event line written otherwise: an older server's member order, uppercase hex, a padded index", () => {
    const event = storedEvent();
    const line = bundleLineText(event);
    const { record, leafIndex, leafHash, eventId, streamId, revision, position, type, data, metadata } = event;
    for (const other of [
      JSON.stringify({ record, leafIndex, leafHash, eventId, streamId, revision, position, type, data, metadata }),
      line.replace(event.leafHash, event.leafHash.toUpperCase()),
      line.replace('"leafIndex":41', '"leafIndex":041'),
      line.replace('"position":"9007199254740993"', '"position":9007199254740993'),
      ` ${line}`,
    ]) {
      expect(leafTextOfEventLine(other)).toBeNull();
    }
  });
});
