import { ScopesAndLetters1764000001500 } from '../../identity/migrations/1764000001500-scopes-and-letters.js';
import { BallotsActivatedBy1764000001510 } from '../../voting/migrations/1764000001510-ballots-activated-by.js';
import { Identity1764000000100 } from '../../identity/migrations/1764000000100-identity.js';
import { GrantExpiry1764000000110 } from '../../identity/migrations/1764000000110-grant-expiry.js';
import { RolesOfOwners1764000000120 } from '../../identity/migrations/1764000000120-roles-of-owners.js';
import { Registry1764000000200 } from '../../registry/migrations/1764000000200-registry.js';
import { Voting1764000000300 } from '../../voting/migrations/1764000000300-voting.js';
import { MenuVotes1764000000310 } from '../../voting/migrations/1764000000310-menu-votes.js';
import { Finance1764000000400 } from '../../finance/migrations/1764000000400-finance.js';
import { StatementPublicSeal1764000001300 } from '../../finance/migrations/1764000001300-statement-public-seal.js';
import { Elections1764000000610 } from '../../elections/migrations/1764000000610-elections.js';
import { Transparency1764000000700 } from '../../transparency/migrations/1764000000700-transparency.js';
import { CheckpointNotes1764000001100 } from '../../transparency/migrations/1764000001100-checkpoint-notes.js';
import { Services1764000003000 } from '../../services/migrations/1764000003000-services.js';
import { Platform1764000000000 } from './migrations/1764000000000-platform.js';
import { IdempotencyWindow1764000000010 } from './migrations/1764000000010-idempotency-window.js';
import { ProjectionFailures1764000000900 } from './migrations/1764000000900-projection-failures.js';

/** Every schema change, in order. A module adds its migrations here; they run at start. */
export const MIGRATIONS = [
  Platform1764000000000,
  IdempotencyWindow1764000000010,
  Identity1764000000100,
  GrantExpiry1764000000110,
  RolesOfOwners1764000000120,
  Registry1764000000200,
  Voting1764000000300,
  MenuVotes1764000000310,
  Finance1764000000400,
  Elections1764000000610,
  Transparency1764000000700,
  ProjectionFailures1764000000900,
  CheckpointNotes1764000001100,
  StatementPublicSeal1764000001300,
  ScopesAndLetters1764000001500,
  BallotsActivatedBy1764000001510,
  Services1764000003000,
];
