import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';

/**
 * BENCH_PROFILE=<name> records a CPU profile of this process (the server's thread) while `task` runs,
 * into $TMPDIR/gongzhi-bench-profiles/<name>.cpuprofile (open it in Chrome DevTools or speedscope).
 * Otherwise just runs it.
 */
export async function profiled<T>(name: string, task: () => Promise<T>): Promise<T> {
  if (!(process.env.BENCH_PROFILE ?? '').split(',').includes(name)) return task();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await task();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    const dir = join(tmpdir(), 'gongzhi-bench-profiles');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    process.stderr.write(`  CPU profile written to ${join(dir, `${name}.cpuprofile`)}\n`);
    session.disconnect();
  }
}
