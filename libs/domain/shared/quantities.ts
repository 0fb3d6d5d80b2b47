import { invalid } from './domain-error.js';

/**
 * Money, area and ratios as integers (DOMAIN.md rule 18 and "Thresholds"): money in fen, area in
 * hundredths of a square metre, ratios as a pair of bigints compared by cross-multiplication.
 * A float never touches these values: 0.1 + 0.2 would already move a vote or a fen.
 */

// Digits, then optionally a point and one or two digits. No sign, exponent, spaces, separators.
const DECIMAL = /^(\d+)(?:\.(\d{1,2}))?$/;

// Checked before BigInt() so a megabyte of digits in a request cannot cost quadratic time.
const MAX_TEXT_LENGTH = 32;

/** Money above this is a typo or an attack, not a community's budget (10 trillion yuan). */
export const MAX_FEN = 10n ** 15n;

/** No single unit is ten square kilometres. */
export const MAX_AREA_HUNDREDTHS = 10n ** 9n;

function parseHundredths(text: unknown, code: string, what: string, example: string): bigint {
  if (typeof text !== 'string') {
    throw invalid(code, `${what} must be a decimal string such as "${example}", not a ${typeof text}`);
  }
  const match = text.length <= MAX_TEXT_LENGTH ? DECIMAL.exec(text) : null;
  if (!match) {
    throw invalid(
      code,
      `${what} "${truncate(text)}" is not a decimal with at most two decimals such as "${example}" ` +
        '(no sign, spaces, thousands separators or exponent)',
    );
  }
  const [, whole, fraction = ''] = match;
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}

function truncate(text: string): string {
  return text.length > MAX_TEXT_LENGTH ? `${text.slice(0, MAX_TEXT_LENGTH)}…` : text;
}

function formatHundredths(value: bigint): string {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/**
 * Fen from a yuan amount as the API writes it ("700000.00", "0.5", "12"). Zero is accepted: a
 * balance or a filter may be zero; a command that moves money refuses zero with parsePositiveYuan.
 */
export function parseYuan(text: string): bigint {
  const fen = parseHundredths(text, 'INVALID_AMOUNT', 'Amount', '700000.00');
  if (fen >= MAX_FEN) {
    throw invalid('INVALID_AMOUNT', `Amount "${text}" is too large: it must be below ${formatYuan(MAX_FEN)} yuan`);
  }
  return fen;
}

/** As parseYuan, for amounts that move money: income, expenses, deposits, withdrawals, budgets. */
export function parsePositiveYuan(text: string): bigint {
  const fen = parseYuan(text);
  if (fen === 0n) throw invalid('INVALID_AMOUNT', 'Amount must be more than zero, e.g. "0.01"');
  return fen;
}

/** "700000.00"; negative with a leading "-" (reports show shortfalls, the ledger never stores them). */
export function formatYuan(fen: bigint): string {
  return formatHundredths(fen);
}

/** Hundredths of a square metre from "89.37". A unit with no area would have no weight in a vote: refused. */
export function parseArea(text: string): bigint {
  const hundredths = parseHundredths(text, 'INVALID_AREA', 'Area in m²', '89.37');
  if (hundredths === 0n) throw invalid('INVALID_AREA', 'Area must be more than zero square metres, e.g. "89.37"');
  if (hundredths >= MAX_AREA_HUNDREDTHS) {
    throw invalid(
      'INVALID_AREA',
      `Area "${text}" is too large: it must be below ${formatArea(MAX_AREA_HUNDREDTHS)} m²`,
    );
  }
  return hundredths;
}

/** "89.37" from hundredths of a square metre. */
export function formatArea(hundredths: bigint): string {
  return formatHundredths(hundredths);
}

/** num/den, den > 0. Never reduced or converted: thresholds print as the law writes them ("2/3"). */
export interface Ratio {
  num: bigint;
  den: bigint;
}

export function ratio(num: bigint, den: bigint): Ratio {
  if (den <= 0n || num < 0n) throw invalid('INVALID_RATIO', `A ratio needs num >= 0 and den > 0, got ${num}/${den}`);
  return { num, den };
}

/**
 * part/whole ≥ r: the law's "以上" (Civil Code Art. 1259: "以上" includes the number itself), as in
 * "三分之二以上" — exactly 2/3 qualifies. A whole of zero qualifies for nothing: no roster, no quorum.
 */
export function atLeast(part: bigint, whole: bigint, r: Ratio): boolean {
  if (whole <= 0n) return false;
  return part * r.den >= r.num * whole;
}

/**
 * part/whole > r: the law's "超过" and "过半数", which exclude the number itself (Art. 1259) —
 * exactly half is not a majority. A whole of zero qualifies for nothing.
 */
export function moreThan(part: bigint, whole: bigint, r: Ratio): boolean {
  if (whole <= 0n) return false;
  return part * r.den > r.num * whole;
}
