import type { Decider } from '../shared/decider.js';
import { conflict, invalid, notFound } from '../shared/domain-error.js';
import { ownEntry } from '../shared/records.js';
import { at } from '../shared/time.js';
import { assess, checkFormula, scoreText } from './assessment.js';
import type {
  AssessmentFormula,
  AssessmentPublishedData,
  ContractSignedData,
  ItemRating,
  PropertyServiceEvent,
} from './property-service.events.js';
import type { RequestFigures } from './request-figures.js';

const ID = /^[A-Za-z0-9_-]{1,40}$/;

/** A vote as a contract or an assessment cites it, as the handler found it (libs/domain/voting's state). */
export interface VoteFacts {
  resolutionId: string;
  matter: string;
  status: string;
  outcome: string | null;
  closedAt: string | null;
  /** A menu vote's option ids. */
  optionIds: string[];
  /** From the tally: heads FOR, heads that took part. */
  forHeads: number;
  participatedHeads: number;
}

export type PropertyServiceCommand =
  | { type: 'RegisterCompany'; data: { companyId: string; name: string; creditCode: string; now: Date } }
  | {
      type: 'SignContract';
      data: {
        contractId: string;
        companyId: string;
        startsAt: Date;
        endsAt: Date;
        periodFeeFen: bigint;
        periods: { periodId: string; startsAt: Date; endsAt: Date }[];
        items: { itemId: string; name: string; standard: string; menuOptionId?: string | null }[];
        menu: VoteFacts | null;
        formula: AssessmentFormula;
        now: Date;
      };
    }
  | {
      type: 'PublishAssessment';
      data: {
        assessmentId: string;
        contractId: string;
        periodId: string;
        surveys: { itemId: string; vote: VoteFacts }[];
        requests: RequestFigures;
        now: Date;
      };
    }
  | { type: 'ReleaseFee'; data: { releaseId: string; contractId: string; periodId: string; now: Date } }
  | { type: 'RecordPartyOrganisation'; data: { present: boolean; now: Date } };

export interface PropertyServiceState {
  companies: Record<string, { name: string; creditCode: string }>;
  contracts: Record<string, ContractSignedData>;
  /** By `${contractId}/${periodId}`. */
  assessments: Record<string, AssessmentPublishedData>;
  releases: Record<string, string>;
  partyOrganisation: boolean | null;
  /** The company registered last: the one whose staff hold the property company's desk (see servingCompany). */
  latestCompany?: string | null;
}

export const periodKey = (contractId: string, periodId: string) => `${contractId}/${periodId}`;

function name(value: string, code: string, what: string, max = 200): string {
  const trimmed = value.trim();
  if ([...trimmed].length < 1 || [...trimmed].length > max) throw invalid(code, `${what} needs 1 to ${max} characters`);
  return trimmed;
}

function contractOf(state: PropertyServiceState, contractId: string, periodId: string) {
  const contract = ownEntry(state.contracts, contractId);
  if (!contract) throw notFound('CONTRACT_NOT_FOUND', `the community has no service contract ${contractId}`);
  const period = contract.periods.find((p) => p.periodId === periodId);
  if (!period) throw notFound('PERIOD_NOT_FOUND', `contract ${contractId} has no period ${periodId}`);
  return { contract, period };
}

