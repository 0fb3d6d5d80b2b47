import { h } from './dom.js';
import { approx, area, fromFen, grouped, percent, wan } from './format.js';
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
  // 'void': approval under a failed quorum counts for nothing, so it is drawn grey, with no ✓ (issue 15).
  const fill = met === null ? 'pending' : met === 'void' ? 'void' : met ? 'met' : 'unmet';
  const facts = {
    what,
    by: t(by),
    value: unit(part),
    total: unit(whole),
    pct: percent(share),
    req: line?.words ?? required,
    reqPct: line ? percent(line.share) : '',
  };
  const text =
    met === null
      ? t('pendingText', facts)
      : met === 'void'
        ? t('voidText', facts)
        : t('barText', { ...facts, verdict: t(met ? 'met' : 'notMet') });
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
      met === null || met === 'void' ? null : h('strong', { class: met ? 'ok' : 'bad' }, met ? '✓ ' : '✗ '),
      text,
    ),
  );
}

export const heads = (n) => `${n} ${t('headsUnit')}`;

/**
 * The outcome's reason in one sentence, from the requirements the server found unmet, with the same
 * rounded shares the bars below print.
 */
export function whyInOneSentence(tally) {
  const p = tally.participation;
  const a = tally.approval;
  const shares = (part, whole, areaMet, headsMet) =>
    [
      areaMet ? null : t('partArea', { pct: percent(ratio(part.areaM2, whole.areaM2)) }),
      headsMet ? null : t('partHeads', { pct: percent(ratio(part.heads, whole.heads)) }),
    ]
      .filter(Boolean)
      .join(t('partJoin'));
  const words = (required) => {
    const line = threshold(required);
    return { req: line?.words ?? required, reqPct: line ? percent(line.share) : '' };
  };
  if (!(p.areaMet && p.headsMet))
    return t('whyNoQuorum', {
      parts: shares(tally.participated, tally.eligible, p.areaMet, p.headsMet),
      ...words(p.required),
    });
  if (!(a.areaMet && a.headsMet))
    return t('whyRejected', {
      parts: shares(tally.for, tally.participated, a.areaMet, a.headsMet),
      ...words(a.required),
    });
  return t('whyPassed', {
    areaPct: percent(ratio(tally.for.areaM2, tally.participated.areaM2)),
    headsPct: percent(ratio(tally.for.heads, tally.participated.heads)),
    ...words(a.required),
  });
}

/** The closed vote's tally: why it passed or failed, at a glance and in words. */
export function tallyChart(tally) {
  const p = tally.participation;
  const a = tally.approval;
  const quorum = p.areaMet && p.headsMet;
  const approvalMet = (met) => (quorum ? met : 'void');
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
    quorum ? null : h('p', { class: 'muted' }, t('notCounted')),
    meter(
      t('approvalTitle'),
      'byArea',
      tally.for.areaM2,
      tally.participated.areaM2,
      area,
      a.required,
      approvalMet(a.areaMet),
    ),
    meter(
      t('approvalTitle'),
      'byHeads',
      tally.for.heads,
      tally.participated.heads,
      heads,
      a.required,
      approvalMet(a.headsMet),
    ),
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
  const share = (k) => approx(tally[k].areaM2) / total;
  // The legend prints the bars' own rounding (one decimal), so the two never disagree.
  const part = (k) => percent(share(k));
  return h(
    'div',
    {},
    h(
      'div',
      // Under a failed quorum the split counts for nothing either: drawn grey, not green.
      {
        class: tally.participation.areaMet && tally.participation.headsMet ? 'split' : 'split void',
        'aria-hidden': 'true',
      },
      ['for', 'against', 'abstain'].map((k) =>
        h('div', { class: k, style: { width: `${(share(k) * 100).toFixed(2)}%` } }),
      ),
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

/** Rule 19's budget as a bar: what has been paid under the vote against what it allowed. */
export function budgetBar(spentFen, budgetFen) {
  const share = budgetFen > 0n ? Number((spentFen * 10000n) / budgetFen) / 10000 : 0;
  const over = spentFen > budgetFen;
  return h(
    'div',
    { class: 'budget-meter' },
    h('p', { class: 'label' }, t('budgetUsed')),
    h(
      'div',
      { class: 'track', 'aria-hidden': 'true' },
      h('div', {
        class: `fill ${over ? 'unmet' : 'pending'}`,
        style: { width: `${(Math.min(1, share) * 100).toFixed(2)}%` },
      }),
    ),
    h(
      'p',
      { class: 'text' },
      t('budgetUsedText', {
        spent: wan(fromFen(spentFen)),
        budget: wan(fromFen(budgetFen)),
        pct: percent(share),
        left: wan(fromFen(budgetFen - spentFen)),
      }),
    ),
  );
}
