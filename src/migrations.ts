import type { Migrations } from './platform/database/migrations.js';
import { PLATFORM_MIGRATIONS } from './platform/database/migrations.js';
import { IDENTITY_MIGRATIONS } from './identity/identity.migrations.js';
import { REGISTRY_MIGRATIONS } from './registry/registry.migrations.js';
import { VOTING_MIGRATIONS } from './voting/voting.migrations.js';
import { FINANCE_MIGRATIONS } from './finance/finance.migrations.js';
import { ELECTIONS_MIGRATIONS } from './elections/elections.migrations.js';
import { TRANSPARENCY_MIGRATIONS } from './transparency/transparency.migrations.js';
import { SERVICES_MIGRATIONS } from './services/services.migrations.js';

/**
 * Every module's schema changes, gathered at the composition root so the platform, which runs them at start,
 * knows no feature. A new module lists its own in src/<module>/<module>.migrations.ts and adds one line here.
 */
export const MIGRATIONS: Migrations = [
  ...PLATFORM_MIGRATIONS,
  ...IDENTITY_MIGRATIONS,
  ...REGISTRY_MIGRATIONS,
  ...VOTING_MIGRATIONS,
  ...FINANCE_MIGRATIONS,
  ...ELECTIONS_MIGRATIONS,
  ...TRANSPARENCY_MIGRATIONS,
  ...SERVICES_MIGRATIONS,
];
