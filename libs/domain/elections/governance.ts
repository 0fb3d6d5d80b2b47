import type { Decider } from '../shared/decider.js';
import { conflict, DomainError, forbidden, invalid, notFound } from '../shared/domain-error.js';
import { rulebookById } from '../governance/rulebooks.js';
import { checkCommitteeSize, vacancyOf, type Vacancy } from '../governance/committee-size.js';
import type { ElectionResult } from './election-count.js';
import type { ByElectionContext } from './election.js';
import type { Candidate } from './election.events.js';
import type {
  ByElectionOf,
  CommitteeFiledData,
  ElectionHeldData,
  GovernanceEvent,
  PredecessorKind,
} from './governance.events.js';
import { DAY_MS, iso } from '../shared/time.js';

/** The body the community stream says is in office now, if any: what a filing supersedes. */
export interface AppointedBody {
  kind: 'PREPARATORY_GROUP' | 'PMC';
  appointedAt: string;
}

export type GovernanceCommand =
  | {
      type: 'RecordElection';
      data: {
        electionId: string;
        title: string;
        closedAt: string;
        closeEventId: string;
        termYears: number;
        result: ElectionResult;
        byElection?: ByElectionOf;
      };
    }
  | {
      type: 'FileCommittee';
      data: {
        electionId: string;
        /** The close event of the quorum record reviewed: a filing is an act on that record, not on a later one. */
        closeEventId: string;
        decision: 'FILED' | 'REFUSED';
        reason?: string;
        filedBy: string;
        households: number;
        appointed: AppointedBody | null;
        now: Date;
      };
    }
  | {
      type: 'ResignFromCommittee';
      /** resignedBy: the owner id the caller's committee role stands for (null: an appointed member, who is no elected member). */
      data: { ownerId: string; resignedBy: string | null; households: number; now: Date };
    }
  | {
      type: 'RemoveCommitteeMember';
      /** The handler read the resolution: PASSED, closed with closeEventId, and naming ownerId for removal. */
      data: {
        ownerId: string;
        resolutionId: string;
        closeEventId: string;
        recordedBy: string;
        households: number;
        now: Date;
      };
    }
  | { type: 'DissolvePmc'; data: { pmc: AppointedBody | null; now: Date } };

export interface CommitteeInOffice {
  electionId: string;
  seats: number;
  members: Candidate[];
  alternates: Candidate[];
  filedAt: string;
  termEndsAt: string;
}

export interface GovernanceState {
  elections: ReadonlyMap<string, ElectionHeldData>;
  /** Elections the street office has decided on, FILED or REFUSED. */
  decided: ReadonlySet<string>;
  committee: CommitteeInOffice | null;
  pmcDissolveBy: string | null;
  dissolvedPmcs: ReadonlySet<string>;
  /** Rule 29: resolutions already used to remove a member. */
  removals: ReadonlySet<string>;
}

function addYears(isoTime: string, years: number): string {
  const d = new Date(isoTime);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString();
}

function decideRecord(
  state: GovernanceState,
  d: Extract<GovernanceCommand, { type: 'RecordElection' }>['data'],
): GovernanceEvent[] {
  // Recorded by the close and again, if need be, by the filing: the second time is a no-op.
  if (state.elections.has(d.electionId)) return [];
  const r = d.result;
  const rulebook = rulebookById(r.rulebook);
  return [
    {
      type: 'ElectionHeld',
      data: {
        electionId: d.electionId,
        title: d.title,
        closedAt: d.closedAt,
        outcome: r.outcome,
        seats: r.seats,
        elected: r.elected,
        alternates: r.alternates,
        unfilledSeats: r.unfilledSeats,
        closeEventId: d.closeEventId,
        termYears: d.termYears,
        filingDueBy: iso(Date.parse(d.closedAt) + rulebook.committee.filingDeadlineDays * DAY_MS),
        rulebook: r.rulebook,
        rulebookVersion: r.rulebookVersion,
        ...(d.byElection ? { byElection: d.byElection } : {}),
        ...(r.tiedAtCutoff.length > 0 ? { runOffDue: r.tiedAtCutoff } : {}),
      },
    },
  ];
}

