import { PassThrough } from 'node:stream';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPORT_ZH } from '../../src/cli/verify/report-zh.js';
import { verifyBundle } from '../../src/cli/verify/verify-bundle.js';
import { languageOf, verifyCommand } from '../../src/cli/verify/verify-command.js';
import { communityHistory, type Step } from './community-history.js';
import { appendUnsignedEvents, stripCheckpoints } from './forged-bundles.js';

const dir = mkdtempSync(join(tmpdir(), 'gongzhi-verify-zh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(lines: string[], args: string[], env: NodeJS.ProcessEnv) {
  const file = join(dir, `bundle-${Math.random().toString(16).slice(2)}.ndjson`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  const code = await verifyCommand([file, ...args], { stdout, stderr, env });
  return { code, out };
}

const ZH = { LANG: 'zh_CN.UTF-8' };

describe('gongzhi verify in Chinese, for the street office', () => {
  it('reports a genuine bundle in Chinese when the locale is Chinese: the table, what was re-derived, and what was established', async () => {
    const { builder } = communityHistory();
    const key = builder.keyFingerprint;
    const { code, out } = await run(builder.lines(), ['--key', key], ZH);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe(
      `小区 ${builder.communityId}：${builder.recorded.length} 个事件，${out.match(/(\d+) 个检查点/)![1]} 个检查点`,
    );
    expect(lines[1]).toBe(`检查点由密钥 SHA-256 ${key} 签名，正是您指定的密钥`);
    expect(lines[3]).toMatch(/^检查项 +已检查 {2}结果$/);
    expect(out).toMatch(new RegExp(`^叶子哈希 +${builder.recorded.length} {2}通过$`, 'm'));
    expect(out).toMatch(/^表决计票 +\d+ {2}通过$/m);
    expect(out).toContain(
      '根据事件重新推算（全部在您指定的密钥签名的检查点之下）：\n  表决：重新计票 2 项（1 项通过，1 项未通过）',
    );
    expect(out).toMatch(/^ {2}公共收益：\d+ 笔账目之后余额 [\d.]+ 元$/m);
    expect(out).toMatch(
      new RegExp(
        `^核验通过（您指定的密钥 ${key}）：全部 ${builder.recorded.length} 个事件都在其 ${builder.recorded.length} 个叶子的检查点之下（根哈希 [0-9a-f]{64}，[^）]+）；\\d+ 个检查点签名、\\d+ 个一致性证明、${builder.recorded.length} 个叶子哈希以及每一项重新推算的结果都成立；未要求见证方联署$`,
        'm',
      ),
    );
    // The table lines up: a Chinese character takes two columns.
    const widths = lines
      .slice(3, 22)
      .map((l) => [...l.replace(/\s+\S+$/, '')].reduce((n, c) => n + (c > '\u2e80' ? 2 : 1), 0));
    expect(new Set(widths).size).toBe(1);
  });

  it('names in Chinese what was tampered: the ballot changed after it was logged, and the counted root it breaks', async () => {
    const { builder, steps } = communityHistory();
    const ballot = steps.fenceBallot;
    builder.tamper(ballot.eventId, (d) => (d.choice = 'AGAINST'));
    const { code, out } = await run(builder.lines(), ['--key', builder.keyFingerprint, '--lang', 'zh'], {});
    expect(code).toBe(1);
    const where = `${ballot.streamId} 第 ${ballot.revision} 版，事件 ${ballot.eventId}（叶子 ${ballot.leafIndex}）`;
    expect(out).toMatch(
      new RegExp(
        `^ {2}\\[叶子哈希\\] ${where.replace(/[()（）]/g, '.')}：该事件的哈希是 [0-9a-f]{64}，但日志记录的叶子是 ${ballot.leafHash}：该事件在记入日志之后被改动过$`,
        'm',
      ),
    );
    expect(out).toMatch(
      /^ {2}\[表决计票\] .+：结束投票时承诺的计票根哈希是 [0-9a-f]{64}（3 张选票），但本数据包中此前 3 张选票里的 3 张有效选票得出的根哈希是 [0-9a-f]{64}：结束时所计的票不是日志中的选票$/m,
    );
    expect(out).toMatch(
      /^ {2}\[检查点根哈希\] \d+ 个叶子的检查点：数据包前 \d+ 个事件得出的根哈希是 [0-9a-f]{64}，已签名的检查点写的却是 [0-9a-f]{64}；第一个与日志不符的事件是 .+第 \d+ 版/m,
    );
    // What the close recorded against what its ballots give, field by field.
    expect(out).toMatch(
      /：结束时记录的计票结果与此前 \d+ 个事件得出的不符：tally\.for\.heads：记录为 3，重新推算为 2；tally\.for\.areaM2：记录为 "[\d.]+"，重新推算为 "[\d.]+"；/,
    );
    expect(out).toMatch(/^未通过核验：发现 \d+ 个问题$/m);
    expect(out).toMatch(/^已确认：/m);
    expect(out).not.toMatch(/NOT VERIFIED|established|the event hashes/);
  });

  it('prints English by default and with --lang en, whatever the locale', async () => {
    const { builder } = communityHistory();
    const english = await run(builder.lines(), ['--key', builder.keyFingerprint], { LANG: 'C.UTF-8' });
    expect(english.out).toMatch(/^verified with the pinned key /m);
    expect((await run(builder.lines(), ['--key', builder.keyFingerprint, '--lang', 'en'], ZH)).out).toBe(english.out);
    expect(languageOf({ LANG: 'en_US.UTF-8', LC_ALL: 'zh_TW.UTF-8' })).toBe('zh');
    expect(languageOf({ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'C' })).toBe('en');
    expect(languageOf({})).toBe('en');
  });

  it('says in Chinese how to use it and what was misused, under a Chinese locale', async () => {
    const io = () => {
      const [stdout, stderr] = [new PassThrough(), new PassThrough()];
      const seen = { out: '', err: '' };
      stdout.on('data', (c: Buffer) => (seen.out += c.toString()));
      stderr.on('data', (c: Buffer) => (seen.err += c.toString()));
      return { stdout, stderr, env: ZH, seen };
    };
    const help = io();
    expect(await verifyCommand(['--help'], help)).toBe(0);
    expect(help.seen.out).toMatch(/^用法：gongzhi verify <数据包\.ndjson>… --key 密钥/);
    const missing = io();
    expect(await verifyCommand([join(dir, 'nowhere.ndjson'), '--key', 'ab'.repeat(32)], missing)).toBe(2);
    expect(missing.seen.err).toBe(`gongzhi verify: 无法读取 ${join(dir, 'nowhere.ndjson')}：没有这个文件\n`);
    const badLang = io();
    expect(await verifyCommand(['x.ndjson', '--lang', 'fr'], badLang)).toBe(2);
    expect(badLang.seen.err).toMatch(/^gongzhi verify: --lang 只能是 zh 或 en，不能是 "fr"\n\n用法：/);
  });

  const ALTERED: [Step, (d: any) => void][] = [
    ['fenceClosed', (d) => (d.tally.for.heads += 1)],
    ['fenceClosed', (d) => (d.countedRoot = '0'.repeat(64))],
    ['electionClosed', (d) => (d.result.elected[2] = d.result.candidates[3])],
    ['electionHeld', (d) => (d.elected[0] = { candidateId: 'C4', name: '候选人4', ownerId: 'O4' })],
    ['committeeFiled', (d) => d.members.pop()],
    ['income', (d) => (d.amount = '9000.00')],
    ['income', (d) => (d.postings[1].amount = '4999.99')],
    ['fenceSpent', (d) => (d.spentUnderResolution = '700.00')],
    ['fenceSpent', (d) => (d.budget = '2000.00')],
    ['deposit', (d) => (d.total = '4001.00')],
    ['withdrawal', (d) => (d.belowThreshold = false)],
    ['statementDrafted', (d) => (d.content.closingBalance = '4300.00')],
    ['statementPublished', (d) => (d.contentSha256 = '0'.repeat(64))],
  ];

  it('has a Chinese form for every finding, note and figure of tampered, forged and unsigned bundles', async () => {
    const reports = [];
    for (const [step, alter] of ALTERED) {
      const { builder } = communityHistory({ [step]: alter });
      reports.push(await verifyBundle(builder.lines(), { pinnedKey: builder.keyFingerprint }));
    }
    const { builder, steps } = communityHistory();
    const lines = builder.lines();
    const text = `${lines.join('\n')}\n`;
    reports.push(await verifyBundle(lines)); // no key pinned
    reports.push(await verifyBundle(lines, { pinnedKey: 'ab'.repeat(32) })); // another key
    reports.push(await verifyBundle(stripCheckpoints(text).trim().split('\n'), { pinnedKey: builder.keyFingerprint }));
    const extra = { streamId: steps.income.streamId, type: steps.income.type, data: steps.income.data };
    reports.push(
      await verifyBundle(appendUnsignedEvents(text, [extra]).trim().split('\n'), { pinnedKey: builder.keyFingerprint }),
    );
    builder.tamper(steps.income.eventId, (d) => (d.amount = '1.00'));
    reports.push(await verifyBundle(builder.lines(), { pinnedKey: builder.keyFingerprint }));

    const said = reports.flatMap((r) => [
      ...r.failures.map((f) => f.message),
      ...r.notes,
      ...r.figures,
      ...r.uncoveredFigures,
    ]);
    expect(said.length).toBeGreaterThan(30);
    const untranslated = said.filter((english) => !/[\u4e00-\u9fff]/.test(REPORT_ZH.say(english)));
    expect(untranslated).toEqual([]);
  });
});
