import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { publicCopy, type StatementContent } from '@gongzhi/domain/finance/statement-content.js';
import type { StatementState } from '@gongzhi/domain/finance/statement.js';
import { statementRegisterStream } from '@gongzhi/domain/finance/statement-register.js';
import { notFound } from '@gongzhi/domain/shared/domain-error.js';
import { canonicalSha256 } from '@gongzhi/ledger-log/canonical-sha256.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { EventSourcing } from '../../platform/event-sourcing/event-sourcing.service.js';
import { authorizeAudit, authorizeFinance } from '../finance.access.js';
import { STATEMENT, STATEMENT_REGISTER } from '../finance-streams.js';

/** The seal: anyone holding the published content recomputes this hash and finds it in the log (gongzhi verify does). */
export function contentSha256(content: StatementContent): string {
  return canonicalSha256(content);
}

/** The second seal (rule 32): of the public copy, exactly the `content` the public statement endpoint answers. */
export function publicSha256(content: StatementContent): string {
  return canonicalSha256(publicCopy(content));
}

export class PublishStatement extends Command<{ contentSha256: string; publicSha256: string; position: string }> {
  constructor(
    readonly communityId: string,
    readonly statementId: string,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

export class AuditStatement extends Command<{ position: string }> {
  constructor(
    readonly communityId: string,
    readonly statementId: string,
    readonly audit: { opinion: string; reportSha256: string },
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/** A statement of another community is a 404 here, checked on the state the command is decided on. */
function inCommunity(communityId: string, statementId: string) {
  return (state: StatementState) => {
    if (state.status === 'none' || state.communityId !== communityId)
      throw notFound('STATEMENT_NOT_FOUND', `community ${communityId} has no statement ${statementId}`);
  };
}

/**
 * The committee publishes a draft, sealing its content hash in an event (rule 23). The fund's register
 * decides first (rule 28): of two drafts of one period published at once, one is sealed there and the
 * other refused, whatever the read model has seen yet.
 */
@CommandHandler(PublishStatement)
export class PublishStatementHandler implements ICommandHandler<PublishStatement> {
  constructor(private readonly es: EventSourcing) {}

  async execute({ communityId, statementId, ctx }: PublishStatement) {
    const actor = authorizeFinance(ctx, 'PublishStatement', communityId);
    const state = await this.es.state(STATEMENT.stream(statementId, inCommunity(communityId, statementId)));
    const { content } = state as Exclude<StatementState, { status: 'none' }>;
    const context = ctx.commandContext(actor, communityId);
    const { fund, periodStart, periodEnd, bookedThrough } = content;
    await this.es.handle(
      STATEMENT_REGISTER.stream(statementRegisterStream(communityId, fund)),
      { type: 'SealPeriod', data: { statementId, fund, periodStart, periodEnd, bookedThrough, now: context.now } },
      context,
    );
    // A draft's content never changes, so the hashes taken here are the hashes of what gets sealed.
    const seals = { contentSha256: contentSha256(content), publicSha256: publicSha256(content) };
    const { position } = await this.es.handle(
      STATEMENT.stream(statementId, inCommunity(communityId, statementId)),
      { type: 'PublishStatement', data: { ...seals, now: context.now } },
      context,
    );
    return { ...seals, position: String(position) };
  }
}

/** The community's auditor gives an opinion on a published statement, with the report's hash. */
@CommandHandler(AuditStatement)
export class AuditStatementHandler implements ICommandHandler<AuditStatement> {
  constructor(private readonly es: EventSourcing) {}

  async execute({ communityId, statementId, audit, ctx }: AuditStatement) {
    // Rule 32: an auditor invited for one statement audits that one; one invited before rule 32 named none.
    const actor = authorizeAudit(ctx, communityId, statementId);
    const context = ctx.commandContext(actor, communityId);
    const { position } = await this.es.handle(
      STATEMENT.stream(statementId, inCommunity(communityId, statementId)),
      { type: 'AuditStatement', data: { ...audit, auditorId: actor.id, now: context.now } },
      context,
    );
    return { position: String(position) };
  }
}
