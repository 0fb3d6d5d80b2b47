import { fetchFile, get } from '../lib/api.js';
import { field, h, saveFile } from '../lib/dom.js';
import { currentLang } from '../lib/i18n.js';
import { navigate } from '../lib/nav.js';
import { errorNotice, heading, table } from '../lib/ui.js';

// This page's words, kept with it (rule 38); the shared string tables belong to the desks' pages.
const WORDS = {
  zh: {
    title: '三率与诉求排名',
    month: '月份',
    show: '查看',
    rates: '三率',
    street: '街道',
    all: '全辖区',
    communities: '小区数',
    formation: '业委会（物管会）组建率',
    propertyService: '物业服务覆盖率',
    partyOrganisation: '党组织覆盖率',
    ranking: '诉求排名',
    rank: '名次',
    name: '小区',
    households: '户数',
    requests: '诉求数',
    perHundred: '每百户诉求',
    onTime: '按时办结率',
    satisfaction: '满意率',
    csv: '下载 CSV',
    xlsx: '下载 Excel',
  },
  en: {
    title: 'Three rates and request ranking',
    month: 'Month',
    show: 'Show',
    rates: 'Three rates',
    street: 'Street',
    all: 'Whole jurisdiction',
    communities: 'Communities',
    formation: 'Committee (PMC) formation',
    propertyService: 'Property-service coverage',
    partyOrganisation: 'Party-organisation coverage',
    ranking: 'Request ranking',
    rank: 'Rank',
    name: 'Community',
    households: 'Households',
    requests: 'Requests',
    perHundred: 'Per 100 households',
    onTime: 'On time',
    satisfaction: 'Satisfied',
    csv: 'Download CSV',
    xlsx: 'Download Excel',
  },
};
const w = (key) => WORDS[currentLang()]?.[key] ?? WORDS.zh[key];
/** An exact rate and, for people, its percentage. */
const shown = (r) => `${r.fraction}${r.percent ? ` (${r.percent})` : ''}`;

/** Rule 38: the street office's 三率 per street and for its jurisdiction, and the month's ranking of communities. */
export default async function render(view, _params, query) {
  const month = query.get('month') ?? '';
  const ask = month ? `?month=${encodeURIComponent(month)}` : '';
  const data = await get(`/regulator/services${ask}`);
  const input = h('input', { name: 'month', type: 'month', value: data.month });
  const form = h('form', { class: 'inline' }, field(w('month'), input), h('button', { type: 'submit' }, w('show')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void navigate(`/regulator/services?month=${encodeURIComponent(input.value)}`);
  });
  const out = h('div', { 'aria-live': 'polite' });
  const download = (ext, type) => {
    const button = h('button', { type: 'button' }, w(ext));
    button.addEventListener('click', () =>
      fetchFile(`/regulator/services.${ext}?month=${encodeURIComponent(data.month)}`)
        .then((blob) => saveFile(`services-${data.month}.${ext}`, new Blob([blob], { type })))
        .catch((e) => out.replaceChildren(errorNotice(e))),
    );
    return button;
  };
  const rateRows = [{ street: w('all'), threeRates: data.threeRates }, ...data.byStreet];
  view.append(
    heading(`${w('title')} · ${data.month}`),
    form,
    h('h2', {}, w('rates')),
    table(
      null,
      [
        { label: w('street'), cell: (r) => r.street ?? '—' },
        { label: w('communities'), cell: (r) => String(r.threeRates.communities), num: true },
        { label: w('formation'), cell: (r) => shown(r.threeRates.formation), num: true },
        { label: w('propertyService'), cell: (r) => shown(r.threeRates.propertyService), num: true },
        { label: w('partyOrganisation'), cell: (r) => shown(r.threeRates.partyOrganisation), num: true },
      ],
      rateRows,
    ),
    h('h2', {}, w('ranking')),
    h(
      'p',
      {},
      download('csv', 'text/csv'),
      ' ',
      download('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
    ),
    out,
    table(
      null,
      [
        { label: w('rank'), cell: (r) => String(r.rank), num: true },
        { label: w('name'), cell: (r) => r.name },
        { label: w('households'), cell: (r) => String(r.households), num: true },
        { label: w('requests'), cell: (r) => String(r.requests), num: true },
        { label: w('perHundred'), cell: (r) => r.perHundredHouseholds.value, num: true },
        { label: w('onTime'), cell: (r) => shown(r.onTime), num: true },
        { label: w('satisfaction'), cell: (r) => shown(r.satisfaction), num: true },
      ],
      data.ranking,
    ),
  );
}
