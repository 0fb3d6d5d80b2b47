import cliProgress from 'cli-progress';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseWitness } from './checkpoint-notes.js';
import { formatBundles, LANGUAGES } from './format-report.js';
import type { OtherCheckpoint } from './other-checkpoints.js';
import { parsePinnedKey } from './pinned-key.js';
import { readSavedCheckpoints } from './saved-checkpoints.js';
import { type Language, languageOf } from './report-language.js';
import { type BundlesOptions, type BundlesReport, verifyBundles } from './verify-bundles.js';

export { languageOf } from './report-language.js';

export { VERIFY_USAGE } from './report-en.js';

export interface CommandIo {
  /** Where the language comes from when --lang is not given (LC_ALL, LC_MESSAGES, LANG); process.env by default. */
  env?: NodeJS.ProcessEnv;
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

interface Arguments {
  bundles: string[];
  language: Language | null;
  key: string | null;
  checkpoints: string[];
  witnesses: string[];
  required: number | null;
}

/**
 * `gongzhi verify <bundle>… --key KEY …` (or `-` for stdin): prints each bundle's table and every
 * problem found; answers the exit code: 0 when everything holds under the pinned key, 1 when something
 * does not (or no key is pinned), 2 when a bundle cannot be read or the command is misused.
 */
export async function verifyCommand(
  args: string[],
  io: CommandIo = STDIO,
  progress: ProgressPolicy = DEFAULT_PROGRESS,
  parallel: Pick<BundlesOptions, 'threads' | 'execArgv'> = {},
): Promise<number> {
  const at = args.indexOf('--lang');
  const asked = at >= 0 ? args[at + 1] : undefined;
  const t = LANGUAGES[asked === 'zh' || asked === 'en' ? asked : languageOf(io.env ?? process.env)];
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    io.stdout.write(`${t.usage}\n`);
    return 0;
  }
  const parsed = parseArguments(args);
  if (typeof parsed === 'string') {
    io.stderr.write(`gongzhi verify: ${t.say(parsed)}\n\n${t.usage}\n`);
    return 2;
  }
  const misuse = (message: string) => (io.stderr.write(`gongzhi verify: ${t.say(message)}\n`), 2);
  for (const path of parsed.bundles) {
    const problem = path === '-' ? null : unreadable(path);
    if (problem) return misuse(`cannot read ${path}: ${problem}`);
  }
  let options: Pick<BundlesOptions, 'pinnedKey' | 'witnesses' | 'requiredCosignatures'>;
  const saved: OtherCheckpoint[] = [];
  try {
    // Read here to refuse a bad key before any work; handed on as text, which a worker thread can take.
    if (parsed.key !== null) parsePinnedKey(keyText(parsed.key));
    parsed.witnesses.forEach((w) => parseWitness(w));
    options = {
      pinnedKey: parsed.key === null ? undefined : keyText(parsed.key),
      witnesses: parsed.witnesses,
      requiredCosignatures: parsed.required ?? parsed.witnesses.length,
    };
  } catch (error) {
    return misuse(`--key / --witness: ${(error as Error).message}`);
  }
  for (const file of parsed.checkpoints) {
    const problem = unreadable(file);
    if (problem) return misuse(`cannot read the checkpoint ${file}: ${problem}`);
    try {
      saved.push(...readSavedCheckpoints(file));
    } catch (error) {
      return misuse(`cannot read the checkpoint ${file}: ${(error as Error).message}`);
    }
  }

