import { fileURLToPath } from 'node:url';
import { KNOWN_RELAYS, serverErrorCodes } from './support/server-error-codes.js';
// @ts-expect-error plain JS browser module without type declarations
import zh from '../../src/portal/public/lib/refusals-zh.js';
// @ts-expect-error plain JS browser module without type declarations
import en from '../../src/portal/public/lib/refusals-en.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { codes, relays } = serverErrorCodes(root);

/** A refusal the portal cannot put in words shows a person an English sentence and a code. */
describe('every refusal the server can answer has a sentence in the portal', () => {
  it('finds the codes in the server source (the extraction itself works)', () => {
    expect(codes).toEqual(
      expect.arrayContaining([
        'NOT_A_VOTER',
        'POSTING_PERIOD_TOO_SHORT',
        'BUDGET_EXCEEDED',
        'VALIDATION_FAILED',
        'EMPTY_ROSTER',
        'RESOLUTION_CLOSED',
        'INTERNAL_ERROR',
        'NOT_FOUND',
      ]),
    );
  });

  it('passes a code through a variable only at the known relays, whose codes the extraction reads elsewhere', () => {
    expect(relays.filter((r) => !KNOWN_RELAYS.includes(r.argument))).toEqual([]);
  });

  it('has Chinese text for every code', () => {
    expect(codes.filter((code) => !(code in zh))).toEqual([]);
  });

  it('has English text for every code', () => {
    expect(codes.filter((code) => !(code in en))).toEqual([]);
  });

  it("names no code the server cannot answer, so the tables stay the server's list", () => {
    const known = new Set([...codes, 'NETWORK']);
    expect(Object.keys(zh).filter((code) => !known.has(code))).toEqual([]);
    expect(Object.keys(en).filter((code) => !known.has(code))).toEqual([]);
  });
});

/** The sentence shown, picked by the code and filled from the details, run as the browser runs it. */
describe('a refusal in words', () => {
  let refusalSentence: (
    code: string,
    details?: Record<string, unknown>,
    context?: { titleOf(id: string): string | undefined },
  ) => string | null;
  beforeAll(async () => {
    // ui.js reads the DOM only when it draws; its sentences need none.
    // @ts-expect-error plain JS browser module without type declarations
    ({ refusalSentence } = await import('../../src/portal/public/lib/ui.js'));
    // @ts-expect-error plain JS browser module without type declarations
    await (await import('../../src/portal/public/lib/i18n.js')).loadRefusals();
  });

  it("says the rulebook's own posting days and the earliest opening in Beijing time", () => {
    expect(
      refusalSentence('POSTING_PERIOD_TOO_SHORT', {
        earliestOpensAt: '2026-03-20T01:00:00.001Z',
        postingPeriodDays: 15,
      }),
    ).toBe(
      '公告期不足：按本小区的规则须在开始投票 15 日前公告，现在公告最早只能在 2026年3月20日 09:00 开始。请重新起草，把开始时间改晚。',
    );
    expect(
      refusalSentence('POSTING_PERIOD_TOO_SHORT', {
        earliestOpensAt: '2026-03-20T01:00:00.001Z',
        postingPeriodDays: 0,
      }),
    ).toBe('开始时间已到，不能再公告：请重新起草，把开始时间改晚。');
    expect(refusalSentence('POSTING_PERIOD_TOO_SHORT')).toBe('公告期不足：请重新起草，把开始时间改晚。');
  });

  it('names the vote by title where the page knows it, with amounts in yuan, and falls back sentence by sentence', () => {
    const details = { rule: 19, limit: '5000.00', excess: '1000.00', resolutionId: 'r1' };
    expect(
      refusalSentence('BUDGET_EXCEEDED', details, { titleOf: (id) => (id === 'r1' ? '修补围栏' : undefined) }),
    ).toBe('“修补围栏”批准的预算是 ¥5,000.00，这笔金额超出 ¥1,000.00。');
    expect(refusalSentence('BUDGET_EXCEEDED', details)).toBe('金额超出了该表决批准的预算 ¥5,000.00：超出 ¥1,000.00。');
    expect(refusalSentence('BUDGET_EXCEEDED')).toBe('金额超出了该表决批准的预算。');
  });

  it('answers nothing for a code it has no sentence for, so the page says the server refused and shows the details', () => {
    expect(refusalSentence('A_CODE_FROM_TOMORROW')).toBeNull();
  });
});
