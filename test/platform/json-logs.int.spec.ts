import { Logger } from '@nestjs/common';
import { ADMIN } from '../support/test-server.js';
import { startServerWithCapturedLogs } from '../support/captured-logs.js';

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
type ProbeRequest = { url?: string; headers?: Record<string, string> };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the log at LOG_LEVEL=debug: JSON lines, a debug line per request, no secret', () => {
  let started: Awaited<ReturnType<typeof startServerWithCapturedLogs>>;
  beforeAll(async () => {
    started = await startServerWithCapturedLogs('json_logs_debug', { LOG_LEVEL: 'debug' });
  });
  afterAll(() => started?.stop());

  it('writes one JSON object a line with time, level, context and message; warnings and errors on stderr only', () => {
    const { out, err } = started.logs;
    const log = new Logger('LogFormatProbe');
    log.debug('probe: a debug line');
    log.log('probe: an info line');
    log.warn('probe: a warning');
    log.error('probe: an error');

    for (const line of [...out.lines, ...err.lines]) {
      expect(line.time).toMatch(ISO_TIME);
      expect(['debug', 'info', 'warn', 'error']).toContain(line.level);
      expect(typeof line.message).toBe('string');
      expect(line).not.toHaveProperty('pid');
      expect(line).not.toHaveProperty('hostname');
    }
    // Nest's own start-up lines, with the context that logged them.
    expect(out.lines).toContainEqual(expect.objectContaining({ level: 'info', context: 'InstanceLoader' }));

    const probe = (lines: Record<string, unknown>[]) =>
      lines.filter((l) => l.context === 'LogFormatProbe').map((l) => [l.level, l.message]);
    expect(probe(out.lines)).toEqual([
      ['debug', 'probe: a debug line'],
      ['info', 'probe: an info line'],
    ]);
    expect(probe(err.lines)).toEqual([
      ['warn', 'probe: a warning'],
      ['error', 'probe: an error'],
    ]);
  });

  it("keeps an error's stack: an Error logged has its stack as the message; Nest's (message, stack) form has a stack field", () => {
    const { err } = started.logs;
    const log = new Logger('LogStackProbe');
    log.error(new Error('probe failure'));
    const failure = new Error('second probe failure');
    log.error('the probe failed', failure.stack);

    const lines = err.lines.filter((l) => l.context === 'LogStackProbe');
    expect(lines).toHaveLength(2);
    expect(lines[0].message).toMatch(/^Error: probe failure\n\s+at /);
    expect(lines[1]).toMatchObject({ level: 'error', message: 'the probe failed' });
    expect(lines[1].stack).toMatch(/^Error: second probe failure\n\s+at /);
  });

  it('writes a debug line per request with its method, URL and status, the Authorization header redacted', async () => {
    const { server, logs } = started;
    const token = await server.signIn(ADMIN.login, ADMIN.secret);
    const answer = await server.get('/api/v1/communities', { token, headers: { 'x-probe': 'request-line' } });
    expect(answer.status).toBe(200);

    // pino-http writes the line when the answer is finished: a moment after the client has it, at most.
    let line: Record<string, unknown> | undefined;
    for (let i = 0; i < 50 && !line; i++, await sleep(20))
      line = logs.out.lines.find((l) => (l.req as ProbeRequest)?.headers?.['x-probe'] === 'request-line');
    expect(line).toMatchObject({
      level: 'debug',
      time: expect.stringMatching(ISO_TIME),
      message: 'request completed',
      req: { method: 'GET', url: '/api/v1/communities', headers: { authorization: '[redacted]' } },
      res: { statusCode: 200 },
    });
    // The sign-in's line is written too; neither the token nor the secret is anywhere in the log.
    expect(logs.out.lines.some((l) => (l.req as ProbeRequest)?.url === '/api/v1/auth/token')).toBe(true);
    for (const text of [logs.out.text, logs.err.text]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(ADMIN.secret);
    }
  });

  it('redacts a secret written in a message, in a stack, and in a logged object', () => {
    const { out, err } = started.logs;
    const log = new Logger('LogSecretProbe');
    log.log('probe: password=hunter2 secret: "s3cr3t value" activationCode=ABCD-1234');
    log.error('probe: failed', new Error('accessToken=eyJhbGciOi.payload.sig').stack);
    log.warn({ note: 'probe object', user: { password: 'hunter3' }, authorization: 'Bearer eyJ.x.y' });

    const text = out.text + err.text;
    for (const secret of ['hunter2', 's3cr3t', 'ABCD-1234', 'eyJhbGciOi', 'hunter3', 'eyJ.x.y'])
      expect(text).not.toContain(secret);
    expect(out.lines.find((l) => l.context === 'LogSecretProbe')?.message).toBe(
      'probe: password="[redacted]" secret: "[redacted]" activationCode="[redacted]"',
    );
    expect(err.lines.filter((l) => l.context === 'LogSecretProbe')).toEqual([
      expect.objectContaining({ stack: expect.stringContaining('accessToken="[redacted]"') }),
      expect.objectContaining({
        level: 'warn',
        message: { note: 'probe object', user: { password: '[redacted]' }, authorization: '[redacted]' },
      }),
    ]);
  });
});
