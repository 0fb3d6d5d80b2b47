import type { MigrationInterface } from 'typeorm';
import { Platform1764000000000 } from './migrations/1764000000000-platform.js';
import { IdempotencyWindow1764000000010 } from './migrations/1764000000010-idempotency-window.js';
import { ProjectionFailures1764000000900 } from './migrations/1764000000900-projection-failures.js';

/** A module's schema changes; TypeORM runs them in the order of the timestamp ending each class's name. */
export type Migrations = readonly (new () => MigrationInterface)[];

/** The platform's own tables (events, idempotency records, projection progress and failures). */
export const PLATFORM_MIGRATIONS: Migrations = [
  Platform1764000000000,
  IdempotencyWindow1764000000010,
  ProjectionFailures1764000000900,
];
