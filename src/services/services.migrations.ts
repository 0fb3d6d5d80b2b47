import type { Migrations } from '../platform/database/migrations.js';
import { Services1764000003000 } from './migrations/1764000003000-services.js';
import { PropertyCompanyStaff1764000009100 } from './migrations/1764000009100-property-company-staff.js';

/** The services context's tables: requests, contracts, assessments and fee releases (rules 34–38), the company's staff. */
export const SERVICES_MIGRATIONS: Migrations = [Services1764000003000, PropertyCompanyStaff1764000009100];
