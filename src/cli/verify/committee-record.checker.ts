import { governanceDecider, type GovernanceState } from '@gongzhi/domain/elections/governance.js';
import {
  GOVERNANCE_EVENT_TYPES,
  type CommitteeFiledData,
  type ElectionHeldData,
  type GovernanceEvent,
} from '@gongzhi/domain/elections/governance.events.js';
import type { BundleEvent } from '../../transparency/export/bundle-format.js';
import type { DerivedFacts } from './derived-facts.js';
import { differences, sameJson } from './differences.js';
import { type Findings, refOf } from './findings.js';
import type { StreamChecker } from './stream-checker.js';
import { StreamFolds } from './stream-folds.js';

type DataOf<T extends GovernanceEvent['type']> = Extract<GovernanceEvent, { type: T }>['data'];
type ResignedData = DataOf<'CommitteeMemberResigned'>;
type RemovedData = DataOf<'CommitteeMemberRemoved'>;
type ByElectionFiledData = DataOf<'ByElectionFiled'>;

/**
 * The committee's life (rules 14–16) against the elections behind it: an election is recorded as held
 * with the result the verifier recounted (decided again with the domain's RecordElection), and a filed
 * committee is exactly who that election elected.
 */
export class CommitteeRecordChecker implements StreamChecker {
  readonly check = 'committee records';
  // ManagingBodyAppointed (community stream) too: rule 30 judges an appointment against the committee in office.
  readonly eventTypes = [...GOVERNANCE_EVENT_TYPES, 'ManagingBodyAppointed'];
  private readonly folds = new StreamFolds<GovernanceEvent, GovernanceState>(governanceDecider, this.check);

  constructor(private readonly derived: DerivedFacts) {}

  add(event: BundleEvent, findings: Findings): void {
    if (event.type === 'ManagingBodyAppointed') return this.checkAppointment(event, findings);
    const before = this.folds.current(event.streamId);
    if (before === null) return;
    if (event.type === 'ElectionHeld') this.checkHeld(event, event.data as ElectionHeldData, before, findings);
    if (event.type === 'CommitteeFiled') this.checkFiled(event, event.data as CommitteeFiledData, before, findings);
    if (event.type === 'CommitteeMemberResigned') this.checkResigned(event, event.data as ResignedData, findings);
    if (event.type === 'CommitteeMemberRemoved') this.checkRemoved(event, event.data as RemovedData, findings);
    if (event.type === 'ByElectionFiled')
      this.checkByElectionFiled(event, event.data as ByElectionFiledData, before, findings);
    this.folds.apply(event, findings);
  }

  /** Rule 29: a member resigns only themself. */
  private checkResigned(event: BundleEvent, d: ResignedData, findings: Findings): void {
    findings.expect(this.check, d?.resignedBy === undefined || d.resignedBy === d.ownerId, () => ({
      event: refOf(event),
      message: `records ${d.resignedBy} resigning ${d.ownerId}: a member resigns only themself; removal is an owners' vote`,
    }));
  }

  /** Rule 29: a removal names a removal vote of the bundle that passed, on its recount, and its close event. */
  private checkRemoved(event: BundleEvent, d: RemovedData, findings: Findings): void {
    const vote = this.derived.removals.get(d?.resolutionId);
    findings.expect(
      this.check,
      vote !== undefined &&
        vote.outcome === 'PASSED' &&
        vote.ownerId === d.ownerId &&
        vote.closeEventId === d.closeEventId,
      () => ({
        event: refOf(event),
        message: !vote
          ? `removes ${d?.ownerId} under resolution ${d?.resolutionId}, which the bundle never closes as a removal vote`
          : vote.outcome !== 'PASSED'
            ? `removes ${d.ownerId} under resolution ${d.resolutionId}, which the recount gives as ${vote.outcome}`
            : `removes ${d.ownerId} under resolution ${d.resolutionId}, which asked to remove ${vote.ownerId} (close event ${vote.closeEventId}, recorded ${d.closeEventId})`,
      }),
    );
  }

