import type { Migrations } from '../platform/database/migrations.js';
import { Transparency1764000000700 } from './migrations/1764000000700-transparency.js';
import { CheckpointNotes1764000001100 } from './migrations/1764000001100-checkpoint-notes.js';

/** The transparency module's schema changes; src/migrations.ts gathers every module's. */
export const TRANSPARENCY_MIGRATIONS: Migrations = [Transparency1764000000700, CheckpointNotes1764000001100];
