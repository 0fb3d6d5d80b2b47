// The crash and fault tests (`npm run test:faults`): the same Jest setup as `npm test`, over test/faults only.
// They spawn the built server as a separate process, kill it, and stop PostgreSQL under it, so they run
// apart from the main suite (which ignores test/faults). Two files at a time: each has its own servers
// and databases, and one file's idle waits (an abandoned Idempotency-Key) overlap another's work.
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/faults/**/*.fault.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/test/faults/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  reporters: ['default', '<rootDir>/test/faults/support/fault-reporter.js'],
  maxWorkers: 2,
  // The server-crash test alone takes about 90 s (50 owners signed in, a 30 s abandoned-key wait): twice that, at least.
  testTimeout: 240000,
};
