import type { BrowserServer } from 'playwright-core';
import type { RunningServer } from './global-setup.js';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as Record<string, unknown>).__gongzhiTestPostgres as RunningServer | undefined;
  const browser = (globalThis as Record<string, unknown>).__gongzhiTestBrowser as BrowserServer | undefined;
  await Promise.all([server?.stop(), browser?.close()]);
}