/** Rule 16: the street office files the elected committee, or refuses with a reason, on the quorum record. */
function decideFiling(
  state: GovernanceState,
  d: Extract<GovernanceCommand, { type: 'FileCommittee' }>['data'],
): GovernanceEvent[] {
  const held = state.elections.get(d.electionId);
  if (!held)
    throw notFound(
      'ELECTION_NOT_HELD',
      `election ${d.electionId} has not closed in this community; only a closed election is filed`,
    );
  if (state.decided.has(d.electionId))
    throw conflict('FILING_ALREADY_DECIDED', `the street office has already decided on election ${d.electionId}`);
  if (d.closeEventId !== held.closeEventId) {
    throw conflict(
      'QUORUM_RECORD_MISMATCH',
      `the decision names close event ${d.closeEventId}, but election ${d.electionId} closed with event ${held.closeEventId}: review its quorum record and name that`,
      {
        closeEventId: held.closeEventId,
      },
    );
  }
  const now = d.now.toISOString();
  if (d.decision === 'REFUSED') {
    const reason = d.reason?.trim() ?? '';
    if (!reason)
      throw invalid('REASON_REQUIRED', 'a refusal to file states its reason, so the community can put it right');
    return [
      {
        type: 'CommitteeFilingRefused',
        data: {
          electionId: d.electionId,
          closeEventId: held.closeEventId,
          refusedAt: now,
          refusedBy: d.filedBy,
          reason,
        },
      },
    ];
  }
  if (held.outcome !== 'ELECTED')
    throw conflict(
      'NOBODY_ELECTED',
      `election ${d.electionId} elected nobody (${held.outcome}); there is no committee to file`,
    );
  const rulebook = rulebookById(held.rulebook);
  if (held.byElection) return fileByElection(state, held, held.byElection, d);
  try {
    checkCommitteeSize(rulebook, d.households, held.elected.length, held.alternates.length);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw conflict(
      'COMMITTEE_INCOMPLETE',
      `the election filled ${held.elected.length} of ${held.seats} seats, which is no lawful committee: ${error.message}`,
      {
        rule: error.code,
      },
    );
  }
  const supersedes: CommitteeFiledData['supersedes'] = state.committee
    ? { kind: 'COMMITTEE' as PredecessorKind, since: state.committee.filedAt }
    : d.appointed && !(d.appointed.kind === 'PMC' && state.dissolvedPmcs.has(d.appointed.appointedAt))
      ? { kind: d.appointed.kind, since: d.appointed.appointedAt }
      : null;
  const pmcInOffice = d.appointed?.kind === 'PMC' && !state.dissolvedPmcs.has(d.appointed.appointedAt);
  return [
    {
      type: 'CommitteeFiled',
      data: {
        electionId: d.electionId,
        closeEventId: held.closeEventId,
        filedAt: now,
        filedBy: d.filedBy,
        seats: held.seats,
        members: held.elected,
        alternates: held.alternates,
        electedAt: held.closedAt,
        termEndsAt: addYears(held.closedAt, held.termYears),
        late: now > held.filingDueBy,
        supersedes,
        pmcDissolveBy: pmcInOffice ? iso(d.now.getTime() + rulebook.pmc.dissolveWithinDays * DAY_MS) : null,
      },
    },
  ];
}

/**
 * Rule 29: a by-election's elected join the committee whose empty seats it filled, for the rest of
 * that committee's term; a by-election of a committee no longer in office has nothing to join.
 */
function fileByElection(
  state: GovernanceState,
  held: ElectionHeldData,
  of: ByElectionOf,
  d: Extract<GovernanceCommand, { type: 'FileCommittee' }>['data'],
): GovernanceEvent[] {
  const committee = inOffice(state, d.now, 'has no seats to fill');
  if (committee.electionId !== of.committeeElectionId) {
    throw conflict(
      'BY_ELECTION_OF_ANOTHER_COMMITTEE',
      `election ${held.electionId} filled seats of the committee elected in ${of.committeeElectionId}, which is no longer in office`,
    );
  }
  if (committee.members.length + held.elected.length > committee.seats) {
    throw conflict(
      'BY_ELECTION_OVERFILLS',
      `the committee has ${committee.seats - committee.members.length} empty seats; by-election ${held.electionId} elected ${held.elected.length}`,
    );
  }
  const now = d.now.toISOString();
  const members = committee.members.length + held.elected.length;
  const vacancy = vacancyOf(
    rulebookById(held.rulebook),
    d.households,
    committee.seats,
    members,
    committee.alternates.length + held.alternates.length,
  );
  return [
    {
      type: 'ByElectionFiled',
      data: {
        electionId: held.electionId,
        closeEventId: held.closeEventId,
        filedAt: now,
        filedBy: d.filedBy,
        joined: held.elected,
        alternates: held.alternates,
        late: now > held.filingDueBy,
        vacancy,
      },
    },
  ];
}

