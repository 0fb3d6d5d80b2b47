import { mkdirSync, writeFileSync } from 'node:fs';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: { name: string; value: number };
  /** value / baseline, as measured in the same run. */
  ratio: number;
  goal?: string;
  details?: Record<string, unknown>;
}

/** A table for a person, and JSON under bench/results/ for tracking. */
export function report(figures: Figure[]): void {
  const rows = figures.map((f) => ({
    figure: f.name,
    measured: `${Math.round(f.value).toLocaleString('en')} ${f.unit}`,
    baseline: `${f.baseline.name}: ${Math.round(f.baseline.value).toLocaleString('en')} ${f.unit}`,
    ratio: `${f.ratio.toFixed(2)}×`,
    goal: f.goal ?? '',
  }));
  console.table(rows);
  mkdirSync('bench/results', { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const json = JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, figures }, null, 2);
  writeFileSync(`bench/results/bench-${stamp}.json`, json);
  writeFileSync('bench/results/latest.json', json);
}
