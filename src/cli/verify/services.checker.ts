import { DomainError } from '@gongzhi/domain/shared/domain-error.js';
import { formatYuan } from '@gongzhi/domain/shared/quantities.js';
import {
  propertyServiceDecider,
  type PropertyServiceCommand,
  type PropertyServiceState,
} from '@gongzhi/domain/services/property-service.js';
import {
  PROPERTY_SERVICE_EVENT_TYPES,
  type PropertyServiceEvent,
} from '@gongzhi/domain/services/property-service.events.js';
import { periodRequests, requestFigures } from '@gongzhi/domain/services/request-figures.js';
import {
  requestDecider,
  type FiledRequest,
  type RequestCommand,
  type RequestState,
} from '@gongzhi/domain/services/request.js';
import { REQUEST_EVENT_TYPES, type RequestEvent } from '@gongzhi/domain/services/request.events.js';
import type { BundleEvent } from '../../transparency/export/bundle-format.js';
import type { DerivedFacts } from './derived-facts.js';
import { differences, sameJson } from './differences.js';
import { type Findings, refOf } from './findings.js';
import type { StreamChecker } from './stream-checker.js';
import { StreamFolds } from './stream-folds.js';

const REQUEST_TYPES = new Set<string>(REQUEST_EVENT_TYPES);
const date = (text: string) => new Date(text);

/** The account that took a step, where the metadata records one. */
function actorOf(event: BundleEvent): string | undefined {
  const actor = (event.metadata as { actor?: unknown } | null)?.actor;
  return typeof actor === 'object' && actor !== null && typeof (actor as { id?: unknown }).id === 'string'
    ? (actor as { id: string }).id
    : undefined;
}

/**
 * The handler the desk that took a step stands for: the property company's staff (role
 * `property_company`) for PROPERTY_COMPANY, as the server decides it; any other desk for none.
 */
function actingForOf(event: BundleEvent): 'PROPERTY_COMPANY' | null {
  const actor = (event.metadata as { actor?: { role?: unknown } } | null)?.actor;
  return actor?.role === 'property_company' ? 'PROPERTY_COMPANY' : null;
}

/** The command a request event answers, rebuilt from what it records and who took it. */
function requestCommand(event: RequestEvent, before: RequestState, bundled: BundleEvent): RequestCommand {
  const actor = actorOf(bundled);
  const actingFor = actingForOf(bundled);
  const requester = before.status === 'none' ? '' : before.filed.requester.accountId;
  switch (event.type) {
    case 'RequestFiled': {
      const { acknowledgeBy: _a, resolveBy: _r, rulebookVersion: _v, filedAt, ...d } = event.data;
      // The roster is not re-derived here; the place is taken as the server found it.
      const known = new Set([d.place.ref]);
      return { type: 'FileRequest', data: { ...d, roster: { units: known, buildings: known }, now: date(filedAt) } };
    }
    case 'RequestDispatched':
      return { type: 'DispatchRequest', data: { handler: event.data.handler, now: date(event.data.dispatchedAt) } };
    case 'RequestAccepted':
      return { type: 'AcceptRequest', data: { now: date(event.data.acceptedAt), actingFor } };
    case 'RequestResolved':
      return {
        type: 'ResolveRequest',
        data: {
          whatWasDone: event.data.whatWasDone,
          photoSha256s: event.data.photoSha256s,
          now: date(event.data.resolvedAt),
          actingFor,
        },
      };
    case 'RequestRated':
      return {
        type: 'RateRequest',
        data: { rating: event.data.rating, accountId: actor ?? requester, now: date(event.data.ratedAt) },
      };
    case 'RequestReopened':
      return {
        type: 'ReopenRequest',
        data: { reason: event.data.reason, accountId: actor ?? requester, now: date(event.data.reopenedAt) },
      };
  }
}

/**
 * Residents' requests and the property service (rules 34–37), each event decided again from what it
 * records, with the domain's own deciders: a request's deadlines and late marks, a rating the domain
 * allows; a contract against the menu vote as recounted; an assessment from the surveys as recounted
 * and the community's requests as they stood in the log at that moment; a fee release from its
 * assessment. Whatever the server recorded otherwise is named, event by event.
 */
export class ServicesChecker implements StreamChecker {
  readonly check = 'services';
  readonly eventTypes = [...REQUEST_EVENT_TYPES, ...PROPERTY_SERVICE_EVENT_TYPES];
  private readonly requests = new StreamFolds<RequestEvent, RequestState>(requestDecider, this.check);
  private readonly service = new StreamFolds<PropertyServiceEvent, PropertyServiceState>(
    propertyServiceDecider,
    this.check,
  );
  private requestCount = 0;
  private assessments = 0;
  private released = 0n;
  private withheld = 0n;

  constructor(private readonly derived: DerivedFacts) {}

