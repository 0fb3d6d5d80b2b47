import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '@gongzhi/domain/shared/domain-error.js';
import { formatYuan } from '@gongzhi/domain/shared/quantities.js';
import { at } from '@gongzhi/domain/shared/time.js';
import { rate } from '@gongzhi/domain/services/fraction.js';
import { monthRange } from '@gongzhi/domain/services/month.js';
import { contractInForce, type PropertyServiceState } from '@gongzhi/domain/services/property-service.js';
import { onTime, overdueSteps, requestFigures } from '@gongzhi/domain/services/request-figures.js';
import type { FiledRequest } from '@gongzhi/domain/services/request.js';
import { streetOfficeView, type CommunityStanding } from '@gongzhi/domain/services/street-office.js';
import { CommitteeQueries } from '../../elections/queries/committee.queries.js';
import { firstRow, rows } from '../../platform/database/rows.js';

const fen = (text: string) => formatYuan(BigInt(text));

/**
 * Rule 35: what anyone sees of a request: never who filed it, and not which unit (a flat names its
 * household); the requester sees their own with `mine`.
 */
function publicRequest(r: FiledRequest, now: number, mine = false) {
  const f = r.filed;
  return {
    id: f.requestId,
    category: f.category,
    urgency: f.urgency,
    place: f.place.kind === 'UNIT' && !mine ? { kind: 'UNIT', ref: null } : f.place,
    text: f.text,
    photoSha256s: f.photoSha256s,
    status: r.status,
    handler: r.handler,
    filedAt: f.filedAt,
    acknowledgeBy: f.acknowledgeBy,
    resolveBy: r.resolveBy,
    acceptedAt: r.acceptedAt,
    resolvedAt: r.resolvedAt,
    whatWasDone: r.whatWasDone,
    rating: r.rating,
    reopened: r.reopened,
    lateSteps: r.lateSteps,
    overdue: overdueSteps(r, now),
    onTime: onTime(r, now),
    ...(mine ? { mine: true, requesterKind: f.requester.kind } : {}),
  };
}

function figuresJson(list: FiledRequest[], asOf: Date) {
  const f = requestFigures(list, asOf);
  return {
    requests: f.counted,
    reopened: f.reopened,
    onTime: rate(f.onTime, f.counted),
    satisfaction: rate(f.satisfied, f.rated),
    overdue: list.filter((r) => overdueSteps(r, asOf.getTime()).length > 0).length,
  };
}

