import type { Migrations } from '../platform/database/migrations.js';
import { Voting1764000000300 } from './migrations/1764000000300-voting.js';
import { MenuVotes1764000000310 } from './migrations/1764000000310-menu-votes.js';
import { BallotsActivatedBy1764000001510 } from './migrations/1764000001510-ballots-activated-by.js';

/** The voting module's schema changes; src/migrations.ts gathers every module's. */
export const VOTING_MIGRATIONS: Migrations = [
  Voting1764000000300,
  MenuVotes1764000000310,
  BallotsActivatedBy1764000001510,
];
