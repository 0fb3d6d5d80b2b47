import { field, h } from './dom.js';
import { t } from './i18n.js';
import { Refusal } from './ui.js';

/**
 * A menu vote's ballot (SCENARIOS.md 5): one select per place, first choice first, so that a reader
 * who cannot drag things on a small screen ranks them all the same. An option left out earns nothing.
 */
export function rankingFields(options, current = []) {
  const selects = options.map((_, i) =>
    h(
      'select',
      { name: `rank${i + 1}` },
      h('option', { value: '' }, t('rankNone')),
      options.map((o) => h('option', { value: o.optionId, selected: current[i] === o.optionId }, o.label)),
    ),
  );
  const element = h(
    'fieldset',
    { class: 'ranking' },
    h('legend', {}, t('rankLegend')),
    selects.map((s, i) => field(t('rankPlace', { n: i + 1 }), s)),
  );
  const ranking = () => {
    const chosen = selects.map((s) => s.value).filter(Boolean);
    if (new Set(chosen).size !== chosen.length) throw new Refusal(t('rankTwice'));
    return chosen;
  };
  return { element, ranking };
}

/** "每日保洁 > 停车秩序管理": a ranking in the options' own words. */
export const rankingWords = (options, ranking) =>
  ranking.map((id) => options?.find((o) => o.optionId === id)?.label ?? id).join(' > ');