@Injectable()
export class ServicesQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly committees: CommitteeQueries,
  ) {}

  private async requestsOf(
    communityIds: string[],
    month?: string,
  ): Promise<(FiledRequest & { communityId: string })[]> {
    const range = month ? monthRange(month) : null;
    const found = await rows<{ community_id: string; state: FiledRequest }>(
      this.dataSource,
      `SELECT community_id, state FROM services_requests WHERE community_id = ANY($1)
         AND ($2::timestamptz IS NULL OR filed_at >= $2) AND ($3::timestamptz IS NULL OR filed_at < $3)
       ORDER BY filed_at, request_id`,
      [communityIds, range?.startsAt ?? null, range?.endsAt ?? null],
    );
    return found.map((r) => ({ ...r.state, communityId: r.community_id }));
  }

  private async exists(communityId: string): Promise<void> {
    const row = await firstRow(this.dataSource, 'SELECT 1 FROM registry_communities WHERE community_id = $1', [
      communityId,
    ]);
    if (!row) throw notFound('COMMUNITY_NOT_FOUND', `no community ${communityId}`);
  }

  async requests(communityId: string, now: Date, month?: string) {
    await this.exists(communityId);
    return (await this.requestsOf([communityId], month)).map((r) => publicRequest(r, now.getTime()));
  }

  async mine(communityId: string, accountId: string, now: Date) {
    await this.exists(communityId);
    return (await this.requestsOf([communityId]))
      .filter((r) => r.filed.requester.accountId === accountId)
      .map((r) => publicRequest(r, now.getTime(), true));
  }

  async request(communityId: string, requestId: string, accountId: string | null, now: Date) {
    const row = await firstRow<{ state: FiledRequest }>(
      this.dataSource,
      'SELECT state FROM services_requests WHERE community_id = $1 AND request_id = $2',
      [communityId, requestId],
    );
    if (!row) throw notFound('REQUEST_NOT_FOUND', `community ${communityId} has no request ${requestId}`);
    return publicRequest(
      row.state,
      now.getTime(),
      accountId !== null && row.state.filed.requester.accountId === accountId,
    );
  }

  /**
   * A handler's queue (rule 34): its requests dispatched or in hand, oldest first, with the place in full
   * (the handler must find the flat) and never who filed.
   */
  async queue(communityId: string, handler: string, now: Date) {
    await this.exists(communityId);
    return (await this.requestsOf([communityId]))
      .filter((r) => r.handler === handler && (r.status === 'DISPATCHED' || r.status === 'IN_HAND'))
      .map((r) => ({ ...publicRequest(r, now.getTime()), place: r.filed.place }));
  }

  /** Rule 35: counts, on-time rate and satisfaction, overall, by category and by handler. */
  async stats(communityId: string, now: Date, month?: string) {
    await this.exists(communityId);
    const list = await this.requestsOf([communityId], month);
    const by = (key: (r: FiledRequest) => string | null) =>
      [...new Set(list.map(key))].sort().map((k) => ({
        key: k,
        ...figuresJson(
          list.filter((r) => key(r) === k),
          now,
        ),
      }));
    return {
      communityId,
      month: month ?? null,
      asOf: now.toISOString(),
      ...figuresJson(list, now),
      byCategory: by((r) => r.filed.category).map(({ key, ...f }) => ({ category: key, ...f })),
      byHandler: by((r) => r.handler).map(({ key, ...f }) => ({ handler: key, ...f })),
    };
  }

  /** Rule 35's overdue list: open steps past their limit, the oldest limit first. */
  async overdue(communityId: string, now: Date) {
    await this.exists(communityId);
    return (await this.requestsOf([communityId]))
      .map((r) => publicRequest(r, now.getTime()))
      .filter((r) => r.overdue.length > 0)
      .sort((a, b) => at(a.resolveBy) - at(b.resolveBy));
  }

  private async property(communityIds: string[]): Promise<Map<string, PropertyServiceState>> {
    const found = await rows<{ community_id: string; state: PropertyServiceState }>(
      this.dataSource,
      'SELECT community_id, state FROM services_property WHERE community_id = ANY($1)',
      [communityIds],
    );
    return new Map(found.map((r) => [r.community_id, r.state]));
  }

  /** Rules 36–37, public: the company, each contract's items and periods, each period's assessment and fee release. */
  async propertyService(communityId: string, now: Date) {
    await this.exists(communityId);
    const state = (await this.property([communityId])).get(communityId);
    if (!state) return { communityId, companies: [], contracts: [], contractInForce: null, partyOrganisation: null };
    return {
      communityId,
      companies: Object.entries(state.companies).map(([companyId, c]) => ({ companyId, ...c })),
      contractInForce: contractInForce(state, now)?.contractId ?? null,
      partyOrganisation: state.partyOrganisation,
      contracts: Object.values(state.contracts).map((c) => ({
        ...c,
        periodFeeFen: undefined,
        periodFee: fen(c.periodFeeFen),
        periods: c.periods.map((p) => {
          const a = state.assessments[`${c.contractId}/${p.periodId}`];
          const released = state.releases[`${c.contractId}/${p.periodId}`];
          return {
            ...p,
            assessment: a
              ? {
                  assessmentId: a.assessmentId,
                  items: a.items,
                  requests: a.requests,
                  score: a.score,
                  points: a.points,
                  withholdPercent: a.withholdPercent,
                  fee: fen(a.feeFen),
                  withheld: fen(a.withheldFen),
                  payable: fen(a.payableFen),
                  assessedAt: a.assessedAt,
                }
              : null,
            feeReleased: released ? { releaseId: released } : null,
          };
        }),
      })),
    };
  }

  /**
   * Rule 38, extending the district view (formation rate) with property-service and party-organisation
   * coverage, and the month's ranking: one read of the governance view, so the formation rate here is
   * the same as there.
   */
  async streetOffice(scope: { district?: string; street?: string | null }, month: string, now: Date) {
    const district = await this.committees.district(scope, now);
    const ids = district.communities.map((c) => c.communityId);
    const households = await rows<{ community_id: string; units: number }>(
      this.dataSource,
      'SELECT community_id, units FROM registry_communities WHERE community_id = ANY($1)',
      [ids],
    );
    const unitsOf = new Map(households.map((h) => [h.community_id, h.units]));
    const property = await this.property(ids);
    const requests = await this.requestsOf(ids, month);
    const standings: CommunityStanding[] = district.communities.map((c) => {
      const state = property.get(c.communityId);
      return {
        communityId: c.communityId,
        name: c.name,
        street: c.street,
        households: unitsOf.get(c.communityId) ?? 0,
        formed: c.formed,
        covered: state ? contractInForce(state, now) !== null : false,
        partyOrganisation: state?.partyOrganisation === true,
        requests: requestFigures(
          requests.filter((r) => r.communityId === c.communityId),
          now,
        ),
      };
    });
    return {
      district: district.district,
      street: district.street,
      month,
      asOf: now.toISOString(),
      ...streetOfficeView(standings),
    };
  }
}