  /** Rule 29: a by-election filled exactly the committee's empty seats, and its filing adds exactly whom it elected. */
  private checkByElectionFiled(
    event: BundleEvent,
    d: ByElectionFiledData,
    before: GovernanceState,
    findings: Findings,
  ): void {
    const held = before.elections.get(d?.electionId);
    const c = before.committee;
    const empty = c ? c.seats - c.members.length : 0;
    const ok =
      held?.byElection !== undefined &&
      c !== null &&
      held.byElection.committeeElectionId === c.electionId &&
      held.elected.length <= empty &&
      sameJson(d.joined, held.elected);
    findings.expect(this.check, ok, () => ({
      event: refOf(event),
      message: !held?.byElection
        ? `files election ${d?.electionId} as a by-election, which the committee's record never holds as one`
        : !c || held.byElection.committeeElectionId !== c.electionId
          ? `files by-election ${d.electionId} into a committee other than the one whose seats it filled`
          : held.elected.length > empty
            ? `files by-election ${d.electionId}'s ${held.elected.length} elected into a committee with ${empty} empty seats`
            : `adds members the by-election did not elect: ${differences(d.joined, held.elected)}`,
    }));
  }

  /** Rule 30: no preparatory group or PMC is appointed while a filed committee is in office. */
  private checkAppointment(event: BundleEvent, findings: Findings): void {
    const communityId = event.streamId.replace(/^community-/, '');
    const governance = this.folds.current(`governance-${communityId}`);
    const appointedAt = String((event.data as { appointedAt?: string })?.appointedAt);
    const c = governance?.committee;
    findings.expect(this.check, !c || c.termEndsAt <= appointedAt, () => ({
      event: refOf(event),
      message: `appoints a ${(event.data as { kind?: string })?.kind} at ${appointedAt} while the committee filed ${c!.filedAt} is in office until ${c!.termEndsAt}: two governing bodies`,
    }));
  }

  finish(): void {}

  figures(): string[] {
    return [...this.folds.entries()].flatMap(([, state]) =>
      state.committee
        ? [
            `committee in office: ${state.committee.members.map((m) => m.name).join(', ')}, filed ${state.committee.filedAt}`,
          ]
        : [],
    );
  }

  private checkHeld(event: BundleEvent, recorded: ElectionHeldData, before: GovernanceState, findings: Findings): void {
    const held = this.derived.elections.get(recorded?.electionId);
    if (!held) {
      findings.fail(this.check, {
        event: refOf(event),
        message: `records election ${recorded?.electionId} as held, but the bundle's events never close that election`,
      });
      return;
    }
    let decided: GovernanceEvent | undefined;
    try {
      [decided] = governanceDecider.decide({ type: 'RecordElection', data: held }, before);
    } catch (error) {
      findings.fail(this.check, {
        event: refOf(event),
        message: `the record of election ${recorded.electionId} cannot be decided again: ${(error as Error).message}`,
      });
      return;
    }
    findings.expect(this.check, decided !== undefined && sameJson(recorded, decided.data), () => ({
      event: refOf(event),
      message: decided
        ? `records election ${recorded.electionId} otherwise than its recounted result: ${differences(recorded, decided.data)}`
        : `records election ${recorded.electionId} a second time`,
    }));
  }

  private checkFiled(
    event: BundleEvent,
    recorded: CommitteeFiledData,
    before: GovernanceState,
    findings: Findings,
  ): void {
    const held = before.elections.get(recorded?.electionId);
    const filed = recorded && {
      closeEventId: recorded.closeEventId,
      members: recorded.members,
      alternates: recorded.alternates,
      electedAt: recorded.electedAt,
    };
    const elected = held && {
      closeEventId: held.closeEventId,
      members: held.elected,
      alternates: held.alternates,
      electedAt: held.closedAt,
    };
    findings.expect(
      this.check,
      elected !== undefined && held!.outcome === 'ELECTED' && sameJson(filed, elected),
      () => ({
        event: refOf(event),
        message: !held
          ? `files a committee from election ${recorded?.electionId}, which the committee's record never holds`
          : held.outcome !== 'ELECTED'
            ? `files a committee from election ${recorded.electionId}, which elected nobody (${held.outcome})`
            : `files a committee the election did not elect: ${differences(filed, elected)}`,
      }),
    );
  }
}