function signContract(
  state: PropertyServiceState,
  d: Extract<PropertyServiceCommand, { type: 'SignContract' }>['data'],
) {
  if (!ID.test(d.contractId)) throw invalid('INVALID_ID', 'contractId must be 1–40 letters, digits, "-" or "_"');
  if (ownEntry(state.contracts, d.contractId))
    throw conflict('CONTRACT_EXISTS', `contract ${d.contractId} already exists`);
  if (!ownEntry(state.companies, d.companyId))
    throw notFound('COMPANY_NOT_FOUND', `register property company ${d.companyId} before its contract`);
  const start = d.startsAt.getTime();
  const end = d.endsAt.getTime();
  if (!(start < end)) throw invalid('INVALID_PERIOD', 'a contract ends after it starts');
  for (const other of Object.values(state.contracts))
    if (start < at(other.endsAt) && at(other.startsAt) < end)
      throw conflict('CONTRACT_OVERLAPS', `contract ${other.contractId} already covers part of this time`);
  if (d.periodFeeFen <= 0n) throw invalid('INVALID_AMOUNT', 'the fee per period must be more than zero');
  // The periods tile the contract: each fee is owed for exactly one stretch of service.
  let cursor = start;
  const periodIds = new Set<string>();
  for (const p of d.periods) {
    if (!ID.test(p.periodId) || periodIds.has(p.periodId))
      throw invalid('INVALID_PERIODS', `period id "${p.periodId}" is missing, malformed or repeated`);
    periodIds.add(p.periodId);
    if (p.startsAt.getTime() !== cursor || !(p.endsAt.getTime() > cursor))
      throw invalid(
        'INVALID_PERIODS',
        `period ${p.periodId} must start where the previous one ends and end after it starts`,
      );
    cursor = p.endsAt.getTime();
  }
  if (d.periods.length === 0 || cursor !== end)
    throw invalid('INVALID_PERIODS', 'the periods must run from the contract start to its end without gaps');
  if (d.items.length === 0) throw invalid('INVALID_ITEMS', 'a contract names at least one service item');
  const menu = d.menu;
  if (menu) {
    if (menu.matter !== 'SERVICE_MENU')
      throw invalid('NOT_A_MENU_VOTE', `vote ${menu.resolutionId} is a ${menu.matter} vote, not a SERVICE_MENU vote`);
    if (menu.status !== 'closed' || menu.outcome !== 'PASSED')
      throw conflict(
        'MENU_VOTE_NOT_PASSED',
        `menu vote ${menu.resolutionId} has not passed (${menu.outcome ?? menu.status})`,
      );
  }
  const itemIds = new Set<string>();
  const items = d.items.map((item) => {
    if (!ID.test(item.itemId) || itemIds.has(item.itemId))
      throw invalid('INVALID_ITEMS', `item id "${item.itemId}" is missing, malformed or repeated`);
    itemIds.add(item.itemId);
    const option = item.menuOptionId ?? null;
    if (option !== null) {
      if (!menu) throw invalid('MENU_VOTE_REQUIRED', `item ${item.itemId} cites a menu option; name the menu vote`);
      if (!menu.optionIds.includes(option))
        throw invalid('UNKNOWN_OPTION', `menu vote ${menu.resolutionId} offered no option "${option}"`);
    }
    return {
      itemId: item.itemId,
      name: name(item.name, 'INVALID_ITEMS', `item ${item.itemId}'s name`),
      standard: name(item.standard, 'INVALID_ITEMS', `item ${item.itemId}'s standard`, 1000),
      menuOptionId: option,
    };
  });
  const data: ContractSignedData = {
    contractId: d.contractId,
    companyId: d.companyId,
    startsAt: d.startsAt.toISOString(),
    endsAt: d.endsAt.toISOString(),
    periodFeeFen: d.periodFeeFen.toString(),
    periods: d.periods.map((p) => ({
      periodId: p.periodId,
      startsAt: p.startsAt.toISOString(),
      endsAt: p.endsAt.toISOString(),
    })),
    items,
    menuResolutionId: menu?.resolutionId ?? null,
    formula: checkFormula(d.formula),
    signedAt: d.now.toISOString(),
  };
  return [{ type: 'ServiceContractSigned' as const, data }];
}

function publishAssessment(
  state: PropertyServiceState,
  d: Extract<PropertyServiceCommand, { type: 'PublishAssessment' }>['data'],
) {
  const { contract, period } = contractOf(state, d.contractId, d.periodId);
  if (ownEntry(state.assessments, periodKey(d.contractId, d.periodId)))
    throw conflict('PERIOD_ALREADY_ASSESSED', `period ${d.periodId} of contract ${d.contractId} is already assessed`);
  // Pay after experience: a period is assessed once it has been lived through.
  if (d.now.getTime() < at(period.endsAt))
    throw conflict('PERIOD_NOT_OVER', `period ${d.periodId} ends ${period.endsAt}; assess it once it is over`);
  const items: ItemRating[] = contract.items.map((item) => {
    const cited = d.surveys.filter((s) => s.itemId === item.itemId);
    if (cited.length !== 1)
      throw invalid('SURVEY_MISSING', `name exactly one SURVEY vote rating item ${item.itemId} (${item.name})`);
    const vote = cited[0].vote;
    if (vote.matter !== 'SURVEY')
      throw invalid('NOT_A_SURVEY', `vote ${vote.resolutionId} is a ${vote.matter} vote, not a SURVEY`);
    if (vote.status !== 'closed' || vote.closedAt === null)
      throw conflict('SURVEY_NOT_CLOSED', `survey ${vote.resolutionId} is not closed yet`);
    if (at(vote.closedAt) < at(period.startsAt))
      throw conflict('SURVEY_BEFORE_PERIOD', `survey ${vote.resolutionId} closed before period ${d.periodId} began`);
    return {
      itemId: item.itemId,
      resolutionId: vote.resolutionId,
      satisfiedHeads: vote.forHeads,
      participatedHeads: vote.participatedHeads,
    };
  });
  const unknown = d.surveys.find((s) => !contract.items.some((i) => i.itemId === s.itemId));
  if (unknown) throw invalid('UNKNOWN_ITEM', `contract ${d.contractId} has no item ${unknown.itemId}`);
  const fee = BigInt(contract.periodFeeFen);
  const { counted, onTime, rated, satisfied } = d.requests;
  const result = assess(contract.formula, items, { counted, onTime, rated, satisfied }, fee);
  return [
    {
      type: 'ServiceAssessmentPublished' as const,
      data: {
        assessmentId: d.assessmentId,
        contractId: d.contractId,
        periodId: d.periodId,
        items,
        requests: { counted, onTime, rated, satisfied },
        ...scoreText(result),
        withholdPercent: result.withholdPercent,
        feeFen: fee.toString(),
        withheldFen: result.withheldFen.toString(),
        payableFen: result.payableFen.toString(),
        assessedAt: d.now.toISOString(),
      },
    },
  ];
}