  add(event: BundleEvent, findings: Findings): void {
    const requests = REQUEST_TYPES.has(event.type);
    const folds = (requests ? this.requests : this.service) as StreamFolds<unknown, unknown>;
    const before = folds.current(event.streamId);
    if (before === null) return;
    const recorded = { type: event.type, data: event.data };
    let problem: string | null = null;
    try {
      const decided = requests
        ? requestDecider.decide(
            requestCommand(recorded as RequestEvent, before as RequestState, event),
            before as RequestState,
          )
        : propertyServiceDecider.decide(
            this.serviceCommand(recorded as PropertyServiceEvent, event.metadata),
            before as PropertyServiceState,
          );
      if (decided.length !== 1 || !sameJson(decided[0], recorded))
        problem = `decided again from what it records, this ${event.type} comes out otherwise: ${differences(recorded, decided[0] ?? null)}`;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problem = `the domain's rules refuse this ${event.type}: ${error.message}`;
    }
    findings.expect(this.check, problem === null, () => ({ event: refOf(event), message: problem! }));
    if (folds.apply(event, findings) === null) return;
    if (event.type === 'RequestFiled') this.requestCount++;
    if (event.type === 'ServiceAssessmentPublished') this.assessments++;
    if (event.type === 'ServiceFeeReleased') {
      const d = (recorded as Extract<PropertyServiceEvent, { type: 'ServiceFeeReleased' }>).data;
      this.released += BigInt(d.releasedFen);
      this.withheld += BigInt(d.withheldFen);
    }
  }

  /** The command a property-service event answers, with the votes as the verifier recounted them. */
  private serviceCommand(event: PropertyServiceEvent, metadata: unknown): PropertyServiceCommand {
    switch (event.type) {
      case 'PropertyCompanyRegistered': {
        const { registeredAt, ...d } = event.data;
        return { type: 'RegisterCompany', data: { ...d, now: date(registeredAt) } };
      }
      case 'ServiceContractSigned': {
        const d = event.data;
        return {
          type: 'SignContract',
          data: {
            contractId: d.contractId,
            companyId: d.companyId,
            startsAt: date(d.startsAt),
            endsAt: date(d.endsAt),
            periodFeeFen: BigInt(d.periodFeeFen),
            periods: d.periods.map((p) => ({
              periodId: p.periodId,
              startsAt: date(p.startsAt),
              endsAt: date(p.endsAt),
            })),
            items: d.items,
            menu: d.menuResolutionId ? this.vote(d.menuResolutionId) : null,
            formula: d.formula,
            now: date(d.signedAt),
          },
        };
      }
      case 'ServiceAssessmentPublished': {
        const d = event.data;
        const communityId = (metadata as { communityId?: string } | null)?.communityId;
        const state = this.service.current(`property-service-${communityId}`);
        const period = state?.contracts[d.contractId]?.periods.find((p) => p.periodId === d.periodId);
        const all: FiledRequest[] = [];
        for (const [, r] of this.requests.entries())
          if (r.status !== 'none' && r.filed.communityId === communityId) all.push(r);
        return {
          type: 'PublishAssessment',
          data: {
            assessmentId: d.assessmentId,
            contractId: d.contractId,
            periodId: d.periodId,
            surveys: d.items.map((i) => ({ itemId: i.itemId, vote: this.vote(i.resolutionId) })),
            requests: period
              ? requestFigures(periodRequests(all, period), date(d.assessedAt))
              : { counted: 0, onTime: 0, rated: 0, satisfied: 0, reopened: 0 },
            now: date(d.assessedAt),
          },
        };
      }
      case 'ServiceFeeReleased':
        return {
          type: 'ReleaseFee',
          data: {
            releaseId: event.data.releaseId,
            contractId: event.data.contractId,
            periodId: event.data.periodId,
            now: date(event.data.releasedAt),
          },
        };
      case 'PartyOrganisationRecorded':
        return {
          type: 'RecordPartyOrganisation',
          data: { present: event.data.present, now: date(event.data.recordedAt) },
        };
    }
  }

  /** A vote as recounted; one the bundle never closed reads as not closed, and the decider refuses what cites it. */
  private vote(resolutionId: string) {
    return (
      this.derived.votes.get(resolutionId) ?? {
        resolutionId,
        matter: '',
        status: 'not closed in this bundle',
        outcome: null,
        closedAt: null,
        optionIds: [],
        forHeads: 0,
        participatedHeads: 0,
      }
    );
  }

  finish(): void {}

  figures(): string[] {
    if (this.requestCount === 0 && this.assessments === 0) return [];
    return [
      `services: ${this.requestCount} requests decided again, ${this.assessments} assessments recomputed, ${formatYuan(this.released)} yuan released and ${formatYuan(this.withheld)} withheld`,
    ];
  }
}
