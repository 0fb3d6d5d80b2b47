import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { isValidKeyName, parseVkey } from '@gongzhi/ledger-log/signed-note.js';
import { ed25519Cosigner } from '@gongzhi/ledger-log/tlog-cosignature.js';
import { Witness, type WitnessedLog } from './witness.js';
import { listening, witnessHttpServer } from './witness-server.js';
import { WitnessStore } from './witness-store.js';
import { WITNESS_USAGE_ZH, sayWitnessInChinese } from './witness-zh.js';
import { languageOf } from '../cli/verify/report-language.js';

export const WITNESS_USAGE = `gongzhi witness serve [options]    run a C2SP tlog-witness (c2sp.org/tlog-witness): cosigns a log's checkpoints
                                   only when consistent with the last one it cosigned
gongzhi witness vkey [options]     print this witness's vkey (made on first use), for GONGZHI_WITNESSES

  --dir DIR          its state, evidence and key file (GONGZHI_WITNESS_DIR, default .witness)
  --name NAME        its key name, e.g. jiedao.example.gov.cn/witness (GONGZHI_WITNESS_NAME, default witness.local)
  --log ORIGIN=VKEY  a log it witnesses: a checkpoint origin, or ORIGIN/* for every origin under it, and the
                     log's vkey (GET /log/public-key → vkey); repeat for more (GONGZHI_WITNESS_LOGS, comma-separated)
  --port PORT        (GONGZHI_WITNESS_PORT, default 3100)   --host HOST (GONGZHI_WITNESS_HOST, default 0.0.0.0)
  The key: GONGZHI_WITNESS_KEY (Ed25519 PKCS#8 PEM), else DIR/witness.key, made on first start with mode 0600.`;

export interface WitnessOptions {
  dir: string;
  name: string;
  logs: WitnessedLog[];
  port: number;
  host: string;
  /** PKCS#8 PEM; when absent, dir/witness.key. */
  key?: string;
}

export interface RunningWitness {
  witness: Witness;
  store: WitnessStore;
  server: Server;
  url: string;
  vkey: string;
  close(): Promise<void>;
}

