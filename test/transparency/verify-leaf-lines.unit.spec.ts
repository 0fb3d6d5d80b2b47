import { sha256HexOfText } from '@gongzhi/ledger-log/sha256.js';
import { verifyBundle, type VerifyReport } from '../../src/cli/verify/verify-bundle.js';
import { type BundleEvent, eventLineAround, leafTextOfEventLine } from '../../src/transparency/export/bundle-format.js';
import { communityHistory } from './community-history.js';

/**
 * The server writes each event line around the leaf the log hashed (bundleLineText), and the verifier hashes that
 * text as it stands when its hash is the leaf recorded. These tests hold the shortcut to the slow way's answers:
 * every other way of writing the line, and every change, must come out as before.
 */

const failed = (report: VerifyReport, check: string) => report.rows.find((r) => r.check === check)?.failed ?? 0;

/** The history's bundle, its key, and the place of an income's event line (plain members, Chinese text). */
function history() {
  const { builder } = communityHistory();
  const lines = builder.lines();
  const at = lines.findIndex((line) => line.includes('"type":"PublicRevenueReceived"'));
  expect(leafTextOfEventLine(lines[at])).not.toBeNull();
  return { lines, key: builder.keyFingerprint, at };
}

/** The line with its leaf text changed by `change`, and the leafHash written to match the new bytes. */
function withLeaf(line: string, change: (leaf: string) => string): string {
  const { leafIndex, position } = JSON.parse(line) as BundleEvent;
  const leaf = change(leafTextOfEventLine(line)!);
  const leafHash = sha256HexOfText(`\u0000${leaf}`);
  return eventLineAround({ leafIndex, leafHash, position }, leaf);
}

describe('gongzhi verify hashes the leaf an event line carries, and nothing else gets past it', () => {
  it("verifies a bundle whose event lines an older server wrote (members in stored order) with the same report as the server's lines", async () => {
    const { lines, key } = history();
    const older = lines.map((line) => {
      const record = JSON.parse(line) as BundleEvent;
      if (record.record !== 'event') return line;
      const { leafIndex, leafHash, eventId, streamId, revision, position, type, data, metadata } = record;
      return JSON.stringify({
        record: 'event',
        leafIndex,
        leafHash,
        eventId,
        streamId,
        revision,
        position,
        type,
        data,
        metadata,
      });
    });
    expect(older.filter((line) => leafTextOfEventLine(line) !== null)).toEqual([]);
    const [fast, slow] = [await verifyBundle(lines, { pinnedKey: key }), await verifyBundle(older, { pinnedKey: key })];
    expect(fast.ok).toBe(true);
    expect(slow.ok).toBe(true);
    expect(slow.rows).toEqual(fast.rows);
    expect(slow.figures).toEqual(fast.figures);
  });

  it('names the event whose leaf text was changed after it was logged, its leafHash left as the log recorded it', async () => {
    const { lines, key, at } = history();
    const event = JSON.parse(lines[at]) as BundleEvent;
    lines[at] = lines[at].replace(/"amount":"(\d+)/, '"amount":"9$1');
    const report = await verifyBundle(lines, { pinnedKey: key });
    expect(report.ok).toBe(false);
    expect(report.failures).toContainEqual(
      expect.objectContaining({
        check: 'leaf hashes',
        message: expect.stringContaining(
          `but the log recorded leaf ${event.leafHash}: the event was changed after it was logged`,
        ),
      }),
    );
  });

  it.each([
    [
      'a space inside the leaf: the same event, but not the bytes the log hashed',
      (leaf: string) => leaf.replace('":', '": '),
    ],
    [
      'a second "type" member, which JSON.parse takes over the first',
      (leaf: string) => `${leaf.slice(0, -1)},"type":"StatementPublished"}`,
    ],
    [
      'a "leafIndex" member inside the leaf, which would override the line\'s own',
      (leaf: string) => `${leaf.slice(0, -1)},"leafIndex":0}`,
    ],
  ])('refuses an event line whose leafHash was rewritten to match its bytes: %s', async (_, change) => {
    const { lines, key, at } = history();
    const { leafIndex } = JSON.parse(lines[at]) as BundleEvent;
    lines[at] = withLeaf(lines[at], change);
    const report = await verifyBundle(lines, { pinnedKey: key });
    expect(report.ok).toBe(false);
    expect(failed(report, 'checkpoint roots')).toBeGreaterThan(0);
    // No checkpoint that holds reaches the changed leaf: nothing from it on is vouched for.
    expect(report.coverage.events).toBeLessThanOrEqual(leafIndex);
  });
});