  const files = parsed.bundles.filter((path) => path !== '-');
  const size = files.length === parsed.bundles.length ? files.reduce((sum, f) => sum + statSync(f).size, 0) : null;
  const bar = progressBar(io.stderr, size, progress);
  let result: BundlesReport | Error;
  try {
    const bundles = await Promise.all(
      parsed.bundles.map(async (path) => ({
        name: path === '-' ? '(stdin)' : path,
        input: path === '-' ? (io.stdin ?? process.stdin) : path,
        treeSize: path === '-' ? 0 : await announcedSize(path),
      })),
    );
    result = await verifyBundles(bundles, saved, {
      ...options,
      ...parallel,
      onProgress: ({ lines, bytes }) => bar?.update(size === null ? lines : bytes, { lines }),
    });
  } catch (error) {
    result = error as Error;
  }
  bar?.stop();
  const broken = result instanceof Error ? null : result.bundles.find((b) => b.report.unreadable !== undefined);
  if (result instanceof Error || (broken && parsed.bundles.length === 1)) {
    const which =
      parsed.bundles.length === 1
        ? parsed.bundles[0] === '-'
          ? 'the bundle from stdin'
          : parsed.bundles[0]
        : 'a bundle';
    return misuse(`cannot read ${which}: ${result instanceof Error ? result.message : broken!.report.unreadable}`);
  }
  io.stdout.write(formatBundles(result, parsed.language ?? languageOf(io.env ?? process.env)));
  // The worst of the bundles: one that could not be read (2), one that does not verify (1).
  return broken ? 2 : result.ok ? 0 : 1;
}

function parseArguments(args: string[]): Arguments | string {
  const parsed: Arguments = { bundles: [], language: null, key: null, checkpoints: [], witnesses: [], required: null };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const next = args[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    try {
      if (arg === '--key') {
        if (parsed.key !== null) return 'pin one key: --key is given twice';
        parsed.key = value();
      } else if (arg === '--lang') {
        const text = value();
        if (text !== 'zh' && text !== 'en') return `--lang takes zh or en, not ${JSON.stringify(text)}`;
        parsed.language = text;
      } else if (arg === '--checkpoint') parsed.checkpoints.push(value());
      else if (arg === '--witness') parsed.witnesses.push(value());
      else if (arg === '--witnesses') {
        const text = value();
        if (!/^[1-9]\d*$/.test(text)) return `--witnesses takes a whole number from 1, not ${JSON.stringify(text)}`;
        parsed.required = Number(text);
      } else if (arg.startsWith('-') && arg !== '-') return `unknown option ${arg}`;
      else parsed.bundles.push(arg);
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (parsed.bundles.length === 0) return 'name the bundle to check';
  if (parsed.bundles.includes('-') && parsed.bundles.length > 1)
    return 'read one bundle from stdin, or several from files, not both';
  if (parsed.required !== null && parsed.required > parsed.witnesses.length) {
    return `--witnesses ${parsed.required} asks for more cosignatures than the ${parsed.witnesses.length} witness(es) named with --witness`;
  }
  return parsed;
}

/** The key as given on the command line: a file holding it (a PEM), or the text itself (a fingerprint, a vkey). */
function keyText(key: string): string {
  if (/^[0-9a-f]{64}$/i.test(key)) return key;
  const problem = unreadable(key);
  if (!problem) return readFileSync(key, 'utf8');
  if (/^[^+\s]+\+[0-9a-f]{8}\+\S+$/.test(key)) return key;
  throw new Error(`${key} is not a fingerprint or a vkey, and as a file: ${problem}`);
}

/** The tree size the bundle's header line announces (0 when it has none): the order bundles are compared in. */
async function announcedSize(path: string): Promise<number> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  try {
    for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
      try {
        const size = (JSON.parse(line) as { treeSize?: unknown } | null)?.treeSize;
        return typeof size === 'number' && Number.isSafeInteger(size) ? size : 0;
      } catch {
        return 0;
      }
    }
    return 0;
  } finally {
    stream.destroy();
  }
}

function unreadable(path: string): string | null {
  try {
    const stat = statSync(path);
    return stat.isFile()
      ? null
      : stat.isDirectory()
        ? 'it is a directory, not a bundle file'
        : 'it is not a regular file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
  }
}

/** A user reads a table, not a log: progress only where someone watches a long run. */
function progressBar(
  stream: CommandIo['stderr'],
  size: number | null,
  policy: ProgressPolicy,
): cliProgress.SingleBar | null {
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
