export interface Throughput {
  units: number;
  operations: number;
  seconds: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
}

/**
 * Runs each operation in turn, in slices of `seconds` with `concurrency` loops, `rounds` times over:
 * what the machine does meanwhile (other processes, the disk) then weighs on every side of a ratio
 * alike, instead of on whichever ran during a burst. Answers units/s and latency per operation.
 */
export async function interleaved<K extends string>(
  rounds: number,
  seconds: number,
  concurrency: number,
  operations: Record<K, (worker: number) => Promise<number>>,
): Promise<Record<K, Throughput>> {
  const acc = Object.fromEntries(
    Object.keys(operations).map((k) => [k, { units: 0, seconds: 0, latencies: [] as number[] }]),
  ) as Record<K, { units: number; seconds: number; latencies: number[] }>;
  for (let round = 0; round < rounds; round++) {
    for (const key of Object.keys(operations) as K[]) {
      const slice = acc[key];
      const started = performance.now();
      const deadline = started + seconds * 1000;
      await Promise.all(
        Array.from({ length: concurrency }, async (_, worker) => {
          while (performance.now() < deadline) {
            const t = performance.now();
            const done = await operations[key](worker); // not `units += await …`, which reads units before the await
            slice.units += done;
            slice.latencies.push(performance.now() - t);
          }
        }),
      );
      slice.seconds += (performance.now() - started) / 1000;
    }
  }
  return Object.fromEntries(
    (Object.entries(acc) as [K, { units: number; seconds: number; latencies: number[] }][]).map(
      ([key, { units, seconds: elapsed, latencies }]) => {
        latencies.sort((a, b) => a - b);
        const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
        return [
          key,
          {
            units,
            operations: latencies.length,
            seconds: elapsed,
            perSecond: units / elapsed,
            p50ms: at(0.5),
            p99ms: at(0.99),
          },
        ];
      },
    ),
  ) as Record<K, Throughput>;
}

/** Milliseconds one call takes. */
export async function timed(task: () => unknown): Promise<number> {
  const t = performance.now();
  await task();
  return performance.now() - t;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `a` and `b` alternately `rounds` times and answers the median of each, for the same reason as interleaved. */
export async function alternate(
  rounds: number,
  a: () => unknown,
  b: () => unknown,
): Promise<{ a: number; b: number; aRuns: number[]; bRuns: number[] }> {
  const aRuns: number[] = [];
  const bRuns: number[] = [];
  for (let i = 0; i < rounds; i++) {
    aRuns.push(await timed(a));
    bRuns.push(await timed(b));
  }
  return { a: median(aRuns), b: median(bRuns), aRuns, bRuns };
}

export const progress = (line: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
