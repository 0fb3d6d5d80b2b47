// Jest runs in ESM mode because NestJS 12 is ESM-only (see README, "Tests").
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2023',
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

/**
 * @nestjs/throttler is CommonJS and require()s the ESM-only @nestjs/common and @nestjs/core. Node (20.19+)
 * does that natively; Jest does only on Node 24.9+, so on older Node the two are compiled to CommonJS
 * when, and only when, they are require()d (@swc/jest follows Jest's supportsStaticESM).
 */
const requiredEsm = { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2023' }, sourceMaps: false };

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc],
    '/node_modules/@nestjs/(common|core)/.+\\.js$': ['@swc/jest', requiredEsm],
  },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/(common|core)/)'],
  moduleNameMapper: {
    // A lib by its path alias (tsconfig.json `paths`), its `.js` to the `.ts` as for a relative import.
    '^@gongzhi/(domain|event-store|ledger-log|receipts)/(.*)\\.js$': '<rootDir>/libs/$1/$2',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  // The crash and fault tests kill processes and stop PostgreSQL: `npm run test:faults` (jest.faults.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/faults/'],
  // Before each suite: Nest's two ESM packages evaluated first on Node 24.9+ (see the file).
  setupFiles: ['<rootDir>/test/support/nest-first.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Two suites share two cores: a test's time limit leaves room for that.
  testTimeout: 120000,
  // Two suites at a time even on two cores (Jest's default would be one): most of a suite's time is spent
  // waiting on PostgreSQL, the server and Chromium, so two overlap well (three were slower: the cores are then
  // the limit). Each suite has its own database; a worker that has grown large is replaced between suites.
  maxWorkers: 2,
  workerIdleMemoryLimit: '2GB',
};