export async function startWitness(options: WitnessOptions, now?: () => Date): Promise<RunningWitness> {
  const store = await WitnessStore.open(options.dir);
  try {
    const cosigner = ed25519Cosigner(options.name, await witnessKey(options));
    const witness = new Witness(cosigner, options.logs, store, now);
    const server = witnessHttpServer(witness);
    const address = await listening(server, options.port, options.host);
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return {
      witness,
      store,
      server,
      url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`,
      vkey: cosigner.vkey,
      async close() {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections?.();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** GONGZHI_WITNESS_KEY, or the key file, made on first start: readable by this user only. */
async function witnessKey(options: WitnessOptions): Promise<KeyObject> {
  if (options.key) return ed25519(createPrivateKey(options.key.replace(/\\n/g, '\n')), 'GONGZHI_WITNESS_KEY');
  const file = join(options.dir, 'witness.key');
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await fs.writeFile(file, pem, { flag: 'wx', mode: 0o600 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  const mode = (await fs.stat(file)).mode & 0o777;
  if (mode & 0o077) throw new Error(`${file} is readable by others (mode ${mode.toString(8)}); chmod 600 it`);
  return ed25519(createPrivateKey(await fs.readFile(file, 'utf8')), file);
}

function ed25519(key: KeyObject, where: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${where} must be an Ed25519 private key (PKCS#8 PEM)`);
  return key;
}

/** Options from flags first, then the environment. Throws with a message a person can act on. */
export function witnessOptions(args: string[], env: NodeJS.ProcessEnv = process.env): WitnessOptions {
  const flags = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    if (!['--dir', '--name', '--log', '--port', '--host'].includes(flag))
      throw new Error(`unknown option ${flag}\n\n${WITNESS_USAGE}`);
    const value = args[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    flags.set(flag, [...(flags.get(flag) ?? []), value]);
  }
  const one = (flag: string, name: string, fallback: string) => flags.get(flag)?.at(-1) ?? (env[name] || fallback);
  const name = one('--name', 'GONGZHI_WITNESS_NAME', 'witness.local');
  if (!isValidKeyName(name))
    throw new Error(`the witness name ${JSON.stringify(name)} must be non-empty, without spaces or "+"`);
  const port = one('--port', 'GONGZHI_WITNESS_PORT', '3100');
  if (!/^\d+$/.test(port) || Number(port) > 65535) throw new Error(`--port must be a port number, got ${port}`);
  const logEntries =
    flags.get('--log') ??
    (env.GONGZHI_WITNESS_LOGS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return {
    dir: one('--dir', 'GONGZHI_WITNESS_DIR', '.witness'),
    name,
    port: Number(port),
    host: one('--host', 'GONGZHI_WITNESS_HOST', '0.0.0.0'),
    logs: witnessedLogs(logEntries),
    key: env.GONGZHI_WITNESS_KEY || undefined,
  };
}

/** "ORIGIN=VKEY" entries; one origin may be given several keys (a key rotation). */
export function witnessedLogs(entries: readonly string[]): WitnessedLog[] {
  const byOrigin = new Map<string, string[]>();
  for (const entry of entries) {
    const split = entry.indexOf('=');
    if (split <= 0) throw new Error(`a witnessed log is ORIGIN=VKEY, got ${JSON.stringify(entry)}`);
    const origin = entry.slice(0, split);
    const vkey = entry.slice(split + 1);
    try {
      if (parseVkey(vkey).type !== 0x01) throw new Error('it is not an Ed25519 note key (type 0x01)');
    } catch (error) {
      throw new Error(`the vkey of ${origin} is not a log key: ${(error as Error).message}`, { cause: error });
    }
    byOrigin.set(origin, [...(byOrigin.get(origin) ?? []), vkey]);
  }
  return [...byOrigin].map(([origin, vkeys]) => ({ origin, vkeys }));
}

/**
 * `gongzhi witness serve|vkey`: what it says to the street office that runs it is in Chinese when the
 * locale is (LC_ALL, LC_MESSAGES, LANG), else in English; the refusals it answers a log are the protocol's.
 */
export async function witnessCommand(
  args: string[],
  io: { stdout: NodeJS.WritableStream; env: NodeJS.ProcessEnv } = { stdout: process.stdout, env: process.env },
): Promise<number> {
  const zh = languageOf(io.env) === 'zh';
  const usage = zh ? WITNESS_USAGE_ZH : WITNESS_USAGE;
  const say = (text: string) => (zh ? sayWitnessInChinese(text) : text);
  const [sub, ...rest] = args;
  if (sub !== 'serve' && sub !== 'vkey') {
    io.stdout.write(`${usage}\n`);
    return sub === undefined || sub === 'help' || sub === '--help' ? 0 : 2;
  }
  let running: RunningWitness;
  let options: WitnessOptions;
  try {
    options = witnessOptions(rest, io.env);
    if (sub === 'vkey') {
      await fs.mkdir(options.dir, { recursive: true, mode: 0o700 });
      io.stdout.write(`${ed25519Cosigner(options.name, await witnessKey(options)).vkey}\n`);
      return 0;
    }
    if (options.logs.length === 0)
      throw new Error('a witness with no --log (GONGZHI_WITNESS_LOGS) witnesses nothing; give ORIGIN=VKEY of each log');
    running = await startWitness(options);
  } catch (error) {
    if (!zh) throw error;
    // The usage a refusal carries is said in the operator's language too.
    const [reason, withUsage] = (error as Error).message.split('\n\n');
    throw new Error(`${say(reason)}${withUsage === undefined ? '' : `\n\n${usage}`}`, { cause: error });
  }
  io.stdout.write(`${say(`witness ${options.name} listening on ${running.url}`)}\n${say(`vkey ${running.vkey}`)}\n`);
  for (const log of options.logs) io.stdout.write(`${say(`witnessing ${log.origin}`)}\n`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}
