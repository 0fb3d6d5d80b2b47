import { eventLeafHash } from '@gongzhi/ledger-log/event-leaf.js';
import type { AppendedEvent } from '../platform/event-sourcing/event-sourcing.service.js';

/** What an owner keeps: enough to fetch an inclusion proof later and check it on their own device. */
export interface BallotReceipt {
  eventId: string;
  streamId: string;
  revision: number;
  leafHash: string;
  position: string;
}

export function receiptOf(event: AppendedEvent, position: bigint | null): BallotReceipt {
  const { eventId, streamId, revision, type, data, metadata } = event;
  return {
    eventId,
    streamId,
    revision,
    leafHash: eventLeafHash({ eventId, streamId, revision, type, data, metadata }),
    position: String(position),
  };
}
