import cliProgress from 'cli-progress';
import { statSync } from 'node:fs';
import { formatReport } from './format-report.js';
import { verifyBundle, type VerifyReport } from './verify-bundle.js';

export const VERIFY_USAGE = `usage: gongzhi verify <bundle.ndjson> [--key <fingerprint>]
       gongzhi verify -              read the bundle from stdin

  --key <fingerprint>   the SHA-256 fingerprint of the log's signing key as published elsewhere
                        (GET /api/v1/log/public-key, or from the street office): a bundle signed by
                        any other key is not verified, however well it holds together

Checks a community's export bundle (GET /api/v1/communities/{cid}/export) on this machine alone, with
no database and no server: every event's leaf hash, every checkpoint's Ed25519 signature, that each
checkpoint extends the one before (RFC 6962 consistency) and signs the root the events give, and that
every resolution's tally, every election's result and committee record, every ledger entry and balance
and every statement is what the events give when re-derived with the domain's own rules.

Prints a summary table, then each problem with the event it is about (stream, revision, event id).
Exit status: 0 when everything holds, 1 when something does not, 2 when the bundle cannot be read.`;

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin?: NodeJS.ReadableStream;
}

/** When progress shows on stderr: on a terminal for bundles from `tty` bytes, in a log only for very large ones. */
export interface ProgressPolicy {
  tty: number;
  log: number;
}

export const DEFAULT_PROGRESS: ProgressPolicy = { tty: 1 << 20, log: 256 << 20 };

const STDIO: CommandIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };

/**
 * `gongzhi verify <bundle>` (or `-` for stdin): prints the summary table and every problem found;
 * answers the exit code: 0 when everything holds, 1 when something does not, 2 when the bundle
 * cannot be read or the command is misused.
 */
export async function verifyCommand(args: string[], io: CommandIo = STDIO, progress: ProgressPolicy = DEFAULT_PROGRESS): Promise<number> {
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    io.stdout.write(`${VERIFY_USAGE}\n`);
    return 0;
  }
  const keyAt = args.indexOf('--key');
  const expectedKey = keyAt >= 0 ? args[keyAt + 1] : undefined;
  if (keyAt >= 0 && !/^[0-9a-f]{64}$/.test(expectedKey ?? '')) {
    io.stderr.write(`gongzhi verify: --key takes the key's SHA-256 fingerprint, 64 lowercase hex digits\n\n${VERIFY_USAGE}\n`);
    return 2;
  }
  const rest = keyAt >= 0 ? [...args.slice(0, keyAt), ...args.slice(keyAt + 2)] : args;
  const [path] = rest;
  if (!path || rest.length > 1 || (path.startsWith('-') && path !== '-')) {
    io.stderr.write(`gongzhi verify: ${!path ? 'name the bundle to check' : rest.length > 1 ? 'check one bundle at a time' : `unknown option ${path}`}\n\n${VERIFY_USAGE}\n`);
    return 2;
  }
  let size: number | null = null;
  if (path !== '-') {
    const problem = unreadable(path);
    if (problem) {
      io.stderr.write(`gongzhi verify: cannot read ${path}: ${problem}\n`);
      return 2;
    }
    size = statSync(path).size;
  }
  const bar = progressBar(io.stderr, size, progress);
  let report: VerifyReport | Error;
  try {
    report = await verifyBundle(path === '-' ? (io.stdin ?? process.stdin) : path, { onProgress: ({ lines, bytes }) => bar?.update(size === null ? lines : bytes, { lines }) });
  } catch (error) {
    report = error as Error;
  }
  bar?.stop();
  if (report instanceof Error) {
    io.stderr.write(`gongzhi verify: cannot read ${path === '-' ? 'the bundle from stdin' : path}: ${report.message}\n`);
    return 2;
  }
  io.stdout.write(formatReport(report));
  // A bundle holds together under whatever key it carries; only a key known from elsewhere says whose log it is.
  if (expectedKey !== undefined && report.keyFingerprint !== expectedKey) {
    io.stdout.write(`NOT VERIFIED: the bundle is signed by key ${report.keyFingerprint ?? '(none)'}, not the expected ${expectedKey}\n`);
    return 1;
  }
  return report.ok ? 0 : 1;
}

function unreadable(path: string): string | null {
  try {
    const stat = statSync(path);
    return stat.isFile() ? null : stat.isDirectory() ? 'it is a directory, not a bundle file' : 'it is not a regular file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
  }
}

/** A user reads a table, not a log: progress only where someone watches a long run. */
function progressBar(stream: CommandIo['stderr'], size: number | null, policy: ProgressPolicy): cliProgress.SingleBar | null {
  const tty = Boolean(stream.isTTY);
  const show = size === null ? tty : size >= (tty ? policy.tty : policy.log);
  if (!show) return null;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: size === null ? 'verifying | {lines} lines' : 'verifying |{bar}| {percentage}% | {lines} lines',
      hideCursor: tty,
      // On a terminal the bar gives way to the table once it is done.
      clearOnComplete: tty,
      noTTYOutput: !tty,
      notTTYSchedule: 10_000,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(size ?? 0, 0, { lines: 0 });
  return bar;
}
