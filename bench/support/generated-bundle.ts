import { countedForClose, RESOLUTION_VOTE } from '../../libs/receipts/counted-ballots.js';
import { resolutionDecider } from '../../libs/domain/voting/resolution.js';
import { BundleBuilder } from '../../test/transparency/bundle-builder.js';
import { generatedVote } from './generated-vote.js';

/**
 * An export bundle of one community holding a closed vote of `heads` generated voters, written as the
 * server writes it (test/transparency/bundle-builder.ts): every leaf hashed, a checkpoint every
 * `checkpointEvery` leaves, each signed and with its C2SP note. Answers its text and the key to pin.
 */
export function generatedBundle(heads: number, checkpointEvery = 100): { text: string; key: string } {
  const { streamId, events } = generatedVote(heads);
  const builder = new BundleBuilder();
  builder.record(
    streamId,
    events.map((e) => ({ type: e.type, data: e.data })),
  );
  const state = builder.state(resolutionDecider, streamId);
  const close = resolutionDecider.decide(
    {
      type: 'CloseResolution',
      data: {
        now: new Date('2026-01-21T00:00:00Z'),
        counted: countedForClose(RESOLUTION_VOTE, builder.stream(streamId)),
      },
    },
    state,
  );
  builder.record(streamId, close);
  return { text: `${builder.lines({ checkpointEvery }).join('\n')}\n`, key: builder.keyFingerprint };
}
