import { Identity1764000000100 } from '../../identity/migrations/1764000000100-identity.js';
import { Registry1764000000200 } from '../../registry/migrations/1764000000200-registry.js';
import { Voting1764000000300 } from '../../voting/migrations/1764000000300-voting.js';
import { Transparency1764000000700 } from '../../transparency/migrations/1764000000700-transparency.js';
import { Platform1764000000000 } from './migrations/1764000000000-platform.js';

/** Every schema change, in order. A module adds its migrations here; they run at start. */
export const MIGRATIONS = [Platform1764000000000, Identity1764000000100, Registry1764000000200, Voting1764000000300, Transparency1764000000700];
