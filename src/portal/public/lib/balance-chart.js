import { h } from './dom.js';
import { date, fromFen, toFen, yuan } from './format.js';
import { t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';
const s = (tag, attrs = {}, ...children) => {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
};

/** The signed change of an entry: a reversal undoes the category it copies. */
export function effectFen(entry) {
  const sign = entry.category === 'EXPENSE' ? -1n : 1n;
  return toFen(entry.amount) * (entry.kind === 'REVERSAL' ? -sign : sign);
}

/** Running balance after each entry, exact (fen as bigint). */
export function runningBalances(entries) {
  let balance = 0n;
  return entries.map((e) => ({ at: e.occurredAt, balance: (balance += effectFen(e)) }));
}

/**
 * A step line of the balance: it changes only when money moves. The figure has a text equivalent in
 * its label, and the table on the same page carries every number.
 */
export function balanceChart(entries, floor = null) {
  const points = runningBalances(entries);
  if (points.length < 1) return null;
  const W = 360,
    H = 180,
    PAD_L = 6,
    PAD_R = 6,
    PAD_T = 22,
    PAD_B = 24;
  const times = points.map((p) => new Date(p.at).getTime());
  // A little room after the last entry, so a change on the last day shows as a step, not as the frame's edge.
  const t0 = times[0],
    t1 = times.at(-1) + Math.max(86400000, (times.at(-1) - t0) * 0.08);
  const values = points.map((p) => Number(p.balance) / 100);
  const floorValue = floor ? Number(floor.fen) / 100 : null;
  const max = Math.max(0, floorValue ?? 0, ...values),
    min = Math.min(0, ...values);
  const x = (tm) => PAD_L + ((tm - t0) / (t1 - t0)) * (W - PAD_L - PAD_R);
  const y = (v) => PAD_T + (1 - (v - min) / (max - min || 1)) * (H - PAD_T - PAD_B);
  let d = `M ${x(t0)} ${y(0)}`;
  points.forEach((p, i) => {
    d += ` H ${x(times[i]).toFixed(1)} V ${y(values[i]).toFixed(1)}`;
  });
  d += ` H ${W - PAD_R}`;
  const lows = points.reduce((a, p) => (p.balance < a ? p.balance : a), points[0].balance);
  const highs = points.reduce((a, p) => (p.balance > a ? p.balance : a), points[0].balance);
  const label =
    t('balanceChartAlt', {
      first: date(points[0].at),
      last: date(points.at(-1).at),
      min: yuan(fromFen(lows)),
      max: yuan(fromFen(highs)),
    }) + (floor ? ` ${floor.label}` : '');
  const svg = s(
    'svg',
    { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label },
    s('title', {}, label),
    s('line', { x1: PAD_L, x2: W - PAD_R, y1: y(0), y2: y(0), stroke: '#8a8a8a', 'stroke-width': 1 }),
    // Rule 22's floor, where the page has one: the balance line dropping under it is the flag in a picture.
    floor
      ? s('line', {
          x1: PAD_L,
          x2: W - PAD_R,
          y1: y(floorValue),
          y2: y(floorValue),
          stroke: '#7a4b00',
          'stroke-width': 2,
          'stroke-dasharray': '6 4',
        })
      : '',
    floor
      ? s(
          'text',
          { x: W - PAD_R, y: y(floorValue) - 4, 'font-size': 12, fill: '#7a4b00', 'text-anchor': 'end' },
          floor.label,
        )
      : '',
    s('path', { d, fill: 'none', stroke: '#0b4f9c', 'stroke-width': 3 }),
    s('text', { x: PAD_L, y: H - 8, 'font-size': 12, fill: '#1a1a1a' }, date(points[0].at)),
    s(
      'text',
      { x: W - PAD_R, y: H - 8, 'font-size': 12, fill: '#1a1a1a', 'text-anchor': 'end' },
      date(points.at(-1).at),
    ),
    s('text', { x: PAD_L, y: 14, 'font-size': 12, fill: '#1a1a1a' }, `${t('highest')} ${yuan(fromFen(highs))}`),
  );
  return h('figure', { style: { margin: '0' } }, svg, h('figcaption', { class: 'muted' }, label));
}
