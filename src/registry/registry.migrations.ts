import type { Migrations } from '../platform/database/migrations.js';
import { Registry1764000000200 } from './migrations/1764000000200-registry.js';

/** The registry module's schema changes; src/migrations.ts gathers every module's. */
export const REGISTRY_MIGRATIONS: Migrations = [Registry1764000000200];
