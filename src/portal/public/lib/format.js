import { currentLang, t } from './i18n.js';

// Communities are in China and their notices give Beijing time: so does the portal, wherever the phone is.
const TIME_ZONE = 'Asia/Shanghai';

export function dateTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return new Intl.DateTimeFormat(currentLang() === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

export function date(iso) {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00+08:00` : iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return new Intl.DateTimeFormat(currentLang() === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(d);
}

/** "700000.00" → "700,000.00", on the string: amounts are exact and never pass through a float here. */
export function grouped(decimal) {
  if (decimal === null || decimal === undefined) return '—';
  const s = String(decimal);
  const negative = s.startsWith('-');
  const [whole, frac] = s.replace(/^[-+]/, '').split('.');
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '−' : ''}${withCommas}${frac !== undefined ? `.${frac}` : ''}`;
}

export const yuan = (decimal) => (decimal === null || decimal === undefined ? '—' : `¥${grouped(decimal)}`);
export const area = (decimal) => `${grouped(decimal)} ${t('areaUnit')}`;

/** For drawing only (bar widths, chart points): the verdicts come from the server's exact arithmetic. */
export const approx = (decimal) => Number(String(decimal ?? '0'));

export function percent(ratio) {
  if (!Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(1)}%`;
}

/** Fen as bigint from a decimal yuan string, for exact running balances. */
export function toFen(decimal) {
  const s = String(decimal ?? '0');
  const negative = s.startsWith('-');
  const [whole, frac = ''] = s.replace(/^[-+]/, '').split('.');
  const fen = BigInt(whole || '0') * 100n + BigInt((frac + '00').slice(0, 2));
  return negative ? -fen : fen;
}

export function fromFen(fen) {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/**
 * "1036900.50" → "¥103.69 万": how a Chinese reader says a large sum, rounded half up to the hundred
 * yuan, on the fen as integers. Below ten thousand yuan, and in English, the exact amount itself.
 */
export function wan(decimal) {
  if (decimal === null || decimal === undefined) return '—';
  const fen = toFen(decimal);
  const abs = fen < 0n ? -fen : fen;
  if (currentLang() === 'en' || abs < 1_000_000n) return yuan(decimal);
  const hundredths = (abs + 5_000n) / 10_000n; // hundredths of 万 (100 yuan = 10,000 fen)
  const whole = grouped(String(hundredths / 100n));
  return `${fen < 0n ? '−' : ''}¥${whole}.${String(hundredths % 100n).padStart(2, '0')} ${t('wanUnit')}`;
}
