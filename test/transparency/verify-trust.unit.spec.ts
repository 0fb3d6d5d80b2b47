import { publicRevenueDecider } from '@gongzhi/domain/finance/public-revenue.js';
import { publicRevenueStream } from '@gongzhi/domain/finance/public-revenue.events.js';
import { generateSigningKeyPair, publicKeyFingerprint } from '@gongzhi/ledger-log/checkpoint-signing.js';
import { generateKeyPairSync } from 'node:crypto';
import { ed25519Cosigner } from '@gongzhi/ledger-log/tlog-cosignature.js';
import { formatReport } from '../../src/cli/verify/format-report.js';
import { verifyBundle, type VerifyReport } from '../../src/cli/verify/verify-bundle.js';
import { verifyBundles } from '../../src/cli/verify/verify-bundles.js';
import type { BundleBuilder } from './bundle-builder.js';
import { communityHistory } from './community-history.js';

const rowOf = (report: VerifyReport, check: string) => report.rows.find((r) => r.check === check)!;
const messages = (report: VerifyReport, check: string) =>
  report.failures.filter((f) => f.check === check).map((f) => f.message);

/** An income recorded after the history, by the domain's own decider: a well-formed event, as a forger would write it. */
function forgeIncome(builder: BundleBuilder) {
  const now = new Date('2026-03-05T00:00:00Z');
  return builder.decide(publicRevenueDecider, publicRevenueStream(builder.communityId), {
    type: 'RecordIncome',
    data: { entryId: 'forged-1', amount: 9_000_000n, source: 'PARKING', description: '伪造', receivedAt: now, now },
  } as never);
}

function flipLastByte(line: string): string {
  const [dash, name, base64] = line.split(' ');
  const bytes = Buffer.from(base64, 'base64');
  bytes[bytes.length - 1] ^= 1;
  return [dash, name, bytes.toString('base64')].join(' ');
}

const witnessKey = (name: string) => ed25519Cosigner(name, generateKeyPairSync('ed25519').privateKey);

