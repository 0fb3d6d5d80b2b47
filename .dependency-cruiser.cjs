// The layering of ../shared/DESIGN.md ("Dependencies point one way"), checked by `npm run boundaries`.
// Type-only imports count: a layer that names another's types depends on it.
// Tests beside the code (*.spec.ts, *.fixture.ts) may reach test helpers and fast-check; the rules on purity
// are about what the shipped code loads.
const TESTS = '\\.(spec|fixture)\\.ts$';
// Every folder of src/ but the platform is a feature (or the CLI): a module added later is covered without a change here.
const FEATURES = '^src/(?!platform/)[^/]+/';

// The folders of libs/domain in layers, lowest first: a folder imports only its own layer's folder and those
// below it, so no folder reaches back to one that reaches it (no folder cycles). Rulebooks, quorum and ballot rules
// live in governance, below both votes and elections. A new folder of libs/domain takes its place in this list.
const DOMAIN_LAYERS = [['shared'], ['governance'], ['registry'], ['voting'], ['finance', 'elections', 'services']];

function domainLayerRules() {
  return DOMAIN_LAYERS.map((layer, index) => {
    const allowed = [...DOMAIN_LAYERS.slice(0, index).flat(), '$1'];
    return {
      name: `domain-layer-${layer.join('-')}`,
      comment: `libs/domain/{${layer.join(',')}} imports only itself and the layers below it (${allowed.slice(0, -1).join(', ') || 'none'}): no folder cycles.`,
      severity: 'error',
      from: { path: `^libs/domain/(${layer.join('|')})/`, pathNot: TESTS },
      to: { path: '^libs/domain/', pathNot: `^libs/domain/(${allowed.join('|')})/` },
    };
  });
}

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
    ...domainLayerRules(),
    {
      name: 'ledger-log-knows-no-domain',
      comment: 'The Merkle log hashes any event; it knows no rule of the domain.',
      severity: 'error',
      from: { path: '^libs/ledger-log/' },
      to: { path: '^libs/domain/' },
    },
    {
      name: 'ledger-log-loads-only-canonicalize',
      comment:
        'The Merkle log is the product and stays hand-written; its one package is canonicalize (RFC 8785 by the ' +
        "RFC's author), proven to write the bytes of every logged leaf. Any other package would enter every hash.",
      severity: 'error',
      from: { path: '^libs/ledger-log/', pathNot: TESTS },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        pathNot: '(^|/)node_modules/canonicalize/',
      },
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
      from: { path: '^src/platform/' },
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
      name: 'no-circular',
      comment:
        'No module reaches itself through its imports, type-only imports included (tsPreCompilationDeps): a cycle ' +
        "ties the modules' load order and tests together. Shared types go in a file of their own (e.g. an aggregate's types.ts).",
      severity: 'error',
      from: {},
      to: { circular: true },
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
