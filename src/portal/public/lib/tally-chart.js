import { h } from './dom.js';
import { approx, area, grouped, percent } from './format.js';
import { lp, rp, t } from './i18n.js';

const FRACTIONS = { '>=2/3': 2 / 3, '>=3/4': 3 / 4, '>1/2': 1 / 2 };
const requiredKey = (required) => `required_${String(required).replace('>=', 'ge_').replace('>', 'gt_').replace('/', '_')}`;
const ratio = (part, whole) => (approx(whole) > 0 ? approx(part) / approx(whole) : 0);

/**
 * One bar: the filled share, a line at the threshold, and the same facts in a sentence. The bar is
 * decoration for sighted readers (aria-hidden); the sentence is what everyone, screen readers included, reads.
 * `met` is the server's exact verdict (null while the vote is open); the bar never decides anything.
 */
function meter(what, by, part, whole, unit, required, met) {
  const share = ratio(part, whole);
  const threshold = FRACTIONS[required];
  const fill = met === null ? 'pending' : met ? 'met' : 'unmet';
  const text = met === null
    ? t('pendingText', { what, by: t(by), value: unit(part), total: unit(whole), pct: percent(share), req: t(requiredKey(required)), reqPct: percent(threshold) })
    : t('barText', { what, by: t(by), value: unit(part), total: unit(whole), pct: percent(share), req: t(requiredKey(required)), reqPct: percent(threshold), verdict: t(met ? 'met' : 'notMet') });
  return h('div', { class: 'meter' },
    h('div', { class: 'track', 'aria-hidden': 'true' },
      h('div', { class: `fill ${fill}`, style: { width: `${Math.min(100, share * 100).toFixed(2)}%` } }),
      threshold ? h('div', { class: 'mark', style: { left: `${(threshold * 100).toFixed(2)}%` } }, h('span', {}, required.replace('>=', '≥').replace('>', '>'))) : null),
    h('p', { class: 'text' }, met === null ? null : h('strong', { class: met ? 'ok' : 'bad' }, met ? '✓ ' : '✗ '), text));
}

const heads = (n) => `${n} ${t('headsUnit')}`;

/** The closed vote's tally: why it passed or failed, at a glance and in words. */
export function tallyChart(tally) {
  const p = tally.participation;
  const a = tally.approval;
  const rows = ['eligible', 'participated', 'for', 'against', 'abstain'];
  return h('section', { 'aria-labelledby': 'tally-h' },
    h('h2', { id: 'tally-h' }, t('tallyTitle')),
    h('h3', {}, t('participationTitle')),
    meter(t('participationTitle'), 'byArea', tally.participated.areaM2, tally.eligible.areaM2, area, p.required, p.areaMet),
    meter(t('participationTitle'), 'byHeads', tally.participated.heads, tally.eligible.heads, heads, p.required, p.headsMet),
    h('h3', {}, t('approvalTitle')),
    meter(t('approvalTitle'), 'byArea', tally.for.areaM2, tally.participated.areaM2, area, a.required, a.areaMet),
    meter(t('approvalTitle'), 'byHeads', tally.for.heads, tally.participated.heads, heads, a.required, a.headsMet),
    split(tally),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('caption', {}, t('tallyTable')),
      h('thead', {}, h('tr', {}, h('td'), h('th', { scope: 'col', class: 'num' }, t('heads')), h('th', { scope: 'col', class: 'num' }, `${t('area')}${lp()}m²${rp()}`))),
      h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, t(r)), h('td', { class: 'num' }, String(tally[r].heads)), h('td', { class: 'num' }, grouped(tally[r].areaM2))))))));
}

/** For, against and abstain as shares of the participating area. */
function split(tally) {
  const total = approx(tally.participated.areaM2);
  if (total <= 0) return null;
  const part = (k) => `${((approx(tally[k].areaM2) / total) * 100).toFixed(2)}%`;
  return h('div', {},
    h('div', { class: 'split', 'aria-hidden': 'true' }, ['for', 'against', 'abstain'].map((k) => h('div', { class: k, style: { width: part(k) } }))),
    h('ul', { class: 'legend' }, ['for', 'against', 'abstain'].map((k) => h('li', {}, h('i', { style: { background: `var(--${k})` }, 'aria-hidden': 'true' }), `${t(k)} ${part(k)}${lp()}${t('byArea')}${rp()}`))));
}

/** While the vote is open: only how many took part (the choices are counted once, at close). */
export function participationSoFar(detail) {
  if (!detail.eligible) return null;
  return h('section', { 'aria-labelledby': 'so-far-h' },
    h('h2', { id: 'so-far-h' }, t('participationTitle')),
    h('p', {}, t('openSoFar', { heads: detail.participated.heads, area: grouped(detail.participated.areaM2) })),
    meter(t('participationTitle'), 'byArea', detail.participated.areaM2, detail.eligible.areaM2, area, '>=2/3', null),
    meter(t('participationTitle'), 'byHeads', detail.participated.heads, detail.eligible.heads, heads, '>=2/3', null));
}
