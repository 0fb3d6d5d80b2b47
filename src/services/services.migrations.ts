import type { Migrations } from '../platform/database/migrations.js';
import { Services1764000003000 } from './migrations/1764000003000-services.js';

/** The services context's tables: requests, contracts, assessments and fee releases (rules 34–38). */
export const SERVICES_MIGRATIONS: Migrations = [Services1764000003000];
