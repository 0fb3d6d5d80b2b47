import { fold, type Decider } from '../shared/decider.js';
import { conflict, forbidden, invalid, notFound } from '../shared/domain-error.js';
import { formatYuan, MAX_FEN } from '../shared/quantities.js';
import { SHA256 } from '../shared/evidence.js';
import { at, DAY_MS, iso, timeOf } from '../shared/time.js';
import { checkAdoptedCaps } from '../governance/covenant-caps.js';
import { bearersOf, bearersRoster, bearingUnitIds } from './bearers.js';
import { freezeRoster, rosterToFreeze } from './frozen-roster.js';
import { checkCounted, countedIndexes } from '../governance/counted-ballots.js';
import { castOrLate } from '../governance/late-ballot.js';
import { liveBallotPlaces, liveBallots } from './live-ballots.js';
import { countMenu, menuOptionsFor, menuToJson, rankingFor } from '../governance/menu.js';
import { CHOICES, tally, tallyToJson, type Choice, type TallyJson } from '../governance/quorum.js';
import { budgetFundOf, isMatter, MATTERS, rulebookById, type Matter, type Rulebook } from '../governance/rulebooks.js';
import {
  CHANNELS,
  type BallotData,
  type Budget,
  type ProxyAuthorisedData,
  type ResolutionDraftedData,
  type ResolutionEvent,
} from './resolution.events.js';

import type { BudgetInput, ProxyNode, ResolutionCommand, ResolutionState, VotingState } from './types.js';

export type { BallotNode, BudgetInput, ProxyNode, ResolutionCommand, ResolutionState, VotingState } from './types.js';

const MAX_TITLE = 200;

function sha256Of(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (!SHA256.test(value)) {
    throw invalid(
      'INVALID_SHA256',
      'evidenceSha256 must be the SHA-256 of the scan as 64 lowercase hexadecimal characters',
    );
  }
  return value;
}

function drafted(state: ResolutionState): Exclude<ResolutionState, { status: 'none' }> {
  if (state.status === 'none') throw notFound('RESOLUTION_NOT_FOUND', 'no resolution with this id has been drafted');
  return state;
}

/** The vote's own rulebook version: tallying under a newer one would change the rules mid-vote (rule 13). */
function rulebookOf(resolution: ResolutionDraftedData): Rulebook {
  const rulebook = rulebookById(resolution.rulebook);
  if (rulebook.version !== resolution.rulebookVersion) {
    throw conflict(
      'RULEBOOK_VERSION_UNAVAILABLE',
      `this vote was drafted under ${resolution.rulebook} version ${resolution.rulebookVersion}, ` +
        `but only version ${rulebook.version} is available; it must be counted under its own version`,
    );
  }
  return rulebook;
}

/** The voters an owner casts for on the frozen roster; empty before open or for a non-voter. */
export function voterIdsOf(state: ResolutionState, ownerId: string): string[] {
  if (state.status !== 'open' && state.status !== 'closed') return [];
  return [...(state.roster.byRepresentative.get(ownerId) ?? [])];
}

/** The tally a close would record, over the ballots that precede the close (rule 12). */
export function closingTally(state: VotingState): { tally: TallyJson; ballotsCounted: number } {
  const live = liveBallots(state);
  const rulebook = rulebookOf(state.resolution);
  const counted = tallyToJson(tally(rulebook, state.resolution.matter, state.roster.eligible, live));
  const { options } = state.resolution;
  if (options) {
    const rankings = live.flatMap(({ ballot, area }) => (ballot.ranking ? [{ ranking: ballot.ranking, area }] : []));
    counted.menu = menuToJson(countMenu(options, rankings));
  }
  return { tally: counted, ballotsCounted: live.length };
}

/** Rule 13: anyone holding the exported stream recomputes the tally from the events alone. */
export function tallyOfEvents(events: ResolutionEvent[]): TallyJson {
  const state = fold(resolutionDecider, resolutionDecider.initialState(), events);
  if (state.status !== 'open' && state.status !== 'closed') {
    throw conflict('RESOLUTION_NOT_OPEN', 'these events never open the vote, so there is nothing to tally');
  }
  return closingTally(state).tally;
}

