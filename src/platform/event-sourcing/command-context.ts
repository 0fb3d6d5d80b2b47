import { createHash, randomUUID } from 'node:crypto';
import type { EventMetadata } from '@gongzhi/event-store/event-store.js';

/** Who acts, for which community, as part of which request: what every event's metadata records. */
export interface CommandContext {
  actor: { id: string; role: string };
  communityId: string | null;
  commandId: string;
  correlationId: string;
  causationId: string;
  now: Date;
}

export function metadataOf(context: CommandContext): EventMetadata {
  return {
    communityId: context.communityId,
    actor: context.actor,
    commandId: context.commandId,
    correlationId: context.correlationId,
    causationId: context.causationId,
    occurredAt: context.now.toISOString(),
  };
}

/** A name-based UUID (version 8, SHA-256): the same inputs always give the same id. */
export function nameBasedUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A request retried with the same Idempotency-Key gets the same command id, hence the same event ids,
 * so the event store appends nothing twice even if the first answer was lost. The key's window (when
 * it was first used) is part of the name: once it has expired, the same key is another command.
 * A key first used before windows were recorded has none, and keeps the id it always had.
 */
export function commandIdFor(accountId: string, idempotencyKey: string | null, window: string | null = null): string {
  if (!idempotencyKey) return randomUUID();
  return window
    ? nameBasedUuid('command', accountId, idempotencyKey, window)
    : nameBasedUuid('command', accountId, idempotencyKey);
}

export function eventIdFor(commandId: string, streamId: string, index: number): string {
  return nameBasedUuid('event', commandId, streamId, String(index));
}
