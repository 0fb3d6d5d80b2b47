import { MAINTENANCE_FUND_BANK, unitFund } from '@gongzhi/domain/finance/accounts.js';
import { apportionByArea } from '@gongzhi/domain/finance/apportion.js';
import {
  belowThreshold,
  fundBalance,
  maintenanceFundDecider,
  type MaintenanceFundState,
} from '@gongzhi/domain/finance/maintenance-fund.js';
import {
  MAINTENANCE_FUND_EVENT_TYPES,
  type MaintenanceFundEvent,
  type MaintenanceFundWithdrawnData,
} from '@gongzhi/domain/finance/maintenance-fund.events.js';
import { formatYuan, parseArea, parseYuan } from '@gongzhi/domain/shared/quantities.js';
import type { BundleEvent } from '../../transparency/export/bundle-format.js';
import type { DerivedFacts } from './derived-facts.js';
import { differences, sameJson } from './differences.js';
import type { Findings } from './findings.js';
import { refusal } from './domain-refusal.js';
import { LedgerChecker } from './ledger-checker.js';
import { ledgerLines } from '@gongzhi/domain/finance/ledger-lines.js';

/**
 * The maintenance fund (rules 20–22) with every unit's sub-account: deposits add up to their total,
 * each withdrawal's shares are its amount apportioned by the areas it records (to the fen, the
 * domain's largest-remainder rule), the 30% flag is where the fund stands, and a withdrawal under a
 * vote stays within what the recounted vote allows.
 */
export class MaintenanceFundChecker extends LedgerChecker<MaintenanceFundEvent, MaintenanceFundState> {
  readonly eventTypes = MAINTENANCE_FUND_EVENT_TYPES;

  constructor(derived: DerivedFacts) {
    super(
      derived,
      maintenanceFundDecider,
      'maintenance fund entries',
      { account: MAINTENANCE_FUND_BANK, name: 'maintenance fund' },
      unitFund,
    );
  }

  override add(event: BundleEvent, findings: Findings): void {
    super.add(event, findings);
    const state = this.folds.current(event.streamId);
    if (state) this.derived.funds.set(event.streamId, state);
  }

  figures(): string[] {
    const prefix = unitFund('');
    return [...this.folds.entries()].map(([, state]) => {
      const units = [...state.balances.keys()].filter((account) => account.startsWith(prefix)).length;
      return `maintenance fund: ${formatYuan(fundBalance(state))} yuan in ${units} unit sub-accounts, ${formatYuan(state.deposited)} yuan deposited`;
    });
  }

  protected recordedFigures(event: BundleEvent, before: MaintenanceFundState, after: MaintenanceFundState): string[] {
    if (event.type === 'MaintenanceFundDeposited') {
      const total = after.deposited - before.deposited;
      const deposits = ledgerLines(after, before).reduce((sum, line) => sum + line.effect, 0n);
      return total === deposits
        ? []
        : [`its total says ${formatYuan(total)} yuan, but its deposits add up to ${formatYuan(deposits)} yuan`];
    }
    if (event.type !== 'MaintenanceFundWithdrawn') return [];
    const d = event.data as MaintenanceFundWithdrawnData;
    const fen = parseYuan(d.amount);
    const problems: string[] = [];
    const recorded = d.shares.map((s) => ({ unitId: s.unitId, amount: s.amount }));
    let apportioned: typeof recorded = [];
    problems.push(
      ...refusal(() => {
        apportioned = apportionByArea(
          fen,
          d.shares.map((s) => ({ unitId: s.unitId, area: parseArea(s.areaM2) })),
        ).map((s) => ({ unitId: s.unitId, amount: formatYuan(s.amount) }));
      }, 'its shares cannot be apportioned again'),
    );
    if (problems.length === 0 && !sameJson(recorded, apportioned))
      problems.push(
        `its shares are not ${d.amount} yuan apportioned by the areas it records: ${differences(recorded, apportioned)}`,
      );
    const below = belowThreshold(fundBalance(after), before.deposited);
    if (d.belowThreshold !== below) {
      problems.push(
        `it records the fund as ${d.belowThreshold ? '' : 'not '}below 30% of its deposits, but after it the fund holds ${formatYuan(fundBalance(after))} of ${formatYuan(before.deposited)} yuan`,
      );
    }
    if (d.authority.kind === 'RESOLUTION') {
      const { resolutionId, budget, outcome } = d.authority;
      problems.push(
        ...this.authority(resolutionId, 'MAINTENANCE_FUND', fen, before.spentByResolution.get(resolutionId) ?? 0n, {
          budget,
          outcome,
          paidAt: d.paidAt,
        }),
      );
      problems.push(...this.bearerProblems(resolutionId, d));
    }
    return problems;
  }

  /** Rule 25: a withdrawal under a vote that named its bearers charges exactly them, as the vote's draft names them. */
  private bearerProblems(resolutionId: string, d: MaintenanceFundWithdrawnData): string[] {
    const budget = this.derived.resolutions.get(resolutionId)?.budget;
    if (!budget || !(budget.units?.length || budget.buildings?.length)) return [];
    const voted = { units: [...(budget.units ?? [])].sort(), buildings: [...(budget.buildings ?? [])].sort() };
    const charged = {
      units: [...(d.bearers?.units ?? [])].sort(),
      buildings: [...(d.bearers?.buildings ?? [])].sort(),
    };
    return sameJson(voted, charged)
      ? []
      : [
          `it charges other bearers than resolution ${resolutionId} named, whose owners alone decided it (DOMAIN.md rule 25): ${differences(charged, voted)}`,
        ];
  }
}
