import type { DynamicModule, LoggerService } from '@nestjs/common';
import { LoggerModule, NativeLogger, type Params, PinoLogger } from 'nestjs-pino';
import { type DestinationStream, destination, multistream, stdSerializers } from 'pino';
import type { Options as HttpLogOptions } from 'pino-http';
import type { AppConfig } from '../config/app-config.js';

export type LogLevel = AppConfig['logLevel'];

/** Where log lines go: debug and info on `out`, warn and error on `err` (stdout and stderr by default). */
export interface LogStreams {
  out: DestinationStream;
  err: DestinationStream;
}

/**
 * Fields that must never reach a log line: the request's credentials (pino-http writes the request's
 * headers on a request line, at debug) and any member of a logged object named like a secret.
 */
const SECRET_KEYS = ['secret', 'password', 'accessToken', 'activationCode', 'authorization'];
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  // A secret's name at the top of a logged object, or one or two levels in.
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

/** The same words inside a message's text ("secret=…", `"password":"…"`): the value is replaced. */
const SECRET_IN_TEXT = /("?(secret|password|accessToken|activationCode|authorization)"?\s*[:=]\s*)("[^"]*"|\S+)/gi;
const scrub = (text: string) => text.replace(SECRET_IN_TEXT, '$1"[redacted]"');

/**
 * pino's options for the log format operators' collectors read: one JSON object a line with `time` (ISO 8601),
 * `level` (debug, info, warn, error), `context` (who logged it) and `message`; an error's stack in `message`
 * (an Error logged) or in `stack` (a message and a stack, as Nest logs its own failures). No pid or hostname.
 * A line per HTTP request (pino-http) only at LOG_LEVEL=debug, and at debug: the server answers thousands of
 * ballots a second, and a line each at info would be most of its work.
 */
export function logOptions(level: LogLevel): HttpLogOptions {
  return {
    level,
    base: undefined,
    messageKey: 'message',
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: {
      level: (label) => ({ level: label }),
      log: (fields) => (typeof fields.stack === 'string' ? { ...fields, stack: scrub(fields.stack) } : fields),
    },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? scrub(arg) : arg)) as Parameters<typeof method>,
        );
      },
    },
    serializers: {
      err: (error: Error) => {
        const serialized = stdSerializers.err(error);
        return { ...serialized, message: scrub(serialized.message), stack: scrub(serialized.stack) };
      },
    },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    autoLogging: level === 'debug',
    customLogLevel: () => 'debug',
  };
}

/** stdout and stderr, written synchronously (no line lost when the process exits). */
export function standardStreams(): LogStreams {
  return { out: destination({ fd: 1, sync: true }), err: destination({ fd: 2, sync: true }) };
}

function params(level: LogLevel, streams: LogStreams): Params {
  return {
    pinoHttp: [
      logOptions(level),
      // dedupe: a line goes to the one stream of the highest level it reaches, so a warning is on stderr only.
      multistream(
        [
          { level: 'trace', stream: streams.out },
          { level: 'warn', stream: streams.err },
        ],
        { dedupe: true },
      ),
    ],
  };
}

/**
 * The application's logger (Nest's LoggerService over pino, by nestjs-pino), ready before the application is
 * built so that a failed start is logged in the same format.
 *
 * nestjs-pino keeps one root pino logger a process, made by the first call: the level and streams of the first
 * application a process builds are those of every later one (one server or CLI command a process; the tests
 * build several, all at LOG_LEVEL=error).
 */
export function createLogger(level: LogLevel, streams: LogStreams = standardStreams()): LoggerService {
  const given = params(level, streams);
  return new NativeLogger(new PinoLogger(given), given);
}

/**
 * At LOG_LEVEL=debug, pino-http's middleware: a debug line per request, its headers redacted. None otherwise:
 * no middleware, no cost on a request. It writes through the root logger createLogger made.
 */
export function requestLogging(level: LogLevel): DynamicModule[] {
  return level === 'debug' ? [LoggerModule.forRoot({ pinoHttp: logOptions(level) })] : [];
}
