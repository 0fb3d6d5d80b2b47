// Jest loads this file through CommonJS require, with its TypeScript hook active only for that call:
// a relative import ending in .js would not find the .ts file, so the shared setup is required by its real name.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

type SharedSetup = typeof import('../../support/global-setup.js');

const BUILD_DIR = 'test-results/faults-build';

/**
 * Builds the server the fault tests run as real processes, then starts the run's PostgreSQL as `npm test`
 * does, but with fsync on: these tests kill processes and judge what an acknowledgement promised. The
 * build goes to a folder of its own rather than dist/, so a build or bench running beside the
 * suite in the same checkout cannot change the server under it.
 */
export default async function globalSetup(): Promise<void> {
  rmSync(BUILD_DIR, { recursive: true, force: true });
  // `npm run build` into BUILD_DIR: tsc, then tsc-alias turns the libs' path aliases into relative imports.
  for (const tool of ['tsc', 'tsc-alias']) {
    const args = [tool, '-p', 'tsconfig.build.json', '--outDir', BUILD_DIR];
    const build = spawnSync('npx', ['--no-install', ...args], { encoding: 'utf8' });
    if (build.status !== 0)
      throw new Error(`${args.join(' ')} failed, so there is no server to crash:\n${build.stdout}${build.stderr}`);
  }
  process.env.GONGZHI_FAULTS_BUILD = resolve(BUILD_DIR); // server-process.ts runs src/main.js and src/cli.js from it
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see the file's head: only require finds the .ts file here
  const shared = require('../../support/global-setup.ts') as SharedSetup;
  await shared.startRunPostgres({ fsync: true });
}
