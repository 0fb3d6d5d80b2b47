import { mkdirSync, writeFileSync } from 'node:fs';
import { expect } from '@jest/globals';

/** Where each fault test leaves what it proved, for fault-reporter.js to gather at the end of the run. */
export const FIGURES_DIR = 'test-results/faults-figures';

export type Figures = Record<string, number | string>;

/**
 * Records what the running test proved, in numbers (ballots acknowledged, found, 503s seen, outage
 * length…). Call it before the assertions, so a failing run still shows what it saw.
 */
export function proved(figures: Figures): void {
  const test = expect.getState().currentTestName ?? 'unnamed test';
  mkdirSync(FIGURES_DIR, { recursive: true });
  const file = `${FIGURES_DIR}/${test.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 120)}.json`;
  writeFileSync(file, JSON.stringify({ test, figures }, null, 2));
}