/** Rule 17: whether a filed committee's term still runs at `now` (an appointed body is no such committee). */
export function committeeInOffice(state: GovernanceState, now: Date): boolean {
  return state.committee !== null && termRuns(state.committee, now);
}

function termRuns(committee: CommitteeInOffice, now: Date): boolean {
  return now.toISOString() < committee.termEndsAt;
}

function inOffice(state: GovernanceState, now: Date, what: string): CommitteeInOffice {
  const committee = state.committee;
  if (!committee) throw conflict('NO_COMMITTEE', `no filed owners' committee is in office; it ${what}`);
  if (!termRuns(committee, now))
    throw conflict('COMMITTEE_TERM_EXPIRED', `the committee's term ended at ${committee.termEndsAt}; it ${what}`);
  return committee;
}

/** A member leaves; alternates step up in their order of approval (rule 14 keeps them as the election ranked them). */
function leaving(
  state: GovernanceState,
  ownerId: string,
  households: number,
): { steppedUp: Candidate | null; vacancy: Vacancy } {
  const committee = state.committee!;
  if (!committee.members.some((m) => m.ownerId === ownerId))
    throw notFound('NOT_A_MEMBER', `${ownerId} is not a member of the committee in office`);
  const steppedUp = committee.alternates[0] ?? null;
  const members = committee.members.length - (steppedUp ? 0 : 1);
  const alternates = committee.alternates.length - (steppedUp ? 1 : 0);
  const rulebook = rulebookById(state.elections.get(committee.electionId)!.rulebook);
  return { steppedUp, vacancy: vacancyOf(rulebook, households, committee.seats, members, alternates) };
}

/** Rule 29: a member resigns only themself; removing another is the owners' vote (RemoveCommitteeMember). */
function decideResign(
  state: GovernanceState,
  d: Extract<GovernanceCommand, { type: 'ResignFromCommittee' }>['data'],
): GovernanceEvent[] {
  inOffice(state, d.now, 'has no members left to resign');
  if (d.resignedBy !== d.ownerId) {
    throw forbidden(
      'RESIGNATION_OF_ANOTHER',
      `a member resigns only themself (you stand for ${d.resignedBy ?? 'no elected member'}, not ${d.ownerId}); removing a member (罢免) is an owners' vote`,
      {
        ownerId: d.ownerId,
      },
    );
  }
  const { steppedUp, vacancy } = leaving(state, d.ownerId, d.households);
  return [
    {
      type: 'CommitteeMemberResigned',
      data: { ownerId: d.ownerId, resignedAt: d.now.toISOString(), steppedUp, resignedBy: d.resignedBy, vacancy },
    },
  ];
}

/** Rule 29 (罢免): the owners removed a member by a passed resolution; each resolution removes once. */
function decideRemove(
  state: GovernanceState,
  d: Extract<GovernanceCommand, { type: 'RemoveCommitteeMember' }>['data'],
): GovernanceEvent[] {
  inOffice(state, d.now, 'has no members left to remove');
  if (state.removals.has(d.resolutionId))
    throw conflict(
      'REMOVAL_ALREADY_RECORDED',
      `the removal decided by resolution ${d.resolutionId} is already recorded`,
    );
  const { steppedUp, vacancy } = leaving(state, d.ownerId, d.households);
  return [
    {
      type: 'CommitteeMemberRemoved',
      data: {
        ownerId: d.ownerId,
        resolutionId: d.resolutionId,
        closeEventId: d.closeEventId,
        removedAt: d.now.toISOString(),
        recordedBy: d.recordedBy,
        steppedUp,
        vacancy,
      },
    },
  ];
}

