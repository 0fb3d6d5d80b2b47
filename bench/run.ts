import { ballotsBench } from './ballots.bench.js';
import { report } from './support/report.js';

/** `npm run bench`: every figure beside a baseline measured in the same run. */
async function main() {
  const figures = [];
  process.stderr.write('measuring ballots/s over HTTP against a bare route…\n');
  figures.push(await ballotsBench());
  report(figures);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
