import type { Fund } from '../../../libs/domain/finance/authorisation.js';
import { ledgerLines, type LedgerLine } from '../../../libs/domain/finance/ledger-lines.js';
import { maintenanceFundStream } from '../../../libs/domain/finance/maintenance-fund.events.js';
import { publicRevenueStream } from '../../../libs/domain/finance/public-revenue.events.js';
import { statementOf, type PublishedPeriod, type StatementContent } from '../../../libs/domain/finance/statement-content.js';
import { statementDecider, type StatementState } from '../../../libs/domain/finance/statement.js';
import { STATEMENT_EVENT_TYPES, type StatementEvent } from '../../../libs/domain/finance/statement.events.js';
import { canonicalSha256 } from '../../../libs/ledger-log/canonical-sha256.js';
import type { BundleEvent } from '../../transparency/export/bundle-format.js';
import type { DerivedFacts } from './derived-facts.js';
import { differences, sameJson } from './differences.js';
import { type Findings, refOf } from './findings.js';
import { refusal } from './ledger-checker.js';
import type { StreamChecker } from './stream-checkers.js';
import { StreamFolds } from './stream-folds.js';

const FUND_STREAM: Record<Fund, (communityId: string) => string> = { PUBLIC_REVENUE: publicRevenueStream, MAINTENANCE_FUND: maintenanceFundStream };

type Drafted = Extract<StatementEvent, { type: 'StatementDrafted' }>['data'];

/**
 * Statements (rule 23): a draft's figures — opening balance, corrections, income by source, each
 * expense, closing balance, every unit's balance — are what the domain's statementOf gives over the
 * fund's ledger lines booked before it in the log (as far as the draft says it read them), with the
 * fund's statements published before it; the published seal is the SHA-256 of that content.
 */
export class StatementChecker implements StreamChecker {
  readonly check = 'statements';
  readonly eventTypes = STATEMENT_EVENT_TYPES;
  private readonly folds = new StreamFolds<StatementEvent, StatementState>(statementDecider, this.check);
  /** Each fund's published periods so far, by the fund's stream id. */
  private readonly published = new Map<string, PublishedPeriod[]>();
  private sealed = 0;

  constructor(private readonly derived: DerivedFacts) {}

  add(event: BundleEvent, findings: Findings): void {
    const before = this.folds.current(event.streamId);
    if (before === null) return;
    const problems =
      event.type === 'StatementDrafted'
        ? this.draftProblems(event.data as Drafted)
        : event.type === 'StatementPublished'
          ? sealProblems(event.data as { contentSha256?: unknown }, before)
          : null;
    if (this.folds.apply(event, findings) === null) return;
    if (problems) findings.expectAll(this.check, problems.map((message) => ({ event: refOf(event), message })));
    if (event.type === 'StatementPublished' && before.status === 'draft') this.publish(before);
  }

  finish(): void {}

  figures(): string[] {
    return this.sealed ? [`statements: ${this.sealed} published, each recomputed from its fund's entries`] : [];
  }

  private draftProblems(d: Drafted): string[] {
    const streamOf = FUND_STREAM[d?.fund];
    if (!streamOf) return [`it is a statement of ${JSON.stringify(d?.fund)}, which is no fund`];
    const stream = streamOf(d.communityId);
    const ledger = this.derived.ledgers.get(stream);
    const booked = ledger ? ledgerLines(ledger) : [];
    const through = (d.content as { bookedThrough?: unknown } | null)?.bookedThrough;
    const lines = typeof through === 'number' ? booked.filter((line: LedgerLine) => line.seq <= through) : booked;
    if (typeof through === 'number' && through > booked.length) {
      return [`it says it read the ledger through line ${through}, but only ${booked.length} lines were booked before it`];
    }
    let content: StatementContent | null = null;
    const refused = refusal(() => {
      content = statementOf(d.fund, lines, new Date(d.periodStart), new Date(d.periodEnd), this.published.get(stream) ?? []);
    }, 'its period cannot be recomputed');
    if (refused.length) return refused;
    return sameJson(d.content, content)
      ? []
      : [`its figures for ${d.periodStart} to ${d.periodEnd} are not what the ${lines.length} ledger lines before it give: ${differences(d.content, content)}`];
  }

  private publish(draft: Extract<StatementState, { status: 'draft' }>): void {
    const { content } = draft;
    const stream = FUND_STREAM[content.fund]?.(draft.communityId);
    if (!stream) return;
    const period: PublishedPeriod = { statementId: draft.statementId, periodStart: content.periodStart, periodEnd: content.periodEnd, bookedThrough: content.bookedThrough };
    this.published.set(stream, [...(this.published.get(stream) ?? []), period]);
    this.sealed++;
  }
}

function sealProblems(d: { contentSha256?: unknown }, before: StatementState): string[] {
  if (before.status === 'none') return ['it seals a statement the bundle never drafts'];
  if (before.status === 'published') return ['it seals a statement that was sealed already'];
  const seal = canonicalSha256(before.content);
  return d?.contentSha256 === seal ? [] : [`its seal ${String(d?.contentSha256)} is not the SHA-256 of the drafted content (${seal}): the content was changed, or the seal is wrong`];
}