// ---- decide ----

function decideDraft(
  state: ResolutionState,
  d: Extract<ResolutionCommand, { type: 'DraftResolution' }>['data'],
): ResolutionEvent[] {
  if (state.status !== 'none') {
    throw conflict(
      'RESOLUTION_EXISTS',
      `resolution ${state.resolution.resolutionId} is already drafted; draft another under a new id`,
    );
  }
  const title = d.title.trim();
  const titleLength = [...title].length;
  if (titleLength < 1 || titleLength > MAX_TITLE) {
    throw invalid('INVALID_TITLE', `a title needs 1 to ${MAX_TITLE} characters; this one has ${titleLength}`);
  }
  if (!isMatter(d.matter)) {
    throw invalid(
      'INVALID_MATTER',
      `"${String(d.matter)}" is not a matter of the owners' assembly; use one of ${MATTERS.join(', ')}`,
    );
  }
  const rulebook = rulebookById(d.rulebook);
  const opensAt = timeOf(d.opensAt, 'opensAt');
  const closesAt = timeOf(d.closesAt, 'closesAt');
  const now = timeOf(d.now, 'now');
  if (closesAt <= opensAt) {
    throw invalid('INVALID_PERIOD', `closesAt (${iso(closesAt)}) must be after opensAt (${iso(opensAt)})`);
  }
  const options = menuOptionsFor(d.matter, d.options);
  // Civil Code Art. 278 item 4 (选举业主委员会或者更换业主委员会成员): removing a member is that matter.
  if (d.removal && d.matter !== 'ELECT_COMMITTEE') {
    throw invalid(
      'REMOVAL_MATTER',
      `removing a committee member (罢免) is an owners' vote of matter ELECT_COMMITTEE (Civil Code Art. 278 item 4), not ${d.matter}`,
    );
  }
  return [
    {
      type: 'ResolutionDrafted',
      data: {
        resolutionId: d.resolutionId,
        communityId: d.communityId,
        title,
        description: d.description,
        matter: d.matter,
        rulebook: rulebook.id,
        rulebookVersion: rulebook.version,
        opensAt: iso(opensAt),
        closesAt: iso(closesAt),
        budget: budgetFor(d.matter, d.budget),
        ...(options ? { options } : {}),
        ...covenantFor(d.matter, d.covenant ?? null),
        draftedAt: iso(now),
        ...(d.removal ? { removal: { ownerId: d.removal.ownerId } } : {}),
      },
    },
  ];
}

/** Rules 19, 20: a vote that spends money names its fund and amount; no other vote carries a budget. */
function budgetFor(matter: Matter, budget: BudgetInput | null): Budget | null {
  const fund = budgetFundOf(matter);
  if (fund === null) {
    if (budget)
      throw invalid(
        'BUDGET_NOT_ALLOWED',
        `a ${matter} vote spends no money, so it takes no budget; leave the budget out`,
      );
    return null;
  }
  if (!budget || budget.amount <= 0n) {
    throw invalid(
      'BUDGET_REQUIRED',
      `a ${matter} vote authorises spending: give a budget of more than 0 yuan from ${fund}`,
    );
  }
  if (budget.fund !== fund) {
    throw invalid('BUDGET_FUND_MISMATCH', `a ${matter} vote spends from ${fund}, not from ${String(budget.fund)}`);
  }
  if (budget.amount >= MAX_FEN) throw invalid('INVALID_AMOUNT', `the budget must be below ${formatYuan(MAX_FEN)} yuan`);
  // Rule 25: the fund is per unit, so who pays must be decided with the spending, by those who pay.
  if (fund === 'MAINTENANCE_FUND' && !bearersOf(budget)) {
    throw invalid(
      'BEARERS_REQUIRED',
      `a ${matter} vote names the units or buildings that bear the cost (budget.units or budget.buildings); their owners decide it (DOMAIN.md rule 25)`,
      {
        rule: 25,
      },
    );
  }
  return {
    amount: formatYuan(budget.amount),
    fund,
    units: budget.units ? [...budget.units] : null,
    buildings: budget.buildings ? [...budget.buildings] : null,
  };
}

