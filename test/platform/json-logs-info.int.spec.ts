import { Logger } from '@nestjs/common';
import { ADMIN } from '../support/test-server.js';
import { startServerWithCapturedLogs } from '../support/captured-logs.js';

describe('the log at the default LOG_LEVEL (info)', () => {
  let started: Awaited<ReturnType<typeof startServerWithCapturedLogs>>;
  beforeAll(async () => {
    started = await startServerWithCapturedLogs('json_logs_info', {});
  });
  afterAll(() => started?.stop());

  it('writes no line for a request, and no debug line; info and above are written', async () => {
    const { server, logs } = started;
    const before = { out: logs.out.text.length, err: logs.err.text.length };
    const token = await server.signIn(ADMIN.login, ADMIN.secret);
    for (let i = 0; i < 20; i++) expect((await server.get('/api/v1/communities', { token })).status).toBe(200);
    expect((await server.get('/api/v1/no-such-route', { token })).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(logs.out.text.slice(before.out)).toBe('');
    expect(logs.err.text.slice(before.err)).toBe('');

    const log = new Logger('LogLevelProbe');
    log.debug('probe: dropped at info');
    log.verbose('probe: dropped at info too');
    log.log('probe: kept');
    expect(logs.out.lines.filter((l) => l.context === 'LogLevelProbe')).toEqual([
      expect.objectContaining({ level: 'info', message: 'probe: kept' }),
    ]);
    expect(logs.out.lines.some((l) => 'req' in l)).toBe(false);
  });
});