describe('gongzhi verify trusts only the key it is given, and only what that key signed', () => {
  it('verifies a whole history under the pinned key, given as fingerprint, PEM or vkey, and says exactly what it established', async () => {
    const { builder } = communityHistory();
    const events = builder.recorded.length;
    for (const pinnedKey of [builder.keyFingerprint, builder.keys.publicKey, builder.vkey()]) {
      const report = await verifyBundle(builder.lines(), { pinnedKey });
      expect(report.failures).toEqual([]);
      expect(report).toMatchObject({
        ok: true,
        pinnedKey: builder.keyFingerprint,
        coverage: { events, key: 'pinned' },
      });
      expect(rowOf(report, 'signed coverage')).toEqual({ check: 'signed coverage', checked: events, failed: 0 });
      expect(rowOf(report, 'checkpoint notes').checked).toBe(report.checkpoints);
      expect(report.uncoveredFigures).toEqual([]);
      expect(formatReport(report)).toMatch(
        new RegExp(
          `^verified with the pinned key ${builder.keyFingerprint}: all ${events} events are under its checkpoint of ${events} leaves \\(root [0-9a-f]{64}, 2026-06-01T00:00:0\\d\\.000Z\\); ${report.checkpoints} checkpoint signature\\(s\\), ${report.checkpoints} consistency proof\\(s\\), ${events} leaf hash\\(es\\) and every re-derived result hold; no witness cosignature was asked for$`,
          'm',
        ),
      );
    }
  });

  it('checks everything without a key, but verifies nothing: "key not pinned"', async () => {
    const { builder } = communityHistory();
    const report = await verifyBundle(builder.lines());
    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([
      {
        check: 'pinned key',
        line: 1,
        message: `key not pinned: the bundle's checkpoints are signed by key ${builder.keyFingerprint}, which the bundle names itself, and anyone can sign a bundle with a key of their own; give --key with the fingerprint of GET /log/public-key as published where you trust it`,
      },
    ]);
    const text = formatReport(report);
    expect(text).toContain(
      `checkpoints signed by key SHA-256 ${builder.keyFingerprint}, named by the bundle itself (key not pinned)`,
    );
    expect(text).toContain("re-derived from the events (under the bundle's own key, not pinned: not verified):");
    expect(text).not.toMatch(/^verified/m);
    expect(text).toMatch(
      /\nestablished: nothing: key not pinned \(\d+ of \d+ events are under a checkpoint of the bundle's own key [0-9a-f]{64}, which anyone could have made\)\n$/,
    );
  });

  it('refuses a bundle re-signed with another key, self-consistent as it is: "signed by key X, but you pinned Y"', async () => {
    const { builder } = communityHistory();
    const other = generateSigningKeyPair();
    const report = await verifyBundle(builder.lines({ keys: other }), { pinnedKey: builder.keyFingerprint });
    const foreign = publicKeyFingerprint(other.publicKey);
    expect(messages(report, 'pinned key')).toEqual([
      `signed by key ${foreign}, but you pinned ${builder.keyFingerprint}`,
    ]);
    expect(messages(report, 'signed coverage')).toEqual([
      `none of its ${builder.recorded.length} events is covered by a checkpoint signed by the pinned key ${builder.keyFingerprint}`,
    ]);
    expect(rowOf(report, 'checkpoint signatures').failed).toBe(0); // it holds together; it is just not the log's
    expect(report.figures).toEqual([]);
    expect(report.uncoveredFigures.length).toBeGreaterThan(0);
    expect(formatReport(report)).toMatch(
      new RegExp(
        `\\nestablished: nothing: no event is under a checkpoint signed by the pinned key ${builder.keyFingerprint}\\n$`,
      ),
    );
    expect(report.ok).toBe(false);
  });

  it('refuses a bundle whose checkpoints were all removed (the end line recounted), and shows no figure as verified', async () => {
    const { builder } = communityHistory();
    const lines = builder.lines().filter((l) => JSON.parse(l).record !== 'checkpoint');
    lines[lines.length - 1] = JSON.stringify({ record: 'end', events: builder.recorded.length, checkpoints: 0 });
    const report = await verifyBundle(lines, { pinnedKey: builder.keyFingerprint });
    expect(report.failures).toEqual([
      {
        check: 'signed coverage',
        message: `the bundle holds no checkpoint: none of its ${builder.recorded.length} events is covered by a signature`,
      },
    ]);
    expect(rowOf(report, 'checkpoint signatures')).toMatchObject({ checked: 0, failed: 0 });
    expect(report.figures).toEqual([]);
    const text = formatReport(report);
    expect(text).toMatch(/^checkpoint signatures\s+0\s+-$/m);
    expect(text).not.toMatch(/every signature|signature\(s\).*hold/);
    expect(text).toContain(
      `re-derived with events no signature covers (leaves 0 to ${builder.recorded.length - 1}) among them: NOT verified`,
    );
    expect(report.ok).toBe(false);
  });

  it('refuses events forged after the last signed checkpoint, names how many and from which leaf, and sets apart the figures they touch', async () => {
    const { builder } = communityHistory();
    const signed = builder.recorded.length;
    const [forged] = forgeIncome(builder);
    const report = await verifyBundle(builder.lines({ signedUpTo: signed }), { pinnedKey: builder.keyFingerprint });
    expect(report.failures).toEqual([
      {
        check: 'signed coverage',
        message: `1 event(s), leaves ${signed} to ${signed}, come after the last checkpoint that holds (${signed} leaves, signed by the pinned key ${builder.keyFingerprint}): no signature covers them, so whoever wrote the bundle could have written them`,
      },
    ]);
    expect(forged.leafIndex).toBe(signed);
    expect(report.coverage.events).toBe(signed);
    expect(report.uncoveredFigures).toEqual([
      expect.stringMatching(/^public revenue: 94200\.00 yuan after 3 entries$/),
    ]);
    expect(report.figures).toEqual(
      expect.arrayContaining(['maintenance fund: 999.99 yuan in 4 unit sub-accounts, 4000.00 yuan deposited']),
    );
    expect(report.figures.some((f) => f.startsWith('public revenue'))).toBe(false);
    expect(formatReport(report)).toContain(
      `established: the first ${signed} of ${signed + 1} events are under the checkpoint of ${signed} leaves`,
    );
  });

  it('names EQUIVOCATION between two bundles of one community that fork at one size, both signed by the log key, with both checkpoints', async () => {
    const { builder } = communityHistory();
    const common = builder.recorded.length;
    const honest = builder.lines();
    forgeIncome(builder); // one history grows by one event …
    const grown = builder.lines();
    const fork = communityHistory({ income: (d) => (d.description = '停车费（另一本账）') }).builder; // … the other, same key, differs from the income on
    Object.assign(fork, { keys: builder.keys });
    forgeIncome(fork);
    const forked = fork.lines();
    const result = await verifyBundles(
      [
        { name: 'honest.ndjson', input: honest, treeSize: common },
        { name: 'grown.ndjson', input: grown, treeSize: common + 1 },
        { name: 'forked.ndjson', input: forked, treeSize: fork.recorded.length },
      ],
      [],
      { pinnedKey: builder.keyFingerprint },
    );
    const [honestReport, grownReport, forkedReport] = result.bundles.map((b) => b.report);
    expect(honestReport.ok).toBe(true);
    // The larger honest bundle extends the smaller: one history.
    expect(grownReport.failures).toEqual([]);
    expect(rowOf(grownReport, 'other checkpoints').checked).toBe(honestReport.checkpoints);
    const last = forkedReport.signedCheckpoints.at(-1)!;
    const theirs = grownReport.signedCheckpoints.find((c) => c.treeSize === last.treeSize)!;
    // The fork is held against both: same size as grown (two roots), a larger size than honest (no prefix).
    expect(messages(forkedReport, 'other checkpoints')).toContain(
      `EQUIVOCATION: two checkpoints of community ${builder.communityId} at ${last.treeSize} leaves with different roots, both signed by key ${builder.keyFingerprint}: ` +
        `root ${theirs.rootHash} (timestamp ${theirs.timestamp}) in grown.ndjson; root ${last.rootHash} (timestamp ${last.timestamp}) in this bundle`,
    );
    expect(messages(forkedReport, 'other checkpoints')).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^EQUIVOCATION: two checkpoints of community ${builder.communityId} that are not one history, both signed by key ${builder.keyFingerprint}: ${common} leaves, root [0-9a-f]{64} \\(timestamp [^)]+\\) in honest\\.ndjson; ${last.treeSize} leaves, root ${last.rootHash} \\(timestamp [^)]+\\) in this bundle, whose first ${common} leaves give root [0-9a-f]{64}$`,
        ),
      ),
    );
    expect(result.ok).toBe(false);
  });

  it('holds a bundle against a checkpoint saved earlier, and refuses to count one newer than every bundle as agreeing', async () => {
    const { builder } = communityHistory();
    const earlier = JSON.parse(
      builder
        .lines()
        .filter((l) => l.includes('"record":"checkpoint"'))
        .at(-2)!,
    );
    const saved = { source: 'monday.json', checkpoint: earlier };
    const agreeing = await verifyBundles(
      [{ name: 'b.ndjson', input: builder.lines(), treeSize: builder.recorded.length }],
      [saved],
      { pinnedKey: builder.keyFingerprint },
    );
    expect(agreeing).toMatchObject({ ok: true, unchecked: [] });
    expect(agreeing.bundles[0].report.otherCheckpoints).toEqual(['agrees']);

    const old = builder.lines();
    forgeIncome(builder);
    const newer = JSON.parse(
      builder
        .lines()
        .filter((l) => l.includes('"record":"checkpoint"'))
        .at(-1)!,
    );
    const beyond = await verifyBundles(
      [{ name: 'old.ndjson', input: old, treeSize: builder.recorded.length - 1 }],
      [{ source: 'friday.json', checkpoint: newer }],
      { pinnedKey: builder.keyFingerprint },
    );
    expect(beyond.ok).toBe(false);
    expect(beyond.unchecked).toEqual([
      `the checkpoint of ${builder.recorded.length} leaves of community ${builder.communityId} in friday.json was held against no bundle: it is newer than every bundle of that community given (the largest holds ${builder.recorded.length - 1} events); export the log again and verify the new bundle with it`,
    ]);
  });

  it('demands the cosignatures of the named witnesses on the checkpoint that covers the events, and refuses a forged one', async () => {
    const { builder } = communityHistory();
    const [a, b, c] = [witnessKey('street-office-a'), witnessKey('street-office-b'), witnessKey('street-office-c')];
    const pinnedKey = builder.keyFingerprint;
    const cosigned = await verifyBundle(builder.lines({ cosigners: [a, b] }), {
      pinnedKey,
      witnesses: [a.vkey, b.vkey, c.vkey],
      requiredCosignatures: 2,
    });
    expect(cosigned.failures).toEqual([]);
    expect(formatReport(cosigned)).toMatch(
      /; that checkpoint is cosigned by street-office-a, street-office-b \(2 of the named witnesses street-office-a, street-office-b, street-office-c required\)$/m,
    );

    const short = await verifyBundle(builder.lines({ cosigners: [a] }), {
      pinnedKey,
      witnesses: [a.vkey, b.vkey],
      requiredCosignatures: 2,
    });
    expect(messages(short, 'witness cosignatures')).toEqual([
      expect.stringMatching(
        /^the last checkpoint \(root [0-9a-f]{64}, [^)]+\) is cosigned by 1 of the named witnesses \(street-office-a, street-office-b\), street-office-a; 2 required: no street office vouches for this history as the log showed it to them$/,
      ),
    ]);
    expect(messages(short, 'signed coverage')).toEqual([
      `none of its ${builder.recorded.length} events is covered: no checkpoint that holds is signed by the pinned key ${pinnedKey} and cosigned by 2 of the named witnesses`,
    ]);
    expect(short.ok).toBe(false);

    const impostor = ed25519Cosigner('street-office-b', generateKeyPairSync('ed25519').privateKey);
    const forged = await verifyBundle(builder.lines({ cosigners: [a, impostor] }), {
      pinnedKey,
      witnesses: [a.vkey, b.vkey],
      requiredCosignatures: 1,
    });
    expect(forged.ok).toBe(true); // another key's line under b's name is not b's: ignored, as the spec says of unknown keys
    expect(forged.coverage.by?.cosignedBy).toEqual(['street-office-a']);

    const altered = { ...b, cosign: (text: string, at: bigint) => flipLastByte(b.cosign(text, at)) };
    const tampered = await verifyBundle(builder.lines({ cosigners: [a, altered] }), {
      pinnedKey,
      witnesses: [a.vkey, b.vkey],
      requiredCosignatures: 1,
    });
    expect(messages(tampered, 'witness cosignatures')).toEqual([
      "it carries a cosignature in the name of witness street-office-b that does not hold under that witness's key: it was forged or altered",
    ]);
    expect(tampered.ok).toBe(false);
  });
});