/** Rule 27: a covenant vote may carry the caps it delegates; no other vote carries any. */
function covenantFor(
  matter: Matter,
  covenant: { perItemCap: bigint; yearlyCap: bigint } | null,
): { covenant?: { perItemCap: string; yearlyCap: string } } {
  if (!covenant) return {};
  if (matter !== 'MANAGEMENT_COVENANT') {
    throw invalid(
      'COVENANT_NOT_ALLOWED',
      `only a MANAGEMENT_COVENANT vote carries covenant caps, not a ${matter} vote; leave covenant out`,
      { rule: 27 },
    );
  }
  checkAdoptedCaps(covenant.perItemCap, covenant.yearlyCap);
  if (covenant.yearlyCap >= MAX_FEN)
    throw invalid('INVALID_AMOUNT', `the caps must be below ${formatYuan(MAX_FEN)} yuan`);
  return { covenant: { perItemCap: formatYuan(covenant.perItemCap), yearlyCap: formatYuan(covenant.yearlyCap) } };
}

/** Rule 8: announced at least the rulebook's period before it opens. */
function decidePost(state: ResolutionState, nowDate: Date): ResolutionEvent[] {
  const current = drafted(state);
  if (current.status !== 'drafted') {
    throw conflict('RESOLUTION_ALREADY_POSTED', `resolution ${current.resolution.resolutionId} was already posted`);
  }
  const now = timeOf(nowDate, 'now');
  const opensAt = at(current.resolution.opensAt);
  const days = rulebookOf(current.resolution).postingPeriodDays;
  const earliest = now + (days ?? 0) * DAY_MS;
  if (opensAt < earliest) {
    const why =
      days === null
        ? 'a vote must be posted before it opens'
        : `${current.resolution.rulebook} requires posting ${days} days before opening`;
    throw conflict(
      'POSTING_PERIOD_TOO_SHORT',
      `${why}; posted now, it may open at ${iso(earliest)} at the earliest, but opensAt is ${current.resolution.opensAt}: draft it again with a later opensAt`,
      { earliestOpensAt: iso(earliest), postingPeriodDays: days ?? 0 },
    );
  }
  return [{ type: 'ResolutionPosted', data: { postedAt: iso(now) } }];
}

/** Freezes the roster (rule 4): from here on the vote looks only at these voters. */
function decideOpen(
  state: ResolutionState,
  d: Extract<ResolutionCommand, { type: 'OpenResolution' }>['data'],
): ResolutionEvent[] {
  const current = drafted(state);
  switch (current.status) {
    case 'drafted':
      throw conflict(
        'NOT_POSTED',
        'this vote was never posted, and nothing that was not posted may be voted on: post it first',
      );
    case 'open':
      throw conflict('RESOLUTION_ALREADY_OPEN', `the vote opened at ${current.openedAt}; its roster is already frozen`);
    case 'closed':
      throw conflict('RESOLUTION_CLOSED', `the vote closed at ${current.closed.closedAt}`);
  }
  const now = timeOf(d.now, 'now');
  const { opensAt, closesAt } = current.resolution;
  if (now < at(opensAt)) throw conflict('TOO_EARLY_TO_OPEN', `the vote may open at ${opensAt}, as posted, not before`);
  if (now >= at(closesAt))
    throw conflict('TOO_LATE_TO_OPEN', `the voting period ended at ${closesAt}; draft and post a new vote`);
  const bearers = bearersOf(current.resolution.budget);
  if (!bearers)
    return [{ type: 'ResolutionOpened', data: { openedAt: iso(now), ...rosterToFreeze(d.voters, d.rosterHash) } }];
  // Rule 25: only the bearers' owners decide; the units they come to are frozen with the roster.
  if (!d.units)
    throw invalid(
      'ROSTER_UNITS_REQUIRED',
      "this vote charges named units or buildings: give the roster's units so that only their owners are frozen as voters",
    );
  const unitIds = bearingUnitIds(d.units, bearers);
  const roster = rosterToFreeze(bearersRoster(d.voters, d.units, unitIds), d.rosterHash);
  return [{ type: 'ResolutionOpened', data: { openedAt: iso(now), ...roster, bearers: { ...bearers, unitIds } } }];
}

