import fc from 'fast-check';
import { DomainError } from './domain-error.js';
import {
  atLeast,
  formatArea,
  formatYuan,
  moreThan,
  parseArea,
  parsePositiveYuan,
  parseYuan,
  ratio,
  MAX_FEN,
} from './quantities.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return `${e.kind}:${e.code}`;
    throw e;
  }
  return undefined;
}

describe('amounts in yuan (rule 18: integer fen)', () => {
  it.each([
    ['700000.00', 70000000n],
    ['0.5', 50n],
    ['0.05', 5n],
    ['12', 1200n],
    ['0', 0n],
    ['0.00', 0n],
    ['9999999999999.99', MAX_FEN - 1n],
  ])('rule 18: "%s" is %s fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it.each([
    '-1',
    '+1',
    '1.234',
    '1e5',
    '1E5',
    ' 1',
    '1 ',
    '',
    '.5',
    '5.',
    '1,000.00',
    '0x10',
    'NaN',
    'Infinity',
    '１２',
    '10000000000000',
    '10000000000000.00',
    '9'.repeat(200),
  ])('rule 18: "%s" is refused as INVALID_AMOUNT', (text) => {
    expect(codeOf(() => parseYuan(text))).toBe('invalid:INVALID_AMOUNT');
  });

  it('rule 18: a JSON number instead of a string is refused as INVALID_AMOUNT', () => {
    expect(codeOf(() => parseYuan(12 as unknown as string))).toBe('invalid:INVALID_AMOUNT');
  });

  it('rule 18: a refusal message tells the person what to write', () => {
    expect(() => parseYuan('1.234')).toThrow(/at most two decimals/);
  });

  it('rule 18: parsePositiveYuan refuses zero and accepts one fen', () => {
    expect(codeOf(() => parsePositiveYuan('0.00'))).toBe('invalid:INVALID_AMOUNT');
    expect(parsePositiveYuan('0.01')).toBe(1n);
  });

  it.each([
    [70000000n, '700000.00'],
    [5n, '0.05'],
    [0n, '0.00'],
    [-1234n, '-12.34'],
    [-5n, '-0.05'],
  ])('rule 18: %s fen formats as "%s"', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it('rule 18: formatting then parsing gives back the same fen', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_FEN - 1n }), (fen) => {
        expect(parseYuan(formatYuan(fen))).toBe(fen);
      }),
    );
  });
});

describe('areas in m² (rule 1)', () => {
  it('rule 1: "89.37" is 8937 hundredths and formats back', () => {
    expect(parseArea('89.37')).toBe(8937n);
    expect(parseArea('90')).toBe(9000n);
    expect(formatArea(8937n)).toBe('89.37');
    expect(formatArea(28826882n)).toBe('288268.82');
  });

  it.each(['0', '0.00', '-1', '89.375', '1e2', '', ' 89.37', '10000000.00'])(
    'rule 1: area "%s" is refused as INVALID_AREA',
    (text) => {
      expect(codeOf(() => parseArea(text))).toBe('invalid:INVALID_AREA');
    },
  );
});

describe('ratios (Thresholds: 以上 includes the number, 超过/过半数 do not)', () => {
  const half = ratio(1n, 2n);
  const twoThirds = ratio(2n, 3n);

  it('rule 5: exactly 2/3 is "at least 2/3", one less is not', () => {
    expect(atLeast(2n, 3n, twoThirds)).toBe(true);
    expect(atLeast(200n, 300n, twoThirds)).toBe(true);
    expect(atLeast(199n, 300n, twoThirds)).toBe(false);
  });

  it('rule 6: exactly 1/2 is not "more than 1/2", one more is', () => {
    expect(moreThan(50n, 100n, half)).toBe(false);
    expect(moreThan(51n, 100n, half)).toBe(true);
    expect(atLeast(50n, 100n, half)).toBe(true);
  });

  it('rule 5: a whole of zero meets no threshold, not even zero', () => {
    expect(atLeast(0n, 0n, ratio(0n, 1n))).toBe(false);
    expect(moreThan(0n, 0n, half)).toBe(false);
  });

  it('a ratio needs a positive denominator', () => {
    expect(codeOf(() => ratio(1n, 0n))).toBe('invalid:INVALID_RATIO');
  });

  it('rule 6: moreThan implies atLeast, and atLeast without moreThan means exactly equal', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 100n }),
        fc.bigInt({ min: 0n, max: 100n }),
        (whole, rawPart, den, rawNum) => {
          const part = rawPart % (whole + 1n);
          const r = ratio(rawNum % (den + 1n), den);
          if (moreThan(part, whole, r)) expect(atLeast(part, whole, r)).toBe(true);
          if (atLeast(part, whole, r) && !moreThan(part, whole, r)) expect(part * r.den).toBe(r.num * whole);
        },
      ),
    );
  });
});
