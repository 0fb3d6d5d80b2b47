import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from '../../src/migrations.js';

/** Every migration file under src/<module>/migrations/ (the platform's under src/platform/database/migrations/). */
function migrationFiles(): string[] {
  const root = join(import.meta.dirname, '../../src');
  const folders = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => (entry.name === 'platform' ? 'platform/database/migrations' : `${entry.name}/migrations`));
  return folders.flatMap((folder) => {
    try {
      return readdirSync(join(root, folder)).filter((file) => /^\d{13}-.+\.ts$/.test(file));
    } catch {
      return [];
    }
  });
}

describe('each module registers its own migrations', () => {
  it('gathers every migration file of every module into the list the server runs at start', () => {
    const registered = new Set(MIGRATIONS.map((migration) => /(\d{13})$/.exec(migration.name)?.[1]));
    const files = migrationFiles();
    expect(files.length).toBeGreaterThan(0);
    const missing = files.filter((file) => !registered.has(file.slice(0, 13)));
    expect(missing).toEqual([]);
    expect(registered.size).toBe(files.length);
  });

  it('gives each migration its own timestamp, so no two modules collide', () => {
    const timestamps = MIGRATIONS.map((migration) => /(\d{13})$/.exec(migration.name)?.[1]);
    expect(timestamps.every(Boolean)).toBe(true);
    expect(new Set(timestamps).size).toBe(MIGRATIONS.length);
  });
});
