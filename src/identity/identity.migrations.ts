import type { Migrations } from '../platform/database/migrations.js';
import { Identity1764000000100 } from './migrations/1764000000100-identity.js';
import { GrantExpiry1764000000110 } from './migrations/1764000000110-grant-expiry.js';
import { RolesOfOwners1764000000120 } from './migrations/1764000000120-roles-of-owners.js';
import { ScopesAndLetters1764000001500 } from './migrations/1764000001500-scopes-and-letters.js';
import { PropertyCompanyRole1764000009000 } from './migrations/1764000009000-property-company-role.js';

/** The identity module's schema changes; src/migrations.ts gathers every module's. */
export const IDENTITY_MIGRATIONS: Migrations = [
  Identity1764000000100,
  GrantExpiry1764000000110,
  RolesOfOwners1764000000120,
  ScopesAndLetters1764000001500,
  PropertyCompanyRole1764000009000,
];
