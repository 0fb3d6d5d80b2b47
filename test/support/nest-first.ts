import vm from 'node:vm';

/**
 * On Node 24.9+ Jest loads an ES module that CommonJS require()s as native ESM. @nestjs/throttler is CommonJS and
 * requires @nestjs/common and @nestjs/core, which a suite's own imports are then still linking: Jest refuses that
 * as a require cycle, and every server suite fails to load. Evaluating the two first, before the suite's imports,
 * leaves throttler's require() a finished module. Older Node compiles the required copy to CommonJS instead
 * (jest.config.js, `requiredEsm`), so there the suites that never start a server do not pay for the import.
 */
const requiresEsmNatively =
  typeof (vm.SourceTextModule?.prototype as { hasAsyncGraph?: unknown } | undefined)?.hasAsyncGraph === 'function';

if (requiresEsmNatively) {
  await import('@nestjs/common');
  await import('@nestjs/core');
}
