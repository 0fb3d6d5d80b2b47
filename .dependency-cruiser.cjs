// The layering of ../shared/DESIGN.md ("Dependencies point one way"), checked by `npm run boundaries`.
// Type-only imports count: a layer that names another's types depends on it.
// Tests beside the code (*.spec.ts, *.fixture.ts) may reach test helpers and fast-check; the rules on purity
// are about what the shipped code loads.
const TESTS = '\\.(spec|fixture)\\.ts$';
const FEATURES = '^src/(registry|voting|elections|finance|transparency|identity|portal|witness|cli)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'libs-never-import-src',
      comment: 'libs/* are below the application: src/* imports them, never the other way.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^src/' },
    },
    {
      name: 'domain-imports-only-itself',
      comment: 'libs/domain is pure rules over plain data: nothing of ours outside it, no package, no node builtin.',
      severity: 'error',
      from: { path: '^libs/domain/', pathNot: TESTS },
      to: { pathNot: '^libs/domain/' },
    },
    {
      name: 'domain-no-node-builtins',
      comment: 'No I/O, no clock, no crypto in the rules: the caller passes in what they need.',
      severity: 'error',
      from: { path: '^libs/domain/', pathNot: TESTS },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'ledger-log-knows-no-domain',
      comment: 'The Merkle log hashes any event; it knows no rule of the domain.',
      severity: 'error',
      from: { path: '^libs/ledger-log/' },
      to: { path: '^libs/domain/' },
    },
    {
      name: 'receipts-only-on-domain-and-ledger-log',
      comment: 'Receipts combine the domain and the log, and nothing else of ours (the verifier loads them).',
      severity: 'error',
      from: { path: '^libs/receipts/', pathNot: TESTS },
      to: { path: '^(libs|src)/', pathNot: '^libs/(domain|ledger-log|receipts)/' },
    },
    {
      name: 'platform-imports-no-feature',
      comment: 'src/platform serves every feature and knows none of them.',
      severity: 'error',
      // Known violation (issue 18, "each module registers its own migrations"): the migration list imports every
      // feature's migrations. Exempted here and reported by the warning below until the modules register their own.
      from: { path: '^src/platform/', pathNot: '^src/platform/database/migrations\\.ts$' },
      to: { path: FEATURES },
    },
    {
      name: 'known-violation-platform-lists-feature-migrations',
      comment:
        "Issue 18: src/platform/database/migrations.ts imports every feature's migrations. A warning until fixed.",
      severity: 'warn',
      from: { path: '^src/platform/database/migrations\\.ts$' },
      to: { path: FEATURES },
    },
    {
      name: 'verifier-imports-no-server',
      comment:
        'gongzhi verify runs offline on an export: from src it loads only itself and the bundle format (libs are fine).',
      severity: 'error',
      from: { path: '^src/cli/verify/' },
      to: { path: '^src/', pathNot: '^src/cli/verify/|^src/transparency/export/bundle-format\\.ts$' },
    },
    {
      name: 'no-unresolvable-import',
      comment: 'An import the resolver cannot find would hide a dependency from every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|test-results|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
