import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOG_EVENT_TYPES } from '../../src/transparency/log-event-types.js';

const DOMAIN = join(dirname(fileURLToPath(import.meta.url)), '../../libs/domain');

/** Every `*.events.ts` of the domain, found on disk, so that a new bounded context is not forgotten. */
function eventModules(): string[] {
  return readdirSync(DOMAIN, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.events.ts'))
    .map((file) => join(DOMAIN, file));
}

describe('the transparency log takes every event type of the domain', () => {
  it("finds the domain's event modules (registry, voting, elections, finance)", () => {
    const found = eventModules().map((file) => relative(DOMAIN, file).split(/[\\/]/)[0]);
    expect([...new Set(found)]).toEqual(expect.arrayContaining(['registry', 'voting', 'elections', 'finance']));
  });

  it.each(eventModules().map((file) => [relative(DOMAIN, file), file]))(
    'logs every type listed in %s',
    async (_name, file) => {
      const module: Record<string, unknown> = await import(file);
      const lists = Object.entries(module).filter(
        ([name, value]) => name.endsWith('_EVENT_TYPES') && Array.isArray(value),
      );
      expect(lists.length).toBeGreaterThan(0);
      for (const [, types] of lists) {
        expect((types as string[]).filter((type) => !LOG_EVENT_TYPES.includes(type))).toEqual([]);
      }
    },
  );
});
