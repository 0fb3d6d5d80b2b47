import { randomUUID } from 'node:crypto';
import type { SigningKeyPair } from '@gongzhi/ledger-log/checkpoint-signing.js';
import { resolutionDecider } from '@gongzhi/domain/voting/resolution.js';
import { countedForClose, RESOLUTION_VOTE } from '@gongzhi/receipts/counted-ballots.js';
import { BundleBuilder } from '../../test/transparency/bundle-builder.js';
import { generatedVote } from './generated-vote.js';

/**
 * An export bundle of one community holding a closed vote of `heads` generated voters, written as the
 * server writes it (test/transparency/bundle-builder.ts): every leaf hashed, a checkpoint every
 * `checkpointEvery` leaves (the server's default, 100), each signed, with its C2SP note. Answers its
 * text and the fingerprint of the key to pin.
 */
export function generatedBundle(
  heads: number,
  options: { keys?: SigningKeyPair; checkpointEvery?: number } = {},
): { text: string; key: string } {
  const { streamId, events } = generatedVote(heads);
  const builder = new BundleBuilder(randomUUID());
  if (options.keys) Object.assign(builder, { keys: options.keys });
  builder.record(
    streamId,
    events.map((e) => ({ type: e.type, data: e.data })),
  );
  const counted = countedForClose(RESOLUTION_VOTE, builder.stream(streamId));
  builder.record(
    streamId,
    resolutionDecider.decide(
      { type: 'CloseResolution', data: { now: new Date('2026-01-21T00:00:00Z'), counted } },
      builder.state(resolutionDecider, streamId),
    ),
  );
  const lines = builder.lines({ checkpointEvery: options.checkpointEvery ?? 100 });
  return { text: `${lines.join('\n')}\n`, key: builder.keyFingerprint };
}
