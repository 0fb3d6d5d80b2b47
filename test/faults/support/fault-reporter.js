// A Jest reporter for `npm run test:faults`: after the run, a short table of what each fault test proved
// (the figures it recorded with proved(), test/faults/support/figures.ts), printed and written to
// test-results/faults.json. Plain JavaScript because Jest loads reporters without its transform.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const FIGURES_DIR = 'test-results/faults-figures';
const OUTPUT = 'test-results/faults.json';

export default class FaultReporter {
  onRunStart() {
    rmSync(FIGURES_DIR, { recursive: true, force: true });
  }

  onRunComplete(_contexts, results) {
    const figures = new Map();
    if (existsSync(FIGURES_DIR)) {
      for (const file of readdirSync(FIGURES_DIR)) {
        const { test, figures: values } = JSON.parse(readFileSync(`${FIGURES_DIR}/${file}`, 'utf8'));
        figures.set(test, values);
      }
    }
    const tests = results.testResults.flatMap((suite) => {
      const file = relative(process.cwd(), suite.testFilePath);
      // A suite that could not run has no test results of its own: it is one failure.
      if (suite.testExecError && suite.testResults.length === 0) {
        return [
          {
            file,
            test: '(the suite could not run)',
            status: 'failed',
            seconds: 0,
            figures: {},
            failure: suite.testExecError.message,
          },
        ];
      }
      return suite.testResults.map((t) => ({
        file,
        test: t.fullName,
        status: t.status,
        seconds: Math.round((t.duration ?? 0) / 100) / 10,
        figures: figures.get(t.fullName) ?? {},
      }));
    });
    const passed = tests.filter((t) => t.status === 'passed').length;
    const failed = tests.filter((t) => t.status === 'failed').length;
    const report = {
      finishedAt: new Date().toISOString(),
      seconds: Math.round((Date.now() - results.startTime) / 100) / 10,
      passed,
      failed,
      tests,
    };
    mkdirSync('test-results', { recursive: true });
    writeFileSync(OUTPUT, `${JSON.stringify(report, null, 2)}\n`);

    const lines = [
      '',
      `Fault tests: ${passed} passed, ${failed} failed in ${report.seconds} s — what each proved (also in ${OUTPUT})`,
    ];
    for (const t of tests) {
      lines.push(
        `  ${{ passed: '✓', failed: '✗' }[t.status] ?? '○'} ${t.test}  (${t.status === 'passed' || t.status === 'failed' ? `${t.seconds} s` : t.status})`,
      );
      const width = Math.max(0, ...Object.keys(t.figures).map((k) => k.length));
      for (const [name, value] of Object.entries(t.figures)) lines.push(`      ${name.padEnd(width)}  ${value}`);
    }
    process.stdout.write(`${lines.join('\n')}\n\n`);
  }
}