/** Rules 36–37 and 38's party-organisation record: a community's property service, decided in one stream. */
export const propertyServiceDecider: Decider<PropertyServiceCommand, PropertyServiceEvent, PropertyServiceState> = {
  initialState: () => ({ companies: {}, contracts: {}, assessments: {}, releases: {}, partyOrganisation: null }),

  decide(command, state) {
    switch (command.type) {
      case 'RegisterCompany': {
        const d = command.data;
        if (!ID.test(d.companyId)) throw invalid('INVALID_ID', 'companyId must be 1–40 letters, digits, "-" or "_"');
        if (ownEntry(state.companies, d.companyId))
          throw conflict('COMPANY_EXISTS', `company ${d.companyId} is already registered`);
        // 统一社会信用代码: 18 digits or capital letters.
        if (!/^[0-9A-Z]{18}$/.test(d.creditCode))
          throw invalid('INVALID_CREDIT_CODE', 'the unified social credit code is 18 digits or capital letters');
        return [
          {
            type: 'PropertyCompanyRegistered',
            data: {
              companyId: d.companyId,
              name: name(d.name, 'INVALID_NAME', "the company's name"),
              creditCode: d.creditCode,
              registeredAt: d.now.toISOString(),
            },
          },
        ];
      }
      case 'SignContract':
        return signContract(state, command.data);
      case 'PublishAssessment':
        return publishAssessment(state, command.data);
      case 'ReleaseFee': {
        const d = command.data;
        contractOf(state, d.contractId, d.periodId);
        const key = periodKey(d.contractId, d.periodId);
        const assessment = ownEntry(state.assessments, key);
        if (!assessment)
          throw conflict(
            'ASSESSMENT_NOT_PUBLISHED',
            `period ${d.periodId} is not assessed yet; its fee is released only after the assessment is published (先体验后付费)`,
          );
        if (ownEntry(state.releases, key))
          throw conflict('FEE_ALREADY_RELEASED', `the fee of period ${d.periodId} was released already`);
        return [
          {
            type: 'ServiceFeeReleased',
            data: {
              releaseId: d.releaseId,
              contractId: d.contractId,
              periodId: d.periodId,
              assessmentId: assessment.assessmentId,
              feeFen: assessment.feeFen,
              releasedFen: assessment.payableFen,
              withheldFen: assessment.withheldFen,
              releasedAt: d.now.toISOString(),
            },
          },
        ];
      }
      case 'RecordPartyOrganisation':
        return [
          {
            type: 'PartyOrganisationRecorded',
            data: { present: command.data.present, recordedAt: command.data.now.toISOString() },
          },
        ];
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'PropertyCompanyRegistered':
        return {
          ...state,
          companies: {
            ...state.companies,
            [event.data.companyId]: { name: event.data.name, creditCode: event.data.creditCode },
          },
          latestCompany: event.data.companyId,
        };
      case 'ServiceContractSigned':
        return { ...state, contracts: { ...state.contracts, [event.data.contractId]: event.data } };
      case 'ServiceAssessmentPublished':
        return {
          ...state,
          assessments: { ...state.assessments, [periodKey(event.data.contractId, event.data.periodId)]: event.data },
        };
      case 'ServiceFeeReleased':
        return {
          ...state,
          releases: {
            ...state.releases,
            [periodKey(event.data.contractId, event.data.periodId)]: event.data.releaseId,
          },
        };
      case 'PartyOrganisationRecorded':
        return { ...state, partyOrganisation: event.data.present };
      default:
        return state;
    }
  },
};

/** The contract in force at `when`, if any (rule 38's property-service coverage). */
export function contractInForce(state: PropertyServiceState, when: Date): ContractSignedData | null {
  const t = when.getTime();
  return Object.values(state.contracts).find((c) => at(c.startsAt) <= t && t < at(c.endsAt)) ?? null;
}

/**
 * The company whose staff may take the property company's steps at `when`: the company registered
 * last (registering another ends the former's desk), as long as it has no contract yet or one not yet
 * ended (the last contract's end ends its desk too). Null: no company serves.
 */
export function servingCompany(state: PropertyServiceState, when: Date): string | null {
  const latest = state.latestCompany ?? null;
  if (latest === null) return null;
  const contracts = Object.values(state.contracts).filter((c) => c.companyId === latest);
  const t = when.getTime();
  return contracts.length === 0 || contracts.some((c) => t < at(c.endsAt)) ? latest : null;
}
