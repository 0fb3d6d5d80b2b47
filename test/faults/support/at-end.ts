import { afterAll } from '@jest/globals';

/**
 * What a fault test starts it must stop, even when it fails half-way: servers, probes, databases.
 * Call in a describe; hand each stop to the function it answers, right after starting the thing.
 * They run after the describe's tests, the last started first.
 */
export function stopsAfterAll(): (stop: () => Promise<unknown>) => void {
  const stops: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  });
  return (stop) => void stops.push(stop);
}