/** Rule 10: a proxy needs the owner's written authorisation; a later one replaces the earlier. */
function decideProxy(
  state: ResolutionState,
  d: Extract<ResolutionCommand, { type: 'AuthoriseProxy' }>['data'],
): ResolutionEvent[] {
  const current = drafted(state);
  if (current.status === 'drafted')
    throw conflict('NOT_POSTED', 'proxies are authorised for a posted vote; post it first');
  if (current.status === 'closed') throw conflict('RESOLUTION_CLOSED', `the vote closed at ${current.closed.closedAt}`);
  // Before open the roster is not frozen yet; the ballot is checked against it when cast.
  if (current.status === 'open' && voterIdsOf(current, d.ownerId).length === 0) throw notAVoter(d.ownerId, current);
  const proxyName = d.proxyName?.trim() || null;
  const proxyOwnerId = d.proxyOwnerId || null;
  if ((proxyName === null) === (proxyOwnerId === null)) {
    throw invalid(
      'PROXY_REQUIRED',
      'name exactly one proxy: proxyOwnerId for an owner of record, or proxyName for anyone else',
    );
  }
  if (proxyOwnerId === d.ownerId)
    throw invalid('PROXY_IS_OWNER', 'an owner cannot be their own proxy; vote in person instead');
  if (!d.evidenceSha256) {
    throw invalid(
      'PROXY_EVIDENCE_REQUIRED',
      "a proxy needs the owner's written authorisation: give the SHA-256 of its scan",
    );
  }
  const evidenceSha256 = sha256Of(d.evidenceSha256)!;
  const now = timeOf(d.now, 'now');
  return [
    {
      type: 'ProxyAuthorised',
      data: { ownerId: d.ownerId, proxyOwnerId, proxyName, evidenceSha256, authorisedAt: iso(now) },
    },
  ];
}

function notAVoter(ownerId: string, state: VotingState) {
  return forbidden(
    'NOT_A_VOTER',
    `${ownerId} casts for no voter on the roster frozen when this vote opened (${state.openedAt}); ` +
      "an owner who bought later, or a co-owner who is not the unit's representative, has no ballot in it",
    { ownerId },
  );
}

// Built once per list head and shared: every state after the last authorisation reuses the same index.
const proxyIndexes = new WeakMap<ProxyNode, ReadonlyMap<string, ProxyAuthorisedData>>();

function proxyOf(list: ProxyNode | null, ownerId: string): ProxyAuthorisedData | undefined {
  if (!list) return undefined;
  let index = proxyIndexes.get(list);
  if (!index) {
    const latest = new Map<string, ProxyAuthorisedData>();
    for (let node: ProxyNode | null = list; node; node = node.next) {
      if (!latest.has(node.proxy.ownerId)) latest.set(node.proxy.ownerId, node.proxy);
    }
    proxyIndexes.set(list, latest);
    index = latest;
  }
  return index.get(ownerId);
}

type CastData = Extract<ResolutionCommand, { type: 'CastBallot' }>['data'];

/** The proxy the ballot is cast by, as the owner's authorisation names it (rule 10). */
function proxyFor(state: VotingState, d: CastData, evidence: string | null): string | null {
  const authorisation = proxyOf(state.proxies, d.ownerId);
  if (!authorisation) {
    throw forbidden(
      'PROXY_NOT_AUTHORISED',
      `${d.ownerId} has authorised no proxy for this vote; record the written authorisation first`,
    );
  }
  if (authorisation.proxyOwnerId !== null) {
    if (d.proxyOwnerId !== authorisation.proxyOwnerId) {
      throw forbidden(
        'PROXY_NOT_AUTHORISED',
        `${d.ownerId}'s proxy for this vote is ${authorisation.proxyOwnerId}, not ${d.proxyOwnerId ?? 'unnamed'}`,
      );
    }
    return authorisation.proxyOwnerId;
  }
  if (d.proxyOwnerId !== undefined) {
    throw forbidden(
      'PROXY_NOT_AUTHORISED',
      `${d.ownerId}'s proxy is ${authorisation.proxyName}, not owner ${d.proxyOwnerId}`,
    );
  }
  if (!evidence) {
    throw invalid(
      'EVIDENCE_REQUIRED',
      `${d.ownerId}'s proxy ${authorisation.proxyName} is not an owner of record: the committee enters the ballot with the SHA-256 of the paper the proxy signed`,
    );
  }
  return null;
}

