import { PUBLIC_REVENUE_BANK, publicRevenueCovenantExpense } from '@gongzhi/domain/finance/accounts.js';
import { checkPaidAfterClose } from '@gongzhi/domain/finance/authorisation.js';
import { beijingYear, checkCaps, delegationFrom } from '@gongzhi/domain/finance/covenant.js';
import { balanceOf } from '@gongzhi/domain/finance/journal.js';
import { fundBalance, topUpDue } from '@gongzhi/domain/finance/fund-balances.js';
import { maintenanceFundStream } from '@gongzhi/domain/finance/maintenance-fund.events.js';
import {
  inTransit,
  publicRevenueBalance,
  publicRevenueDecider,
  spentUnder,
  type PublicRevenueState,
} from '@gongzhi/domain/finance/public-revenue.js';
import {
  PUBLIC_REVENUE_EVENT_TYPES,
  type CovenantDelegationSetData,
  type PublicRevenueEvent,
  type PublicRevenueSpentData,
  type PublicRevenueSpentUnderCovenantData,
  type PublicRevenueTransferredToFundData,
  publicRevenueStream,
} from '@gongzhi/domain/finance/public-revenue.events.js';
import { formatYuan, parseYuan } from '@gongzhi/domain/shared/quantities.js';
import type { BundleEvent } from '../../transparency/export/bundle-format.js';
import type { DerivedFacts } from './derived-facts.js';
import { differences, sameJson } from './differences.js';
import { refusal } from './domain-refusal.js';
import { LedgerChecker } from './ledger-checker.js';

/** The public-revenue account (rule 19): every entry re-added, every spend held to its vote or to the covenant's caps. */
export class PublicRevenueChecker extends LedgerChecker<PublicRevenueEvent, PublicRevenueState> {
  readonly eventTypes = PUBLIC_REVENUE_EVENT_TYPES;

  constructor(derived: DerivedFacts) {
    super(
      derived,
      publicRevenueDecider,
      'public revenue entries',
      { account: PUBLIC_REVENUE_BANK, name: 'public-revenue account' },
      null,
    );
  }

  figures(): string[] {
    return [...this.folds.entries()].map(
      ([, state]) =>
        `public revenue: ${formatYuan(publicRevenueBalance(state))} yuan after ${state.entries.size} entries`,
    );
  }

  protected recordedFigures(event: BundleEvent, before: PublicRevenueState, after: PublicRevenueState): string[] {
    switch (event.type) {
      case 'PublicRevenueSpent': {
        const d = event.data as PublicRevenueSpentData;
        const spent = spentUnder(after, d.resolutionId);
        return [
          ...this.authority(d.resolutionId, 'PUBLIC_REVENUE', parseYuan(d.amount), spentUnder(before, d.resolutionId), {
            budget: d.budget,
            outcome: d.resolutionOutcome,
            paidAt: d.paidAt,
          }),
          ...(d.spentUnderResolution !== formatYuan(spent)
            ? [
                `it records ${d.spentUnderResolution} yuan spent under resolution ${d.resolutionId}, but the ledger's entries add up to ${formatYuan(spent)} yuan`,
              ]
            : []),
        ];
      }
      case 'PublicRevenueSpentUnderCovenant': {
        const d = event.data as PublicRevenueSpentUnderCovenantData;
        const covenant = this.derived.resolutions.get(d.covenantResolutionId);
        const early = covenant
          ? refusal(
              () => checkPaidAfterClose(covenant, d.paidAt),
              'the covenant vote behind it, as recounted, had not yet authorised it',
            )
          : [];
        return [...covenantSpendProblems(d, before, after), ...early];
      }
      case 'CovenantDelegationSet':
        return this.delegationProblems(event.data as CovenantDelegationSetData, before);
      case 'PublicRevenueTransferredToFund':
        return this.topUpProblems(event, event.data as PublicRevenueTransferredToFundData, before);
      default:
        return [];
    }
  }

