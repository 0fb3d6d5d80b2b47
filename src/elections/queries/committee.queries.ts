import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { bodyInOffice, formationRate, type CommitteeView } from '@gongzhi/domain/elections/committee-view.js';
import { notFound } from '@gongzhi/domain/shared/domain-error.js';
import { BatchApplier } from '../../platform/projections/batch-applier.js';
import { firstRow, rows } from '../../platform/database/rows.js';

/** The governing body of a community as the public sees it, and the district view of a regulator. */
@Injectable()
export class CommitteeQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projections: BatchApplier,
  ) {}

  private present(view: CommitteeView, now: Date) {
    const body = bodyInOffice(view, now);
    const members =
      body.kind === 'COMMITTEE'
        ? view.committee!.members.map((m) => ({ name: m.name, ownerId: m.ownerId, candidateId: m.candidateId }))
        : body.kind === 'NONE'
          ? []
          : view.appointed!.members.map((m) => ({ name: m.name, memberId: m.memberId, role: m.role ?? null }));
    const term =
      body.kind === 'COMMITTEE'
        ? { from: view.committee!.electedAt, until: view.committee!.termEndsAt }
        : body.kind === 'PMC'
          ? { from: view.appointed!.appointedAt, until: view.appointed!.termEndsAt }
          : body.kind === 'PREPARATORY_GROUP'
            ? { from: view.appointed!.appointedAt, until: null }
            : null;
    const latest = view.elections[view.elections.length - 1] ?? null;
    const c = view.committee;
    return {
      communityId: view.communityId,
      name: view.name,
      district: view.district,
      street: view.street ?? null,
      kind: body.kind,
      members,
      alternates: body.kind === 'COMMITTEE' ? c!.alternates : [],
      term,
      filing: latest
        ? {
            electionId: latest.electionId,
            status: body.filingStatus,
            dueBy: latest.filingDueBy,
            decidedAt: latest.filing?.at ?? null,
            reason: latest.filing?.reason ?? null,
            late: latest.filing?.late ?? null,
          }
        : { electionId: null, status: body.filingStatus, dueBy: null, decidedAt: null, reason: null, late: null },
      // The latest filed committee, in office or not: an expired one stays visible with its status.
      committee: c
        ? {
            status: body.committeeStatus,
            electionId: c.electionId,
            closeEventId: c.closeEventId,
            filedAt: c.filedAt,
            term: { from: c.electedAt, until: c.termEndsAt },
            seats: c.seats,
            vacancies: Math.max(0, c.seats - c.members.length),
            // Rule 29: below its lawful size, or even with no alternate left: a by-election of the empty seats is due.
            byElectionDue: body.byElectionDue,
            members: c.members,
            alternates: c.alternates,
          }
        : null,
      pmc:
        view.appointed?.kind === 'PMC'
          ? {
              status: body.pmcStatus,
              appointedAt: view.appointed.appointedAt,
              termEndsAt: view.appointed.termEndsAt,
              dissolveBy: c?.pmcDissolveBy ?? null,
              dissolved: view.pmcDissolved,
            }
          : null,
      overdue: body.overdue,
      byElectionDue: body.byElectionDue,
      formed: body.formed,
      history: view.history,
    };
  }

  async committee(communityId: string, now: Date) {
    const row = await firstRow<{ view: CommitteeView }>(
      this.dataSource,
      'SELECT view FROM elections_committee_views WHERE community_id = $1',
      [communityId],
    );
    if (!row) throw notFound('COMMUNITY_NOT_FOUND', `no community ${communityId}`);
    return this.present(row.view, now);
  }

  /** A regulator's district: each community's body, filing and overdue duties, and the formation rate. */
  async district({ district, street }: { district?: string; street?: string | null }, now: Date) {
    const views = await rows<{ view: CommitteeView }>(
      this.dataSource,
      `SELECT view FROM elections_committee_views WHERE ($1::text IS NULL OR district = $1) AND ($2::text IS NULL OR view->>'street' = $2)
       ORDER BY view->>'name', community_id`,
      [district ?? null, street ?? null],
    );
    // A community whose read models stopped at an event they could not apply: its figures here are stale.
    const stalled = new Map(
      (await this.projections.failures.list(views.map(({ view }) => view.communityId))).map((f) => [f.communityId, f]),
    );
    const communities = views.map(({ view }) => {
      const p = this.present(view, now);
      const failure = stalled.get(p.communityId);
      return {
        communityId: p.communityId,
        name: p.name,
        district: p.district,
        street: p.street,
        governingBody: p.kind,
        termEndsAt: p.term?.until ?? null,
        filingStatus: p.filing.status,
        filingDueBy: p.filing.dueBy,
        overdue: p.overdue,
        byElectionDue: p.byElectionDue,
        formed: p.formed,
        readModelsStalled: failure
          ? { since: failure.failedAt!, atPosition: failure.position.toString(), eventType: failure.eventType }
          : null,
      };
    });
    const rate = (list: typeof communities) => formationRate(list.filter((c) => c.formed).length, list.length);
    // Rule 31: grouped by street, each with its own formation rate (null: the registry names no street).
    // In code-point order, as the database's C collation would: the same on every machine.
    const streets = [...new Set(communities.map((c) => c.street))].sort((a, b) =>
      (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0,
    );
    return {
      district: district ?? null,
      street: street ?? null,
      asOf: now.toISOString(),
      formationRate: rate(communities),
      byStreet: streets.map((s) => {
        const here = communities.filter((c) => c.street === s);
        return { street: s, formationRate: rate(here), communityIds: here.map((c) => c.communityId) };
      }),
      communities,
    };
  }
}