function choiceOf(choice: string | undefined): Choice {
  if (choice === undefined) throw invalid('CHOICE_REQUIRED', `give a choice: one of ${CHOICES.join(', ')}`);
  if (!(CHOICES as readonly string[]).includes(choice)) {
    throw invalid('INVALID_CHOICE', `choice "${String(choice)}" is not one of ${CHOICES.join(', ')}`);
  }
  return choice as Choice;
}

/** What a ballot says: a choice, or on a menu vote a ranking of its options (counted FOR) or ABSTAIN. */
function verdictOf(resolution: ResolutionDraftedData, d: CastData): { choice: Choice; ranking?: string[] } {
  const { options } = resolution;
  if (!options) {
    if (d.ranking !== undefined)
      throw invalid(
        'RANKING_NOT_OFFERED',
        'this vote offers no options to rank; give a choice of FOR, AGAINST or ABSTAIN',
      );
    return { choice: choiceOf(d.choice) };
  }
  if (d.ranking === undefined) {
    if (d.choice === 'ABSTAIN') return { choice: 'ABSTAIN' };
    throw invalid(
      'RANKING_REQUIRED',
      'this vote asks for a ranking of its options, most preferred first, or ABSTAIN to take part without ranking',
    );
  }
  if (d.choice !== undefined && d.choice !== 'FOR') {
    throw invalid(
      'INVALID_CHOICE',
      'a ranking is a ballot FOR the options it ranks; leave choice out, or cast ABSTAIN without a ranking',
    );
  }
  return { choice: 'FOR', ranking: rankingFor(options, d.ranking) };
}

/** Rules 9–12. After the close event a valid ballot is recorded as late, not refused: the caster is told. */
function decideBallot(state: ResolutionState, d: CastData): ResolutionEvent[] {
  const current = drafted(state);
  if (current.status !== 'open' && current.status !== 'closed') {
    throw conflict(
      'RESOLUTION_NOT_OPEN',
      `the vote opens at ${current.resolution.opensAt}; no ballot is taken before it opens`,
    );
  }
  const verdict = verdictOf(current.resolution, d);
  if (!CHANNELS.includes(d.channel))
    throw invalid('INVALID_CHANNEL', `channel "${String(d.channel)}" is not one of ${CHANNELS.join(', ')}`);
  const now = timeOf(d.now, 'now');
  const voterIds = voterIdsOf(current, d.ownerId);
  if (voterIds.length === 0) throw notAVoter(d.ownerId, current);
  const evidenceSha256 = sha256Of(d.evidenceSha256);

  let proxyOwnerId: string | null = null;
  if (d.channel === 'PROXY') {
    proxyOwnerId = proxyFor(current, d, evidenceSha256);
  } else {
    if (d.proxyOwnerId !== undefined) {
      throw invalid('PROXY_CHANNEL_REQUIRED', `a ballot cast by proxy ${d.proxyOwnerId} must use channel PROXY`);
    }
    if (d.channel === 'PAPER' && !evidenceSha256) {
      throw invalid(
        'EVIDENCE_REQUIRED',
        'a paper ballot needs the SHA-256 of its scan, so the owner can check what was entered in their name',
      );
    }
  }

  const ballot: BallotData = {
    ownerId: d.ownerId,
    voterIds,
    ...verdict,
    channel: d.channel,
    castBy: d.castBy,
    proxyOwnerId,
    evidenceSha256,
    castAt: iso(now),
    ...(d.activatedBy ? { activatedBy: d.activatedBy } : {}),
  };
  return castOrLate(current, ballot, { cast: 'BallotCast', late: 'LateBallotRecorded', reason: 'RESOLUTION_CLOSED' });
}

