import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { refuseRepublishing, type StatementContent } from '../../../libs/domain/finance/statement-content.js';
import type { StatementState } from '../../../libs/domain/finance/statement.js';
import { notFound } from '../../../libs/domain/shared/domain-error.js';
import { canonicalSha256 } from '../../../libs/ledger-log/canonical-sha256.js';
import { authorize } from '../../platform/auth/principal.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { FinanceLookups } from '../finance-lookups.js';
import { StatementStream } from '../finance-streams.js';

/** The seal: anyone holding the published content recomputes this hash and finds it in the log (gongzhi verify does). */
export function contentSha256(content: StatementContent): string {
  return canonicalSha256(content);
}

export class PublishStatement extends Command<{ contentSha256: string; position: string }> {
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
    if (state.status === 'none' || state.communityId !== communityId) throw notFound('STATEMENT_NOT_FOUND', `community ${communityId} has no statement ${statementId}`);
  };
}

/** The committee publishes a draft, sealing its content hash in an event (rule 23). */
@CommandHandler(PublishStatement)
export class PublishStatementHandler implements ICommandHandler<PublishStatement> {
  constructor(
    private readonly statements: StatementStream,
    private readonly lookups: FinanceLookups,
  ) {}

  async execute({ communityId, statementId, ctx }: PublishStatement) {
    const actor = authorize(ctx.principal, ['committee'], communityId);
    const state = await this.statements.state(statementId);
    inCommunity(communityId, statementId)(state);
    const { content } = state as Exclude<StatementState, { status: 'none' }>;
    if (state.status === 'draft') {
      // Two drafts of one period: only the first to be published is sealed.
      refuseRepublishing(await this.lookups.publishedPeriods(communityId, content.fund), new Date(content.periodStart), new Date(content.periodEnd));
    }
    // A draft's content never changes, so the hash taken here is the hash of what gets sealed.
    const hash = contentSha256(content);
    const context = ctx.commandContext(actor, communityId);
    const { position } = await this.statements.execute(
      statementId,
      { type: 'PublishStatement', data: { contentSha256: hash, now: context.now } },
      context,
      inCommunity(communityId, statementId),
    );
    return { contentSha256: hash, position: String(position) };
  }
}

/** The community's auditor gives an opinion on a published statement, with the report's hash. */
@CommandHandler(AuditStatement)
export class AuditStatementHandler implements ICommandHandler<AuditStatement> {
  constructor(private readonly statements: StatementStream) {}

  async execute({ communityId, statementId, audit, ctx }: AuditStatement) {
    const actor = authorize(ctx.principal, ['auditor'], communityId);
    const context = ctx.commandContext(actor, communityId);
    const { position } = await this.statements.execute(
      statementId,
      { type: 'AuditStatement', data: { ...audit, auditorId: actor.id, now: context.now } },
      context,
      inCommunity(communityId, statementId),
    );
    return { position: String(position) };
  }
}
