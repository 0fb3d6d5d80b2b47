import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPortal } from '../../src/portal/portal-static.js';

/** The stylesheet link in index.html is versioned however the page spells the void tag (Prettier writes ` />`). */
describe('the portal page versions its stylesheet link whichever way the tag is closed', () => {
  const served = (link: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'portal-index-'));
    try {
      writeFileSync(
        join(dir, 'index.html'),
        `<!doctype html><html><head>${link}<script type="module" src="/app.js"></script></head><body></body></html>`,
      );
      writeFileSync(join(dir, 'styles.css'), 'body { margin: 0; }\n');
      writeFileSync(join(dir, 'app.js'), 'export {};\n');
      const assets = loadPortal(dir);
      return { html: assets.get('/index.html')!.body.toString('utf8'), css: assets.get('/styles.css')!.version };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it.each([
    ['HTML5 style', '<link rel="stylesheet" href="/styles.css">'],
    ['self-closed, as Prettier writes it', '<link rel="stylesheet" href="/styles.css" />'],
  ])('%s', (_, link) => {
    const { html, css } = served(link);
    expect(html).toContain(`<link rel="stylesheet" href="/styles.css?v=${css}">`);
    expect(html).not.toContain('href="/styles.css"');
  });

  it('refuses to start with a page whose stylesheet link it cannot find, rather than serve it unversioned', () => {
    expect(() => served('<link rel="stylesheet" href="/style.css">')).toThrow(/stylesheet link was not found/);
  });
});
