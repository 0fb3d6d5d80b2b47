import type { Migrations } from '../platform/database/migrations.js';
import { Finance1764000000400 } from './migrations/1764000000400-finance.js';
import { StatementPublicSeal1764000001300 } from './migrations/1764000001300-statement-public-seal.js';

/** The finance module's schema changes; src/migrations.ts gathers every module's. */
export const FINANCE_MIGRATIONS: Migrations = [Finance1764000000400, StatementPublicSeal1764000001300];
