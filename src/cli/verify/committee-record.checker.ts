import { governanceDecider, type GovernanceState } from '../../../libs/domain/elections/governance.js';
import { GOVERNANCE_EVENT_TYPES, type CommitteeFiledData, type ElectionHeldData, type GovernanceEvent } from '../../../libs/domain/elections/governance.events.js';
import type { BundleEvent } from '../../transparency/export/bundle-format.js';
import type { DerivedFacts } from './derived-facts.js';
import { differences, sameJson } from './differences.js';
import { type Findings, refOf } from './findings.js';
import type { StreamChecker } from './stream-checkers.js';
import { StreamFolds } from './stream-folds.js';

/**
 * The committee's life (rules 14–16) against the elections behind it: an election is recorded as held
 * with the result the verifier recounted (decided again with the domain's RecordElection), and a filed
 * committee is exactly who that election elected.
 */
export class CommitteeRecordChecker implements StreamChecker {
  readonly check = 'committee records';
  readonly eventTypes = GOVERNANCE_EVENT_TYPES;
  private readonly folds = new StreamFolds<GovernanceEvent, GovernanceState>(governanceDecider, this.check);

  constructor(private readonly derived: DerivedFacts) {}

  add(event: BundleEvent, findings: Findings): void {
    const before = this.folds.current(event.streamId);
    if (before === null) return;
    if (event.type === 'ElectionHeld') this.checkHeld(event, event.data as ElectionHeldData, before, findings);
    if (event.type === 'CommitteeFiled') this.checkFiled(event, event.data as CommitteeFiledData, before, findings);
    this.folds.apply(event, findings);
  }

  finish(): void {}

  figures(): string[] {
    return [...this.folds.entries()].flatMap(([, state]) =>
      state.committee ? [`committee in office: ${state.committee.members.map((m) => m.name).join(', ')}, filed ${state.committee.filedAt}`] : [],
    );
  }

  private checkHeld(event: BundleEvent, recorded: ElectionHeldData, before: GovernanceState, findings: Findings): void {
    const held = this.derived.elections.get(recorded?.electionId);
    if (!held) {
      findings.fail(this.check, { event: refOf(event), message: `records election ${recorded?.electionId} as held, but the bundle's events never close that election` });
      return;
    }
    let decided: GovernanceEvent | undefined;
    try {
      [decided] = governanceDecider.decide({ type: 'RecordElection', data: held }, before);
    } catch (error) {
      findings.fail(this.check, { event: refOf(event), message: `the record of election ${recorded.electionId} cannot be decided again: ${(error as Error).message}` });
      return;
    }
    findings.expect(this.check, decided !== undefined && sameJson(recorded, decided.data), () => ({
      event: refOf(event),
      message: decided
        ? `records election ${recorded.electionId} otherwise than its recounted result: ${differences(recorded, decided.data)}`
        : `records election ${recorded.electionId} a second time`,
    }));
  }

  private checkFiled(event: BundleEvent, recorded: CommitteeFiledData, before: GovernanceState, findings: Findings): void {
    const held = before.elections.get(recorded?.electionId);
    const filed = recorded && { closeEventId: recorded.closeEventId, members: recorded.members, alternates: recorded.alternates, electedAt: recorded.electedAt };
    const elected = held && { closeEventId: held.closeEventId, members: held.elected, alternates: held.alternates, electedAt: held.closedAt };
    findings.expect(this.check, elected !== undefined && held!.outcome === 'ELECTED' && sameJson(filed, elected), () => ({
      event: refOf(event),
      message: !held
        ? `files a committee from election ${recorded?.electionId}, which the committee's record never holds`
        : held.outcome !== 'ELECTED'
          ? `files a committee from election ${recorded.electionId}, which elected nobody (${held.outcome})`
          : `files a committee the election did not elect: ${differences(filed, elected)}`,
    }));
  }
}
