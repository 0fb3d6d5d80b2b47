import type { RunningServer } from './global-setup.js';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as Record<string, unknown>).__gongzhiTestPostgres as RunningServer | undefined;
  await server?.stop();
}
