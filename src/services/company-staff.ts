import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { servingCompany } from '@gongzhi/domain/services/property-service.js';
import { forbidden } from '@gongzhi/domain/shared/domain-error.js';
import { IdentityService } from '../identity/identity.service.js';
import type { Actor } from '../platform/auth/principal.js';
import { EventSourcing } from '../platform/event-sourcing/event-sourcing.service.js';
import { PROPERTY_SERVICE } from './services-streams.js';
import { COMPANY_STAFF } from './services.access.js';

export type StaffRemoval = 'REMOVED' | 'COMPANY_REPLACED';

export interface StaffMember {
  staffId: string;
  companyId: string;
  name: string;
  login: string;
  createdAt: Date;
  removedAt: Date | null;
  removedBecause: StaffRemoval | null;
}

interface StaffRow {
  staff_id: string;
  company_id: string;
  name: string;
  login: string;
  created_at: Date;
  removed_at: Date | null;
  removed_because: StaffRemoval | null;
}

const member = (r: StaffRow): StaffMember => ({
  staffId: r.staff_id,
  companyId: r.company_id,
  name: r.name,
  login: r.login,
  createdAt: r.created_at,
  removedAt: r.removed_at,
  removedBecause: r.removed_because,
});

const COLUMNS = 'staff_id, company_id, name, login, created_at, removed_at, removed_because';

/**
 * The property company's staff of a community and their accounts' grants (`property_company`, the
 * subject the staff id): a staff member removed, or whose company another replaces, loses the grant
 * and any code not yet used, in one place.
 */
@Injectable()
export class CompanyStaff {
  constructor(
    private readonly dataSource: DataSource,
    private readonly identity: IdentityService,
    private readonly es: EventSourcing,
  ) {}

  /** A staff member acts while their company serves the community: not after another is registered, nor after its last contract ends. */
  async assertServing(communityId: string, actor: Actor, now: Date): Promise<void> {
    const member = actor.subjectId ? await this.one(communityId, actor.subjectId) : null;
    const serving = servingCompany(await this.es.state(PROPERTY_SERVICE.stream(communityId)), now);
    if (!member || member.removedAt || member.companyId !== serving)
      throw forbidden(
        'COMPANY_NOT_SERVING',
        member && !member.removedAt
          ? `company ${member.companyId} no longer serves community ${communityId}; its staff take no step here`
          : `this staff account no longer holds the property company's desk of community ${communityId}`,
      );
  }

  async add(
    communityId: string,
    staff: { staffId: string; companyId: string; name: string; login: string },
    createdBy: string,
    now: Date,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO property_company_staff (staff_id, community_id, company_id, name, login, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (staff_id) DO NOTHING`,
      [staff.staffId, communityId, staff.companyId, staff.name, staff.login, createdBy, now],
    );
  }

  async list(communityId: string): Promise<(StaffMember & { activatedAt: Date | null })[]> {
    const rows: StaffRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM property_company_staff WHERE community_id = $1 ORDER BY named`,
      [communityId],
    );
    const activated = await this.identity.activations(
      communityId,
      COMPANY_STAFF,
      rows.map((r) => r.staff_id),
    );
    return rows.map((r) => ({ ...member(r), activatedAt: activated.get(r.staff_id) ?? null }));
  }

  async one(communityId: string, staffId: string): Promise<StaffMember | null> {
    // A staff id that is no UUID names no one (and must not reach the uuid column as text).
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(staffId)) return null;
    const rows: StaffRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM property_company_staff WHERE community_id = $1 AND staff_id = $2`,
      [communityId, staffId],
    );
    return rows[0] ? member(rows[0]) : null;
  }

  /** Ends these staff members' access: their grants and unused codes. */
  async remove(communityId: string, staffIds: readonly string[], because: StaffRemoval, now: Date) {
    if (staffIds.length === 0) return { grantsEnded: 0, codesVoided: 0 };
    await this.dataSource.query(
      `UPDATE property_company_staff SET removed_at = $3, removed_because = $4
       WHERE community_id = $1 AND staff_id = ANY($2::uuid[]) AND removed_at IS NULL`,
      [communityId, staffIds, now, because],
    );
    return this.identity.endSubjects(communityId, COMPANY_STAFF, staffIds);
  }

  /** Another company registered: the staff of every other company of the community lose the desk. */
  async replaceCompany(communityId: string, companyId: string, now: Date) {
    const rows: { staff_id: string }[] = await this.dataSource.query(
      `SELECT staff_id FROM property_company_staff WHERE community_id = $1 AND company_id <> $2 AND removed_at IS NULL`,
      [communityId, companyId],
    );
    return this.remove(
      communityId,
      rows.map((r) => r.staff_id),
      'COMPANY_REPLACED',
      now,
    );
  }
}