/** Rule 17: the street office dissolves the PMC, within 30 days of a committee's filing. */
function decideDissolve(
  state: GovernanceState,
  d: Extract<GovernanceCommand, { type: 'DissolvePmc' }>['data'],
): GovernanceEvent[] {
  if (!d.pmc || d.pmc.kind !== 'PMC')
    throw conflict('NO_PMC', 'this community has no property-management committee to dissolve');
  if (state.dissolvedPmcs.has(d.pmc.appointedAt))
    throw conflict('PMC_ALREADY_DISSOLVED', 'this property-management committee is already dissolved');
  const now = d.now.toISOString();
  const dueBy = state.pmcDissolveBy;
  return [
    {
      type: 'PmcDissolved',
      data: { pmcAppointedAt: d.pmc.appointedAt, dissolvedAt: now, dueBy, late: dueBy !== null && now > dueBy },
    },
  ];
}

/** The members after one left and the first alternate, if any, took the seat. */
export function withoutMember<C extends { members: Candidate[]; alternates: Candidate[] }>(
  c: C,
  ownerId: string,
  steppedUp: Candidate | null,
): C {
  return {
    ...c,
    members: c.members.filter((m) => m.ownerId !== ownerId).concat(steppedUp ? [steppedUp] : []),
    alternates: steppedUp ? c.alternates.filter((a) => a.candidateId !== steppedUp.candidateId) : c.alternates,
  };
}

export const governanceDecider: Decider<GovernanceCommand, GovernanceEvent, GovernanceState> = {
  initialState: () => ({
    elections: new Map(),
    decided: new Set(),
    committee: null,
    pmcDissolveBy: null,
    dissolvedPmcs: new Set(),
    removals: new Set(),
  }),

  decide(command, state) {
    switch (command.type) {
      case 'RecordElection':
        return decideRecord(state, command.data);
      case 'FileCommittee':
        return decideFiling(state, command.data);
      case 'ResignFromCommittee':
        return decideResign(state, command.data);
      case 'RemoveCommitteeMember':
        return decideRemove(state, command.data);
      case 'DissolvePmc':
        return decideDissolve(state, command.data);
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ElectionHeld':
        return { ...state, elections: new Map(state.elections).set(event.data.electionId, event.data) };
      case 'CommitteeFiled': {
        const d = event.data;
        return {
          ...state,
          decided: new Set(state.decided).add(d.electionId),
          committee: {
            electionId: d.electionId,
            seats: d.seats,
            members: d.members,
            alternates: d.alternates,
            filedAt: d.filedAt,
            termEndsAt: d.termEndsAt,
          },
          pmcDissolveBy: d.pmcDissolveBy ?? state.pmcDissolveBy,
        };
      }
      case 'CommitteeFilingRefused':
        return { ...state, decided: new Set(state.decided).add(event.data.electionId) };
      case 'CommitteeMemberResigned':
        return { ...state, committee: withoutMember(state.committee!, event.data.ownerId, event.data.steppedUp) };
      case 'CommitteeMemberRemoved':
        return {
          ...state,
          committee: withoutMember(state.committee!, event.data.ownerId, event.data.steppedUp),
          removals: new Set(state.removals).add(event.data.resolutionId),
        };
      case 'ByElectionFiled': {
        const c = state.committee!;
        const d = event.data;
        return {
          ...state,
          decided: new Set(state.decided).add(d.electionId),
          committee: { ...c, members: [...c.members, ...d.joined], alternates: [...c.alternates, ...d.alternates] },
        };
      }
      case 'PmcDissolved':
        return { ...state, dissolvedPmcs: new Set(state.dissolvedPmcs).add(event.data.pmcAppointedAt) };
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};

/** Rule 29: the committee in office at `now` and its empty seats, as a by-election's draft needs them. */
export function byElectionContext(state: GovernanceState, households: number, now: Date): ByElectionContext {
  const c = state.committee;
  if (!c || now.toISOString() >= c.termEndsAt) return { committee: null };
  const vacancy = vacancyOf(
    rulebookById(state.elections.get(c.electionId)!.rulebook),
    households,
    c.seats,
    c.members.length,
    c.alternates.length,
  );
  return {
    committee: {
      electionId: c.electionId,
      termEndsAt: c.termEndsAt,
      emptySeats: vacancy.emptySeats,
      byElectionDue: vacancy.byElectionDue,
      memberOwnerIds: c.members.map((m) => m.ownerId),
    },
  };
}
