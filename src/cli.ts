#!/usr/bin/env node
import { readConfig } from './platform/config/app-config.js';
import { describeError } from './platform/logging/describe-error.js';

const USAGE = `gongzhi — the Gongzhi (共治) command line

  gongzhi serve                      start the server (as npm start)
  gongzhi projections rebuild        replay every event into new read models, with progress; they
                                     replace the old at the end, and a failure keeps the old serving
  gongzhi projections resume <id>    after a fix, apply a stalled community's events again from the
                                     one that failed (see /health/ready, "degraded")
  gongzhi verify <bundle>… --key KEY
                                     check export bundles offline, with no database or server, against
                                     the log key you pinned: hashes, signatures, proofs, every tally,
                                     result and balance re-derived (gongzhi verify --help for more)
  gongzhi witness serve              run a C2SP tlog-witness with its own key and state (a street office's;
                                     gongzhi witness help for its options)
  gongzhi help                       this text

Configuration comes from the environment (see README, "Configuration").`;

async function main(args: string[]): Promise<number> {
  const [command, sub] = args;
  switch (command) {
    case 'serve':
      await import('./main.js');
      return -1;
    case 'verify':
      return (await import('./cli/verify/verify-command.js')).verifyCommand(args.slice(1));
    case 'witness':
      // Loaded here: a witness runs where there is no database and no Nest.
      return (await import('./witness/witness-command.js')).witnessCommand(args.slice(1));
    case 'projections': {
      if (sub !== 'rebuild' && !(sub === 'resume' && args[2])) break;
      // Loaded here, not at the top: `verify` must run where there is no database driver to load.
      const { databaseForCli } = await import('./cli/database-for-cli.js');
      const config = readConfig();
      const database = await databaseForCli(config);
      try {
        if (sub === 'resume') {
          const { resumeProjections } = await import('./cli/resume-projections.js');
          process.stdout.write(`${await resumeProjections({ ...config, databaseUrl: database.url }, args[2])}\n`);
          return 0;
        }
        const { rebuildProjections } = await import('./cli/rebuild-projections.js');
        const { events, seconds } = await rebuildProjections({ ...config, databaseUrl: database.url });
        process.stdout.write(`rebuilt the read models from ${events} events in ${seconds.toFixed(1)} s\n`);
        return 0;
      } finally {
        await database.release();
      }
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
  }
  process.stderr.write(`unknown command: ${args.join(' ')}\n\n${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error) => {
    process.stderr.write(`gongzhi: ${describeError(error)}\n`);
    process.exit(1);
  },
);
