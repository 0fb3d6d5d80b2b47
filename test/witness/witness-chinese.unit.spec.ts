import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { generateKeyPairSync } from 'node:crypto';
import { ed25519Cosigner } from '@gongzhi/ledger-log/tlog-cosignature.js';
import { WITNESS_USAGE, witnessCommand } from '../../src/witness/witness-command.js';
import { WITNESS_USAGE_ZH } from '../../src/witness/witness-zh.js';

const ZH = { LANG: 'zh_CN.UTF-8' };

function io(env: NodeJS.ProcessEnv) {
  const stdout = new PassThrough();
  const seen = { out: '' };
  stdout.on('data', (c: Buffer) => (seen.out += c.toString()));
  return { stdout, env, seen };
}

describe('gongzhi witness, for the street office that runs it, in Chinese under a Chinese locale', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongzhi-witness-zh-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints its usage in Chinese, and in English as before under any other locale', async () => {
    const zh = io(ZH);
    expect(await witnessCommand(['help'], zh)).toBe(0);
    expect(zh.seen.out).toBe(`${WITNESS_USAGE_ZH}\n`);
    expect(zh.seen.out).toMatch(/^gongzhi witness serve \[选项\] +运行 C2SP tlog-witness 见证方/);
    const en = io({ LANG: 'C.UTF-8' });
    expect(await witnessCommand(['help'], en)).toBe(0);
    expect(en.seen.out).toBe(`${WITNESS_USAGE}\n`);
  });

  it('says in Chinese why it will not start: an unknown option (with the usage), a log key that is not one, no log', async () => {
    await expect(witnessCommand(['serve', '--bogus'], io(ZH))).rejects.toThrow(
      `未知选项 --bogus\n\n${WITNESS_USAGE_ZH}`,
    );
    // A witness's own key (type 0x04) given as the log's: refused before anything starts.
    const notALogKey = ed25519Cosigner('w.test', generateKeyPairSync('ed25519').privateKey).vkey;
    await expect(witnessCommand(['serve', '--dir', dir, '--log', `o.test=${notALogKey}`], io(ZH))).rejects.toThrow(
      /^o\.test 的 vkey 不是日志密钥：它不是 Ed25519 便笺密钥（类型 0x01）$/,
    );
    await expect(witnessCommand(['serve', '--dir', dir, '--port', 'x'], io(ZH))).rejects.toThrow(
      '--port 须是端口号，却是 x',
    );
    await expect(witnessCommand(['serve', '--dir', dir], io(ZH))).rejects.toThrow(
      '没有 --log（GONGZHI_WITNESS_LOGS）的见证方什么也不见证；请为每个日志给出 来源=VKEY',
    );
    await expect(witnessCommand(['serve', '--dir', dir], io({}))).rejects.toThrow(
      'a witness with no --log (GONGZHI_WITNESS_LOGS) witnesses nothing',
    );
  });
});
