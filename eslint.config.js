// ESLint flat config: typescript-eslint's type-checked recommended rules for the TypeScript tree, the plain
// recommended rules for the portal's browser modules. Formatting is Prettier's job: eslint-config-prettier
// comes last so no rule here argues with it.
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The rules that keep `any` out: off for the specs, errors for everything else that is TypeScript. */
const noAny = (level) =>
  Object.fromEntries(
    [
      'no-explicit-any',
      'no-unsafe-argument',
      'no-unsafe-assignment',
      'no-unsafe-call',
      'no-unsafe-member-access',
      'no-unsafe-return',
    ].map((rule) => [`@typescript-eslint/${rule}`, level]),
  );

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', 'coverage/', 'test-results/', 'bench/results/'] },
  // An eslint-disable comment must name its rule and say why after `--`, and must still be needed.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    extends: [comments.recommended],
    rules: { '@eslint-community/eslint-comments/require-description': ['error', { ignore: ['eslint-enable'] }] },
  },
  {
    files: ['src/**/*.ts', 'libs/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      // Off here for specs (*.spec.ts): a spec reads an HTTP body as the parsed JSON and checks its shape with
      // `expect`, which a declared type would only repeat. Shipped code, and the test support code and bench
      // that every spec relies on, have them on as errors (the blocks below). Helpers kept beside their specs
      // outside a support/ folder (test/transparency/*.ts, test/finance/votes.ts, test/elections/support.ts)
      // are still off: 45 findings.
      ...noAny('off'),
      // Ports are async by contract (EventStore, Nest guards, test servers' handlers); an adapter that happens to
      // answer synchronously (in-memory, fakes) still implements the async signature.
      '@typescript-eslint/require-await': 'off',
      // Deciders, ports and parsers are records of plain functions that never use `this` (`decider.evolve` handed to
      // reduce, `store.append` taken by a contract suite); the rule fires 34 times on that deliberate style. Declaring
      // those members as function-typed properties would let it back on.
      '@typescript-eslint/unbound-method': 'off',
      // Three spots render a value of unknown shape into a message with String(): what they want, and the rule
      // cannot tell them from a forgotten toString.
      '@typescript-eslint/no-base-to-string': 'off',
      // A caught error passed on unchanged keeps its type `unknown`.
      '@typescript-eslint/only-throw-error': ['error', { allowThrowingUnknown: true }],
      // An underscore marks a parameter kept for its position (a decider's unused state, Nest's signatures).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // Shipped code takes no `any`: read-model rows are typed (src/platform/database/rows.ts, <module>/queries/rows.ts).
    files: ['src/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: noAny('error'),
  },
  {
    // Test support code (every test file but the specs) and the bench take no `any` either: a helper names the body it reads
    // (`server.post<CommandAnswer<RegisterCommunity>>(…)`, `client.query<{ n: number }>(…)`), so a change of
    // an answer's shape fails here, not as an undefined deep inside a spec.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: noAny('error'),
  },
  {
    files: ['src/portal/public/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser } },
  },
  {
    files: ['*.js', '*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
  prettier,
);