/** Rule 13: at or after closesAt; results are due within the rulebook's period of closesAt. */
function decideClose(
  state: ResolutionState,
  d: Extract<ResolutionCommand, { type: 'CloseResolution' }>['data'],
): ResolutionEvent[] {
  const nowDate = d.now;
  const current = drafted(state);
  if (current.status === 'closed')
    throw conflict('RESOLUTION_CLOSED', `the vote already closed at ${current.closed.closedAt}`);
  if (current.status !== 'open') throw conflict('RESOLUTION_NOT_OPEN', 'the vote never opened, so it cannot close');
  const now = timeOf(nowDate, 'now');
  const closesAt = at(current.resolution.closesAt);
  if (now < closesAt)
    throw conflict('TOO_EARLY_TO_CLOSE', `the vote may close at ${current.resolution.closesAt}, as posted, not before`);
  const days = rulebookOf(current.resolution).resultPostingDays;
  const dueBy = days === null ? null : closesAt + days * DAY_MS;
  const { tally: counted, ballotsCounted } = closingTally(current);
  const committed = checkCounted(d.counted, countedIndexes(liveBallotPlaces(current)).length, current.ballotCount);
  return [
    {
      type: 'ResolutionClosed',
      data: {
        closedAt: iso(now),
        tally: counted,
        ballotsCounted,
        ...committed,
        resultsDueBy: dueBy === null ? null : iso(dueBy),
        resultsLate: dueBy !== null && now > dueBy,
      },
    },
  ];
}

// ---- evolve ----

function corrupt(event: ResolutionEvent, state: ResolutionState): never {
  throw new Error(`${event.type} cannot follow a resolution in state "${state.status}": the stream is corrupt`);
}

export const resolutionDecider: Decider<ResolutionCommand, ResolutionEvent, ResolutionState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'DraftResolution':
        return decideDraft(state, command.data);
      case 'PostResolution':
        return decidePost(state, command.data.now);
      case 'OpenResolution':
        return decideOpen(state, command.data);
      case 'AuthoriseProxy':
        return decideProxy(state, command.data);
      case 'CastBallot':
        return decideBallot(state, command.data);
      case 'CloseResolution':
        return decideClose(state, command.data);
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ResolutionDrafted':
        if (state.status !== 'none') return corrupt(event, state);
        return { status: 'drafted', resolution: event.data };
      case 'ResolutionPosted':
        if (state.status !== 'drafted') return corrupt(event, state);
        return { status: 'posted', resolution: state.resolution, postedAt: event.data.postedAt, proxies: null };
      case 'ResolutionOpened':
        if (state.status !== 'posted') return corrupt(event, state);
        return {
          ...state,
          status: 'open',
          openedAt: event.data.openedAt,
          roster: freezeRoster(event.data, 'ResolutionOpened'),
          ballots: null,
          ballotCount: 0,
        };
      case 'ProxyAuthorised':
        if (state.status !== 'posted' && state.status !== 'open') return corrupt(event, state);
        return { ...state, proxies: { proxy: event.data, next: state.proxies } };
      case 'BallotCast':
        // Rule 12: what decides is the order in the stream, so a ballot after the close is late whatever its type.
        if (state.status === 'closed') {
          return {
            ...state,
            lateBallots: { ballot: event.data, next: state.lateBallots },
            lateCount: state.lateCount + 1,
          };
        }
        if (state.status !== 'open') return corrupt(event, state);
        return { ...state, ballots: { ballot: event.data, next: state.ballots }, ballotCount: state.ballotCount + 1 };
      case 'LateBallotRecorded':
        if (state.status !== 'closed') return corrupt(event, state);
        return {
          ...state,
          lateBallots: { ballot: event.data, next: state.lateBallots },
          lateCount: state.lateCount + 1,
        };
      case 'ResolutionClosed':
        if (state.status !== 'open') return corrupt(event, state);
        return { ...state, status: 'closed', closed: event.data, lateBallots: null, lateCount: 0 };
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
