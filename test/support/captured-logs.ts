import type { INestApplication } from '@nestjs/common';
import { rmSync } from 'node:fs';
import { createApp } from '../../src/app.js';
import { readConfig } from '../../src/platform/config/app-config.js';
import type { LogStreams } from '../../src/platform/logging/logger.js';
import { createTestDatabase, testKeyDir } from './database.js';
import { ADMIN, ApiClient, listeningPort } from './test-server.js';

/** What a log collector reads from one stream: the raw text and each line parsed. */
export class CapturedStream {
  text = '';

  write(chunk: string): void {
    this.text += chunk;
  }

  get lines(): Record<string, unknown>[] {
    return this.text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

/**
 * The real server on a fresh database with its log captured rather than written to stdout and stderr.
 * The first server a test file starts decides the log for the file (nestjs-pino keeps one root logger a
 * process, and Jest gives each file its own modules): a file starts one.
 */
export async function startServerWithCapturedLogs(
  label: string,
  env: Record<string, string>,
): Promise<{ server: ApiClient; logs: { out: CapturedStream; err: CapturedStream }; stop(): Promise<void> }> {
  const database = await createTestDatabase(label);
  const config = readConfig({
    DATABASE_URL: database.url,
    GONGZHI_KEY_DIR: testKeyDir(database.url),
    GONGZHI_ADMIN_LOGIN: ADMIN.login,
    GONGZHI_ADMIN_SECRET: ADMIN.secret,
    GONGZHI_SCRYPT_COST: '14',
    ...env,
  });
  const logs = { out: new CapturedStream(), err: new CapturedStream() };
  let app: INestApplication;
  try {
    app = await createApp(config, { logStreams: logs satisfies LogStreams });
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await database.drop();
    throw error;
  }
  const port = await listeningPort(app);
  return {
    server: new ApiClient(`http://127.0.0.1:${port}`),
    logs,
    async stop() {
      await app.close();
      await database.drop();
      rmSync(testKeyDir(database.url), { recursive: true, force: true });
    },
  };
}
