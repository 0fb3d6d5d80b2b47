import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

const STATIC = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'([^']+)'/g;
const DYNAMIC = /import\(\s*'([^']+)'\s*\)/g;

/** tsconfig.json's path aliases (`@gongzhi/domain/*`: `./libs/domain/*`): a lib so named is ours, not a package. */
const ALIASES = Object.entries(
  (
    JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as {
      compilerOptions: { paths: Record<string, string[]> };
    }
  ).compilerOptions.paths,
).map(([alias, [target]]) => ({ prefix: alias.replace(/\*$/, ''), target: target.replace(/\*$/, '') }));

/** The source file a specifier names: relative, or through an alias. Undefined for a package. */
function sourceOf(file: string, specifier: string): string | undefined {
  const alias = ALIASES.find(({ prefix }) => specifier.startsWith(prefix));
  const path = specifier.startsWith('.')
    ? resolve(dirname(file), specifier)
    : alias && join(ROOT, alias.target, specifier.slice(alias.prefix.length));
  return path?.replace(/\.js$/, '.ts');
}

/**
 * Every module `entry` loads, following its relative and aliased imports (static ones, and dynamic ones when
 * `dynamic`), and every package they name. Type-only imports vanish at compile time: they load nothing.
 */
function importGraph(entry: string, dynamic = true): { modules: string[]; packages: Set<string> } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const specifiers = [
      ...[...source.matchAll(STATIC)].filter(([, typeOnly]) => !typeOnly).map(([, , specifier]) => specifier),
      ...(dynamic ? [...source.matchAll(DYNAMIC)].map(([, specifier]) => specifier) : []),
    ];
    for (const specifier of specifiers) {
      const source = sourceOf(file, specifier);
      if (source) visit(source);
      else packages.add(specifier);
    }
  };
  visit(join(ROOT, entry));
  return { modules: [...seen].map((f) => f.slice(ROOT.length + 1)), packages };
}

describe('gongzhi verify needs no database and no server', () => {
  const { modules, packages } = importGraph('src/cli/verify/verify-command.ts');

  it("loads only node's own modules, the progress bar and canonical JSON, no database driver or web framework", () => {
    expect([...packages].filter((p) => !p.startsWith('node:')).sort()).toEqual(['canonicalize', 'cli-progress']);
  });

  it('loads the shared libraries and the bundle format, nothing of the server', () => {
    expect(
      modules.filter(
        (m) =>
          !m.startsWith('src/cli/verify/') &&
          !m.startsWith('libs/ledger-log/') &&
          !m.startsWith('libs/domain/') &&
          !m.startsWith('libs/receipts/'),
      ),
    ).toEqual(['src/transparency/export/bundle-format.ts']);
  });

  it("is reached from the CLI's entry, which loads nothing of the server or the database before it dispatches", () => {
    const cli = importGraph('src/cli.ts', false);
    expect([...cli.packages].filter((p) => !p.startsWith('node:'))).toEqual([]);
    expect(readFileSync(join(ROOT, 'src/cli.ts'), 'utf8')).toMatch(
      /case 'verify':\s*return \(await import\('\.\/cli\/verify\/verify-command\.js'\)\)\.verifyCommand\(/,
    );
  });
});
