import { h } from './dom.js';
import { approx, area, grouped, percent } from './format.js';
import { lp, rp, t } from './i18n.js';

/** The server's threshold ('>=2/3', '>1/2', '>=3/4') as a line to draw and words to read. */
export function threshold(required) {
  const m = /^(>=|>)(\d+)\/(\d+)$/.exec(String(required ?? ''));
  if (!m) return null;
  const [, op, num, den] = m;
  const key = `required_${op === '>' ? 'gt' : 'ge'}_${num}_${den}`;
  const ratio = `${num}/${den}`;
  const words = t(key) !== key ? t(key) : t(op === '>' ? 'requiredGt' : 'requiredGe', { ratio });
  return { share: Number(num) / Number(den), words, label: `${op === '>' ? '>' : '≥'}${ratio}` };
}

const ratio = (part, whole) => (approx(whole) > 0 ? approx(part) / approx(whole) : 0);

/**
 * One bar: the filled share, a line at the threshold, and the same facts in a sentence. The bar is
 * decoration for sighted readers (aria-hidden); the sentence is what everyone, screen readers included, reads.
 * `met` is the server's exact verdict (null while the vote is open); the bar never decides anything.
 */
export function meter(what, by, part, whole, unit, required, met) {
  const share = ratio(part, whole);
  const line = threshold(required);
  const fill = met === null ? 'pending' : met ? 'met' : 'unmet';
  const facts = {
    what,
    by: t(by),
    value: unit(part),
    total: unit(whole),
    pct: percent(share),
    req: line?.words ?? required,
    reqPct: line ? percent(line.share) : '',
  };
  const text = met === null ? t('pendingText', facts) : t('barText', { ...facts, verdict: t(met ? 'met' : 'notMet') });
  return h(
    'div',
    { class: 'meter' },
    h(
      'div',
      { class: 'track', 'aria-hidden': 'true' },
      h('div', { class: `fill ${fill}`, style: { width: `${(Math.min(1, share) * 100).toFixed(2)}%` } }),
      line
        ? h('div', { class: 'mark', style: { left: `${(line.share * 100).toFixed(2)}%` } }, h('span', {}, line.label))
        : null,
    ),
    h(
      'p',
      { class: 'text' },
      met === null ? null : h('strong', { class: met ? 'ok' : 'bad' }, met ? '✓ ' : '✗ '),
      text,
    ),
  );
}

export const heads = (n) => `${n} ${t('headsUnit')}`;

/** The closed vote's tally: why it passed or failed, at a glance and in words. */
export function tallyChart(tally) {
  const p = tally.participation;
  const a = tally.approval;
  const rows = ['eligible', 'participated', 'for', 'against', 'abstain'];
  return h(
    'section',
    { 'aria-labelledby': 'tally-h' },
    h('h2', { id: 'tally-h' }, t('tallyTitle')),
    tally.menu ? menuResult(tally.menu) : null,
    h('h3', {}, t('participationTitle')),
    meter(
      t('participationTitle'),
      'byArea',
      tally.participated.areaM2,
      tally.eligible.areaM2,
      area,
      p.required,
      p.areaMet,
    ),
    meter(
      t('participationTitle'),
      'byHeads',
      tally.participated.heads,
      tally.eligible.heads,
      heads,
      p.required,
      p.headsMet,
    ),
    h('h3', {}, t('approvalTitle')),
    meter(t('approvalTitle'), 'byArea', tally.for.areaM2, tally.participated.areaM2, area, a.required, a.areaMet),
    meter(t('approvalTitle'), 'byHeads', tally.for.heads, tally.participated.heads, heads, a.required, a.headsMet),
    split(tally),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        {},
        h('caption', {}, t('tallyTable')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('td'),
            h('th', { scope: 'col', class: 'num' }, t('heads')),
            h('th', { scope: 'col', class: 'num' }, `${t('area')}${lp()}m²${rp()}`),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((r) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, t(r)),
              h('td', { class: 'num' }, String(tally[r].heads)),
              h('td', { class: 'num' }, grouped(tally[r].areaM2)),
            ),
          ),
        ),
      ),
    ),
  );
}

/**
 * A menu vote's published order (SCENARIOS.md 5): each option's Borda points by area, drawn against the
 * first option's, with the points by heads and the first preferences in words. It authorises nothing.
 */
function menuResult(menu) {
  const top = approx(menu.options[0]?.points.areaM2 ?? '0');
  return h(
    'div',
    { class: 'menu-result' },
    h('h3', {}, t('menuTitle')),
    h(
      'ol',
      { class: 'cards' },
      menu.options.map((o) =>
        h(
          'li',
          { class: 'card' },
          h('p', { class: 'entry-head' }, h('strong', {}, `${t('rank', { rank: o.rank })} · ${o.label}`)),
          h(
            'div',
            { class: 'track', 'aria-hidden': 'true' },
            h('div', {
              class: 'fill pending',
              style: { width: `${(top > 0 ? (approx(o.points.areaM2) / top) * 100 : 0).toFixed(2)}%` },
            }),
          ),
          h(
            'p',
            { class: 'text' },
            t('menuPoints', {
              area: grouped(o.points.areaM2),
              heads: o.points.heads,
              firstHeads: o.firstPreferences.heads,
              firstArea: grouped(o.firstPreferences.areaM2),
            }),
          ),
        ),
      ),
    ),
    h('p', { class: 'muted' }, t('menuMethod')),
  );
}

/** For, against and abstain as shares of the participating area. */
function split(tally) {
  const total = approx(tally.participated.areaM2);
  if (total <= 0) return null;
  const part = (k) => `${((approx(tally[k].areaM2) / total) * 100).toFixed(2)}%`;
  return h(
    'div',
    {},
    h(
      'div',
      { class: 'split', 'aria-hidden': 'true' },
      ['for', 'against', 'abstain'].map((k) => h('div', { class: k, style: { width: part(k) } })),
    ),
    h(
      'ul',
      { class: 'legend' },
      ['for', 'against', 'abstain'].map((k) =>
        h(
          'li',
          {},
          h('i', { style: { background: `var(--${k})` }, 'aria-hidden': 'true' }),
          `${t(k)} ${part(k)}${lp()}${t('byArea')}${rp()}`,
        ),
      ),
    ),
  );
}

// Rule 5: participation is two thirds by area and by heads for every matter, in every rulebook;
// an open vote's answer does not carry the tally yet, so the line is drawn from the rule.
const PARTICIPATION = '>=2/3';

/** While the vote is open: only how many took part (the choices are counted once, at close). */
export function participationSoFar(detail, sentence = 'openSoFar') {
  if (!detail.eligible) return null;
  return h(
    'section',
    { 'aria-labelledby': 'so-far-h' },
    h('h2', { id: 'so-far-h' }, t('participationTitle')),
    h('p', {}, t(sentence, { heads: detail.participated.heads, area: grouped(detail.participated.areaM2) })),
    meter(
      t('participationTitle'),
      'byArea',
      detail.participated.areaM2,
      detail.eligible.areaM2,
      area,
      PARTICIPATION,
      null,
    ),
    meter(
      t('participationTitle'),
      'byHeads',
      detail.participated.heads,
      detail.eligible.heads,
      heads,
      PARTICIPATION,
      null,
    ),
  );
}
