import type { LoggerService } from '@nestjs/common';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

/** Words that must never reach a log line, whatever a message carries. */
const SECRET = /("?(secret|password|accessToken|activationCode|authorization)"?\s*[:=]\s*)("[^"]*"|\S+)/gi;

/** One JSON object a line (time, level, context, message): what log collectors read. No secrets. */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;

  constructor(level: Level | 'silent' = 'info') {
    this.threshold = level === 'silent' ? Infinity : LEVELS.indexOf(level);
  }

  private write(level: Level, message: unknown, context?: unknown): void {
    if (LEVELS.indexOf(level) < this.threshold) return;
    const text = (message instanceof Error ? (message.stack ?? message.message) : String(message)).replace(
      SECRET,
      '$1"[redacted]"',
    );
    const line = JSON.stringify({
      time: new Date().toISOString(),
      level,
      context: typeof context === 'string' ? context : undefined,
      message: text,
    });
    (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
  }

  log(message: unknown, context?: unknown) {
    this.write('info', message, context);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest[rest.length - 1]);
  }
  warn(message: unknown, context?: unknown) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: unknown) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: unknown) {
    this.write('debug', message, context);
  }
}
