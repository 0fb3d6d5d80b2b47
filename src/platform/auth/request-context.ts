import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { CommandContext } from '../event-sourcing/command-context.js';
import { commandIdFor } from '../event-sourcing/command-context.js';
import type { Actor, Principal } from './principal.js';

/** What a controller hands a command: the caller, and the request's ids and time. */
export class RequestContext {
  constructor(
    readonly principal: Principal | null,
    readonly idempotencyKey: string | null,
    readonly correlationId: string,
    readonly now: Date,
    /** When the key's current window began (IdempotencyInterceptor): the same key in a later window is another command. */
    readonly idempotencyWindow: string | null = null,
  ) {}

  /**
   * How a step on something of a community starts once its actor is authorised: `subject`, the look-up of
   * what it acts on, refuses one of another community (404) before anything else, then the events' metadata.
   */
  async stepContext(actor: Actor, communityId: string, subject: Promise<unknown>): Promise<CommandContext> {
    await subject;
    return this.commandContext(actor, communityId);
  }

  /** The metadata for events appended on behalf of this actor. */
  commandContext(actor: Actor, communityId: string | null): CommandContext {
    const commandId = commandIdFor(actor.id, this.idempotencyKey, this.idempotencyWindow);
    return {
      actor: { id: actor.id, role: actor.role },
      communityId,
      commandId,
      correlationId: this.correlationId,
      causationId: commandId,
      now: this.now,
    };
  }
}

export type GongzhiRequest = Request & { principal?: Principal | null; now?: Date; idempotencyWindow?: string | null };

export const Ctx = createParamDecorator((_: unknown, host: ExecutionContext): RequestContext => {
  const request = host.switchToHttp().getRequest<GongzhiRequest>();
  const key = request.header('idempotency-key') ?? null;
  const correlation = request.header('x-correlation-id');
  const correlationId = correlation && /^[\w.:-]{1,100}$/.test(correlation) ? correlation : randomUUID();
  return new RequestContext(
    request.principal ?? null,
    key,
    correlationId,
    request.now ?? new Date(),
    request.idempotencyWindow ?? null,
  );
});
