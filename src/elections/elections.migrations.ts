import type { Migrations } from '../platform/database/migrations.js';
import { Elections1764000000610 } from './migrations/1764000000610-elections.js';

/** The elections module's schema changes; src/migrations.ts gathers every module's. */
export const ELECTIONS_MIGRATIONS: Migrations = [Elections1764000000610];
