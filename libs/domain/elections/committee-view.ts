import type { CommunityEvent } from '../registry/community.events.js';
import type { Vacancy } from '../governance/committee-size.js';
import type { Candidate } from './election.events.js';
import { withoutMember } from './governance.js';
import type { CommitteeFiledData, ElectionHeldData, GovernanceEvent } from './governance.events.js';

/**
 * The public view of a community's governing body (DOMAIN.md rules 14–17, 24), folded from the
 * community stream's appointments and the governance stream. Plain JSON, so a projection stores it
 * whole; what depends on the time (overdue, expired) is derived at read time by `bodyInOffice`.
 */

export interface AppointedMember {
  memberId: string;
  name: string;
  role?: string;
}

export interface CommitteeView {
  communityId: string;
  name: string;
  district: string;
  /** Rule 31: the street office's street, where the registry names one (absent in views folded before). */
  street?: string | null;
  rulebook: string;
  appointed: {
    kind: 'PREPARATORY_GROUP' | 'PMC';
    members: AppointedMember[];
    appointedAt: string;
    termEndsAt: string | null;
  } | null;
  pmcDissolved: { dissolvedAt: string; late: boolean } | null;
  elections: (ElectionHeldData & {
    filing: { decision: 'FILED' | 'REFUSED'; at: string; reason: string | null; late: boolean } | null;
  })[];
  committee:
    | (Pick<
        CommitteeFiledData,
        'electionId' | 'closeEventId' | 'filedAt' | 'electedAt' | 'termEndsAt' | 'pmcDissolveBy' | 'seats'
      > & {
        members: Candidate[];
        alternates: Candidate[];
        /** Rule 29: as the last change of members left it; absent until one. */
        vacancy?: Vacancy;
      })
    | null;
  history: { type: string; at: string; detail: Record<string, unknown> }[];
}

type HeldElection = CommitteeView['elections'][number];

/** The registrar's decision on an election's filing, set on that election alone. */
function withFiling(elections: HeldElection[], electionId: string, filing: HeldElection['filing']): HeldElection[] {
  return elections.map((e) => (e.electionId === electionId ? { ...e, filing } : e));
}

/** An election's committee, or the members of its by-election, filed (on time or late). */
function filed(elections: HeldElection[], d: { electionId: string; filedAt: string; late: boolean }): HeldElection[] {
  return withFiling(elections, d.electionId, { decision: 'FILED', at: d.filedAt, reason: null, late: d.late });
}

export type ViewEvent =
  Extract<CommunityEvent, { type: 'CommunityRegistered' | 'ManagingBodyAppointed' }> | GovernanceEvent;

export function emptyView(communityId: string): CommitteeView {
  return {
    communityId,
    name: '',
    district: '',
    street: null,
    rulebook: '',
    appointed: null,
    pmcDissolved: null,
    elections: [],
    committee: null,
    history: [],
  };
}

