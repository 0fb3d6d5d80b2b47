// The crash and fault tests (`npm run test:faults`): the same Jest setup as `npm test`, over test/faults only.
// They spawn the built server as a separate process, kill it, and stop PostgreSQL under it, so they run
// apart from the main suite (which ignores test/faults). Three files at a time on two cores: each has its
// own servers and databases, and most of each file's time is waiting (an abandoned Idempotency-Key's 30 s, a
// failover, a stopped PostgreSQL), which the others' work fills: 143 s against 191 s with two, on a loaded machine.
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/faults/**/*.fault.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/test/faults/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  reporters: ['default', '<rootDir>/test/faults/support/fault-reporter.js'],
  maxWorkers: 3,
  // The server-crash test alone takes about 90 s (50 owners signed in, a 30 s abandoned-key wait): twice that, at least.
  testTimeout: 240000,
};
