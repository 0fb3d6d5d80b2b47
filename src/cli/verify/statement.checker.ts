import type { Fund } from '@gongzhi/domain/finance/authorisation.js';
import { ledgerLines, type LedgerLine } from '@gongzhi/domain/finance/ledger-lines.js';
import { maintenanceFundStream } from '@gongzhi/domain/finance/maintenance-fund.events.js';
import { publicRevenueStream } from '@gongzhi/domain/finance/public-revenue.events.js';
import {
  publicCopy,
  refuseRepublishing,
  statementOf,
  type PublishedPeriod,
  type StatementContent,
} from '@gongzhi/domain/finance/statement-content.js';
import {
  STATEMENT_REGISTER_EVENT_TYPES,
  statementRegisterDecider,
  type StatementRegisterEvent,
  type StatementRegisterState,
} from '@gongzhi/domain/finance/statement-register.js';
import { statementDecider, type StatementState } from '@gongzhi/domain/finance/statement.js';
import { STATEMENT_EVENT_TYPES, type StatementEvent } from '@gongzhi/domain/finance/statement.events.js';
import { canonicalSha256 } from '@gongzhi/ledger-log/canonical-sha256.js';
import type { BundleEvent } from '../../transparency/export/bundle-format.js';
import type { DerivedFacts } from './derived-facts.js';
import { differences, sameJson } from './differences.js';
import { refusal } from './domain-refusal.js';
import { type Findings, refOf } from './findings.js';
import type { StreamChecker } from './stream-checker.js';
import { StreamFolds } from './stream-folds.js';

const FUND_STREAM: Record<Fund, (communityId: string) => string> = {
  PUBLIC_REVENUE: publicRevenueStream,
  MAINTENANCE_FUND: maintenanceFundStream,
};

type Drafted = Extract<StatementEvent, { type: 'StatementDrafted' }>['data'];

/**
 * Statements (rule 23): a draft's figures — opening balance, corrections, income by source, each
 * expense, closing balance, every unit's balance — are what the domain's statementOf gives over the
 * fund's ledger lines booked before it in the log (as far as the draft says it read them), with the
 * fund's statements published before it; the published seal is the SHA-256 of that content.
 */
export class StatementChecker implements StreamChecker {
  readonly check = 'statements';
  readonly eventTypes = [...STATEMENT_EVENT_TYPES, ...STATEMENT_REGISTER_EVENT_TYPES];
  private readonly folds = new StreamFolds<StatementEvent, StatementState>(statementDecider, this.check);
  private readonly registers = new StreamFolds<StatementRegisterEvent, StatementRegisterState>(
    statementRegisterDecider,
    this.check,
  );
  /** Each fund's published periods so far, by the fund's stream id. */
  private readonly published = new Map<string, PublishedPeriod[]>();
  private sealed = 0;

  constructor(private readonly derived: DerivedFacts) {}

  add(event: BundleEvent, findings: Findings): void {
    if (event.type === 'StatementPeriodSealed') return this.registerSeal(event, findings);
    const before = this.folds.current(event.streamId);
    if (before === null) return;
    const problems =
      event.type === 'StatementDrafted'
        ? this.draftProblems(event.data as Drafted)
        : event.type === 'StatementPublished'
          ? [...sealProblems(event.data as Seals, before), ...this.periodProblems(before)]
          : null;
    if (this.folds.apply(event, findings) === null) return;
    if (problems)
      findings.expectAll(
        this.check,
        problems.map((message) => ({ event: refOf(event), message })),
      );
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
      return [
        `it says it read the ledger through line ${through}, but only ${booked.length} lines were booked before it`,
      ];
    }
    let content: StatementContent | null = null;
    const refused = refusal(() => {
      content = statementOf(
        d.fund,
        lines,
        new Date(d.periodStart),
        new Date(d.periodEnd),
        this.published.get(stream) ?? [],
      );
    }, 'its period cannot be recomputed');
    if (refused.length) return refused;
    return sameJson(d.content, content)
      ? []
      : [
          `its figures for ${d.periodStart} to ${d.periodEnd} are not what the ${lines.length} ledger lines before it give: ${differences(d.content, content)}`,
        ];
  }

  /** Rule 28: the fund's register seals a period only if no other statement of the fund holds it; decided again here. */
  private registerSeal(event: BundleEvent, findings: Findings): void {
    const before = this.registers.current(event.streamId);
    if (before === null) return;
    const d = event.data as StatementRegisterEvent['data'];
    let again: StatementRegisterEvent | undefined;
    const problems = refusal(() => {
      [again] = statementRegisterDecider.decide(
        { type: 'SealPeriod', data: { ...d, now: new Date(d?.sealedAt) } },
        before,
      );
    }, "the fund's register could not seal this period");
    if (!problems.length && !sameJson(d, again?.data))
      problems.push(
        `sealed again from the register before it, this period comes out otherwise: ${differences(d, again?.data)}`,
      );
    if (this.registers.apply(event, findings) === null) return;
    findings.expectAll(
      this.check,
      problems.map((message) => ({ event: refOf(event), message })),
    );
  }

  /** Rule 28: one sealed statement per fund and period, whatever a register says (a bundle may lack one). */
  private periodProblems(before: StatementState): string[] {
    if (before.status !== 'draft') return [];
    const { content } = before;
    const stream = FUND_STREAM[content.fund]?.(before.communityId);
    if (!stream) return [];
    return refusal(
      () =>
        refuseRepublishing(
          this.published.get(stream) ?? [],
          new Date(content.periodStart),
          new Date(content.periodEnd),
        ),
      'it seals a second statement of a sealed period (DOMAIN.md rule 28)',
    );
  }

  private publish(draft: Extract<StatementState, { status: 'draft' }>): void {
    const { content } = draft;
    const stream = FUND_STREAM[content.fund]?.(draft.communityId);
    if (!stream) return;
    const period: PublishedPeriod = {
      statementId: draft.statementId,
      periodStart: content.periodStart,
      periodEnd: content.periodEnd,
      bookedThrough: content.bookedThrough,
    };
    this.published.set(stream, [...(this.published.get(stream) ?? []), period]);
    this.sealed++;
  }
}

type Seals = { contentSha256?: unknown; publicSha256?: unknown };

function sealProblems(d: Seals, before: StatementState): string[] {
  if (before.status === 'none') return ['it seals a statement the bundle never drafts'];
  if (before.status === 'published') return ['it seals a statement that was sealed already'];
  const seal = canonicalSha256(before.content);
  const problems =
    d?.contentSha256 === seal
      ? []
      : [
          `its seal ${String(d?.contentSha256)} is not the SHA-256 of the drafted content (${seal}): the content was changed, or the seal is wrong`,
        ];
  // Rule 32; statements sealed before it carry no second seal.
  if (d?.publicSha256 !== undefined) {
    const publicSeal = canonicalSha256(publicCopy(before.content));
    if (d.publicSha256 !== publicSeal)
      problems.push(
        `its public seal ${String(d.publicSha256)} is not the SHA-256 of the content's public copy (${publicSeal}) (DOMAIN.md rule 32)`,
      );
  }
  return problems;
}