export function evolveView(view: CommitteeView, event: ViewEvent, at: string): CommitteeView {
  const history = (detail: Record<string, unknown>) => [...view.history, { type: event.type, at, detail }];
  switch (event.type) {
    case 'CommunityRegistered':
      return {
        ...view,
        name: event.data.name,
        district: event.data.district,
        street: event.data.street ?? null,
        rulebook: event.data.rulebook,
      };
    case 'ManagingBodyAppointed': {
      const d = event.data;
      return {
        ...view,
        appointed: { kind: d.kind, members: d.members, appointedAt: d.appointedAt, termEndsAt: d.termEndsAt ?? null },
        pmcDissolved: d.kind === 'PMC' ? null : view.pmcDissolved,
        history: history({ kind: d.kind, members: d.members.length }),
      };
    }
    case 'ElectionHeld':
      return {
        ...view,
        elections: [...view.elections, { ...event.data, filing: null }],
        history: history({
          electionId: event.data.electionId,
          outcome: event.data.outcome,
          elected: event.data.elected.length,
          unfilledSeats: event.data.unfilledSeats,
        }),
      };
    case 'CommitteeFiled': {
      const d = event.data;
      return {
        ...view,
        elections: filed(view.elections, d),
        committee: {
          electionId: d.electionId,
          closeEventId: d.closeEventId,
          filedAt: d.filedAt,
          electedAt: d.electedAt,
          termEndsAt: d.termEndsAt,
          pmcDissolveBy: d.pmcDissolveBy,
          seats: d.seats,
          members: d.members,
          alternates: d.alternates,
        },
        history: history({
          electionId: d.electionId,
          members: d.members.length,
          late: d.late,
          supersedes: d.supersedes?.kind ?? null,
        }),
      };
    }
    case 'CommitteeFilingRefused': {
      const d = event.data;
      return {
        ...view,
        elections: withFiling(view.elections, d.electionId, {
          decision: 'REFUSED',
          at: d.refusedAt,
          reason: d.reason,
          late: false,
        }),
        history: history({ electionId: d.electionId, reason: d.reason }),
      };
    }
    case 'CommitteeMemberResigned':
    case 'CommitteeMemberRemoved': {
      const c = view.committee;
      if (!c) return view;
      const { ownerId, steppedUp, vacancy } = event.data;
      const removedBy = event.type === 'CommitteeMemberRemoved' ? { resolutionId: event.data.resolutionId } : {};
      return {
        ...view,
        committee: { ...withoutMember(c, ownerId, steppedUp), ...(vacancy ? { vacancy } : {}) },
        history: history({ ownerId, steppedUp: steppedUp?.ownerId ?? null, ...removedBy }),
      };
    }
    case 'ByElectionFiled': {
      const c = view.committee;
      if (!c) return view;
      const d = event.data;
      return {
        ...view,
        elections: filed(view.elections, d),
        committee: {
          ...c,
          members: [...c.members, ...d.joined],
          alternates: [...c.alternates, ...d.alternates],
          vacancy: d.vacancy,
        },
        history: history({ electionId: d.electionId, members: d.joined.length, late: d.late }),
      };
    }
    case 'PmcDissolved':
      return {
        ...view,
        pmcDissolved: { dissolvedAt: event.data.dissolvedAt, late: event.data.late },
        history: history({ late: event.data.late }),
      };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

export type BodyKind = 'COMMITTEE' | 'PMC' | 'PREPARATORY_GROUP' | 'NONE';
export type Duty =
  'COMMITTEE_FILING_OVERDUE' | 'PMC_DISSOLUTION_OVERDUE' | 'COMMITTEE_TERM_EXPIRED' | 'PMC_TERM_EXPIRED';
export type PmcStatus = 'IN_OFFICE' | 'AWAITING_DISSOLUTION' | 'TERM_EXPIRED' | 'DISSOLVED';

/**
 * The body in office at `now`, the latest election's filing status, and the duties overdue. Expiry
 * and lateness are facts of the time, not events: they are derived here, at read time.
 */
export function bodyInOffice(view: CommitteeView, now: Date) {
  const t = now.toISOString();
  const committeeActive = view.committee !== null && view.committee.termEndsAt > t;
  const pmcActive = view.appointed?.kind === 'PMC' && view.pmcDissolved === null;
  // A filed committee takes the committee role from the PMC at once; the PMC lingers until dissolved.
  // A body appointed before the committee's filing lost the role to it, even once that term has run out.
  const appointed =
    view.appointed && (!view.committee || view.appointed.appointedAt > view.committee.filedAt) ? view.appointed : null;
  const kind: BodyKind = committeeActive
    ? 'COMMITTEE'
    : appointed && (appointed.kind !== 'PMC' || view.pmcDissolved === null)
      ? appointed.kind
      : 'NONE';
  const pmcTermOver =
    view.appointed?.kind === 'PMC' && view.appointed.termEndsAt !== null && t >= view.appointed.termEndsAt;
  const overdue: Duty[] = [];
  for (const e of view.elections) {
    // An election older than the committee in office was overtaken by a later one that was filed.
    const superseded = view.committee !== null && e.closedAt < view.committee.electedAt;
    if (e.outcome === 'ELECTED' && e.filing === null && !superseded && t > e.filingDueBy)
      overdue.push('COMMITTEE_FILING_OVERDUE');
  }
  if (pmcActive && view.committee?.pmcDissolveBy && t > view.committee.pmcDissolveBy)
    overdue.push('PMC_DISSOLUTION_OVERDUE');
  if (view.committee && !committeeActive) overdue.push('COMMITTEE_TERM_EXPIRED');
  if (kind === 'PMC' && pmcTermOver) overdue.push('PMC_TERM_EXPIRED');
  const latest = view.elections[view.elections.length - 1];
  const filingStatus = !latest
    ? 'NO_ELECTION'
    : latest.outcome !== 'ELECTED'
      ? 'NOBODY_ELECTED'
      : latest.filing
        ? latest.filing.decision
        : 'PENDING';
  const pmcStatus: PmcStatus | null =
    view.appointed?.kind !== 'PMC'
      ? null
      : !pmcActive
        ? 'DISSOLVED'
        : kind !== 'PMC'
          ? 'AWAITING_DISSOLUTION'
          : pmcTermOver
            ? 'TERM_EXPIRED'
            : 'IN_OFFICE';
  return {
    kind,
    filingStatus,
    committeeStatus:
      view.committee === null ? null : committeeActive ? ('IN_OFFICE' as const) : ('TERM_EXPIRED' as const),
    pmcStatus,
    overdue: [...new Set(overdue)],
    // Rule 30: a body whose term has ended is not formed, whatever still holds the role.
    formed: kind === 'COMMITTEE' || (kind === 'PMC' && !pmcTermOver),
    byElectionDue: committeeActive && view.committee!.vacancy?.byElectionDue === true,
  };
}

/**
 * The district's committee formation rate: communities with a filed committee or a PMC over all.
 * The percentage has one decimal, rounded half up, computed in integers (no float touches it).
 */
export function formationRate(
  formed: number,
  total: number,
): { formed: number; total: number; fraction: string; percent: string | null } {
  if (total === 0) return { formed, total, fraction: '0/0', percent: null };
  const tenths = (BigInt(formed) * 2000n + BigInt(total)) / (2n * BigInt(total));
  return { formed, total, fraction: `${formed}/${total}`, percent: `${tenths / 10n}.${tenths % 10n}%` };
}
