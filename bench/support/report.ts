import { mkdirSync, writeFileSync } from 'node:fs';

/** A goal on the ratio measured/baseline: throughputs want at least `ratio`, times (the tally) less. */
export interface Goal {
  ratio: number;
  direction: 'at least' | 'below';
  source: string;
}

export interface Figure {
  /** Its number in issue 8 ("1a", "3b"…). */
  id: string;
  name: string;
  value: number;
  unit: string;
  baseline: { name: string; value: number };
  /** value / baseline, as measured in the same run; null where the baseline is context, not a comparison (6g). */
  ratio: number | null;
  goal: Goal | null;
  /** What the table adds beside the measured value and the baseline, e.g. latencies. */
  notes?: { measured?: string; baseline?: string };
  details?: Record<string, unknown>;
}

export function figure(f: Omit<Figure, 'ratio'>): Figure {
  return { ...f, ratio: f.value / f.baseline.value };
}

/** A figure whose baseline only says what it was worked out from (a total it is a share of): no ratio, no goal. */
export function contextFigure(f: Omit<Figure, 'ratio' | 'goal'>): Figure {
  return { ...f, ratio: null, goal: null };
}

export function met(f: Figure): boolean | null {
  if (!f.goal || f.ratio === null) return null;
  return f.goal.direction === 'at least' ? f.ratio >= f.goal.ratio : f.ratio < f.goal.ratio;
}

const number = (value: number, unit: string) =>
  `${value >= 100 ? Math.round(value).toLocaleString('en') : value.toLocaleString('en', { maximumSignificantDigits: 3 })} ${unit}`;

/** The table a person reads (Markdown, so it pastes into the README as it is). */
export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const ok = met(f);
    return [
      f.id,
      f.name,
      number(f.value, f.unit) + (f.notes?.measured ? ` (${f.notes.measured})` : ''),
      `${f.baseline.name}: ${number(f.baseline.value, f.unit)}` + (f.notes?.baseline ? ` (${f.notes.baseline})` : ''),
      f.ratio === null ? '—' : `${f.ratio.toFixed(2)}×`,
      f.goal ? `${f.goal.direction === 'at least' ? '≥' : '<'} ${f.goal.ratio}×` : '—',
      ok === null ? '—' : ok ? 'met' : 'NOT met',
    ];
  });
  const header = ['#', 'figure', 'measured', 'baseline (same run)', 'ratio', 'goal', 'status'];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The table on stdout; the JSON in bench/results/latest.json and a stamped copy beside it. */
export function report(figures: readonly Figure[], run: Record<string, unknown>): void {
  process.stdout.write(`${table(figures)}\n`);
  mkdirSync('bench/results', { recursive: true });
  const measuredAt = new Date().toISOString();
  const json = JSON.stringify(
    { measuredAt, node: process.version, ...run, figures: figures.map((f) => ({ ...f, met: met(f) })) },
    (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
    2,
  );
  writeFileSync(`bench/results/bench-${measuredAt.replace(/[:.]/g, '-')}.json`, json);
  writeFileSync('bench/results/latest.json', json);
}