  /** Rule 27: the caps recorded are the caps the passed covenant vote carried, and it replaced no later covenant. */
  private delegationProblems(d: CovenantDelegationSetData, before: PublicRevenueState): string[] {
    const facts = this.derived.resolutions.get(d.resolutionId);
    if (!facts)
      return [
        `it names resolution ${d.resolutionId}, which the bundle's events never close: no recounted covenant delegates spending`,
      ];
    let adopted: ReturnType<typeof delegationFrom> | null = null;
    const refused = refusal(() => {
      adopted = delegationFrom(facts, before.delegation);
    }, 'the covenant vote behind it, as recounted, delegates no such spending');
    if (refused.length || !adopted) return refused;
    const { perItemCap, yearlyCap } = adopted as ReturnType<typeof delegationFrom>;
    const recorded = { perItemCap: d.perItemCap, yearlyCap: d.yearlyCap };
    const voted = { perItemCap: formatYuan(perItemCap), yearlyCap: formatYuan(yearlyCap) };
    return sameJson(recorded, voted)
      ? []
      : [
          `its caps are not the ones covenant vote ${d.resolutionId} adopted (DOMAIN.md rule 27): ${differences(recorded, voted)}`,
        ];
  }

  /**
   * Rule 22: public revenue goes into the fund without a vote only while the fund stands below 30% of
   * its initial total, and only up to what brings it back. The fund is judged as its own events in the
   * log give it at this point, so a transfer cannot claim the fund was lower than it was.
   */
  private topUpProblems(
    event: BundleEvent,
    d: PublicRevenueTransferredToFundData,
    before: PublicRevenueState,
  ): string[] {
    const fund = this.derived.funds.get(maintenanceFundStream(event.streamId.slice(publicRevenueStream('').length)));
    const standing = {
      balance: fund ? fundBalance(fund) : 0n,
      initialTotal: fund?.deposited ?? 0n,
      received: fund?.receivedTopUps ?? new Set<string>(),
    };
    const due = topUpDue(standing.balance + inTransit(before, standing), standing.initialTotal);
    const recorded = { fundBalance: d.fundBalance, initialTotal: d.initialTotal, topUpDue: d.topUpDue };
    const derived = {
      fundBalance: formatYuan(standing.balance),
      initialTotal: formatYuan(standing.initialTotal),
      topUpDue: formatYuan(due),
    };
    const problems = sameJson(recorded, derived)
      ? []
      : [
          `it records the maintenance fund otherwise than the fund's own entries give it here: ${differences(recorded, derived)}`,
        ];
    if (parseYuan(d.amount) > due)
      problems.push(
        `it moves ${d.amount} yuan into the maintenance fund, but only ${formatYuan(due)} yuan was due to bring it back to 30% of its initial total (DOMAIN.md rule 22)`,
      );
    return problems;
  }
}

/** Rule 19's other authority: within the covenant's caps as the ledger stood, with the year's running total right. */
function covenantSpendProblems(
  d: PublicRevenueSpentUnderCovenantData,
  before: PublicRevenueState,
  after: PublicRevenueState,
): string[] {
  const year = beijingYear(d.paidAt);
  const account = publicRevenueCovenantExpense(year);
  const delegation = before.delegation;
  const problems = refusal(
    () => checkCaps(delegation, parseYuan(d.amount), balanceOf(before.balances, account), year),
    'the covenant does not cover it',
  );
  if (d.year !== year)
    problems.push(`it counts against the cap of ${d.year}, but it was paid in ${year} (Beijing time)`);
  if (delegation) {
    const recorded = { covenantResolutionId: d.covenantResolutionId, perItemCap: d.perItemCap, yearlyCap: d.yearlyCap };
    const standing = {
      covenantResolutionId: delegation.resolutionId,
      perItemCap: formatYuan(delegation.perItemCap),
      yearlyCap: formatYuan(delegation.yearlyCap),
    };
    if (!sameJson(recorded, standing))
      problems.push(`it records a delegation other than the one in force: ${differences(recorded, standing)}`);
  }
  const spent = formatYuan(balanceOf(after.balances, account));
  if (d.spentThisYear !== spent)
    problems.push(
      `it records ${d.spentThisYear} yuan spent under the covenant in ${year}, but the ledger's entries add up to ${spent} yuan`,
    );
  return problems;
}
