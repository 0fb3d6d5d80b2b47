import { API, get } from './api.js';
import { field, h } from './dom.js';
import { date, yuan } from './format.js';
import { colon, lp, rp, t, word } from './i18n.js';
import { balanceChart } from './balance-chart.js';

const DAY_START = (d) => `${d}T00:00:00+08:00`;
const nextDay = (d) => new Date(Date.parse(`${d}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);

/** The page's filters (?from=YYYY-MM-DD&to=…&kind=…&source=…) as the API's query string. */
export function apiFilter(query) {
  const out = new URLSearchParams();
  if (/^\d{4}-\d\d-\d\d$/.test(query.get('from') ?? '')) out.set('from', DAY_START(query.get('from')));
  // "to" is the last day shown, inclusive; the API's `to` is exclusive.
  if (/^\d{4}-\d\d-\d\d$/.test(query.get('to') ?? '')) out.set('to', DAY_START(nextDay(query.get('to'))));
  for (const k of ['kind', 'source']) if (query.get(k)) out.set(k, query.get(k));
  return out;
}

/** Vote titles by id, so a payment names the vote behind it rather than saying "see the vote". */
export async function voteTitles(cid) {
  const list = await get(`/communities/${encodeURIComponent(cid)}/resolutions`, { auth: false }).catch(() => []);
  return new Map(list.map((r) => [r.id, r.title]));
}

/** Every entry, a page of 500 at a time, for the balance chart (which needs the whole history). */
export async function allEntries(path) {
  const entries = [];
  for (let offset = 0; offset < 20000; offset += 500) {
    const page = await get(`${path}?limit=500&offset=${offset}`, { auth: false });
    entries.push(...page.entries);
    if (page.entries.length < 500) return { first: page, entries };
  }
  return { first: null, entries };
}

export function filterForm(path, query, kinds, sources) {
  const from = h('input', { type: 'date', name: 'from', value: query.get('from') ?? '' });
  const to = h('input', { type: 'date', name: 'to', value: query.get('to') ?? '' });
  const kind = h('select', { name: 'kind' }, h('option', { value: '' }, t('all')), kinds.map((k) => h('option', { value: k, selected: query.get('kind') === k }, word('kind', k))));
  const source = sources ? h('select', { name: 'source' }, h('option', { value: '' }, t('all')), sources.map((s) => h('option', { value: s, selected: query.get('source') === s }, word('source', s)))) : null;
  const form = h('form', {
    onsubmit: async (event) => {
      event.preventDefault();
      const q = new URLSearchParams();
      for (const [k, v] of new FormData(form)) if (v) q.set(k, String(v));
      const { navigate } = await import('../app.js');
      navigate(`${location.pathname}${q.size ? `?${q}` : ''}`);
    },
  }, field(t('from'), from), field(t('to'), to), field(t('kind'), kind), source ? field(t('source'), source) : null, h('button', { type: 'submit' }, t('apply')));
  // Folded unless a filter is on: the entries, not the form, are what most readers came for.
  const active = ['from', 'to', 'kind', 'source'].some((k) => query.get(k));
  return h('details', { class: 'filters', open: active }, h('summary', {}, t('filters')), form);
}

export function csvLink(path, query) {
  const q = apiFilter(query);
  return h('p', {}, h('a', { href: `${API}${path}.csv${q.size ? `?${q}` : ''}`, download: '' }, t('downloadCsv')));
}

/** What the money was for, and for a spend the vote that allowed it (or the emergency that did). */
function detailsOf(cid, e, titles) {
  const parts = [];
  if (e.source) parts.push(h('div', {}, word('source', e.source)));
  if (e.description) parts.push(h('div', {}, e.description));
  if (e.payee) parts.push(h('div', {}, `${t('payee')}${colon()}${e.payee}`));
  if (e.purpose) parts.push(h('div', {}, `${t('purpose')}${colon()}${e.purpose}`));
  if (e.resolution) {
    parts.push(h('div', {}, `${t('authorisedBy')}${colon()}`, h('a', { href: `/c/${encodeURIComponent(cid)}/votes/${encodeURIComponent(e.resolution.id)}` }, titles.get(e.resolution.id) ?? t('seeVote')),
      e.resolution.outcome ? `${lp()}${word('outcome', e.resolution.outcome)}${rp()}` : null));
  }
  if (e.emergency) parts.push(h('div', { class: 'emergency' }, `⚠ ${t('emergency')}${colon()}${e.emergency.reason}`));
  if (e.reversedBy) parts.push(h('div', { class: 'bad' }, t('reversed')));
  if (e.reason) parts.push(h('div', {}, e.reason));
  return parts;
}

/** One card per entry rather than a table: on a phone a four-column table squeezes the date into one character per line. */
export function entriesList(cid, entries, titles = new Map()) {
  if (!entries.length) return h('p', { class: 'muted' }, t('noEntries'));
  return h('ul', { class: 'cards entries', 'aria-label': t('entries') }, entries.map((e) => h('li', { class: 'card' },
    h('p', { class: 'entry-head' },
      h('span', {}, `${date(e.occurredAt)} · ${word('kind', e.kind)}`),
      h('strong', { class: e.category === 'EXPENSE' ? 'bad' : 'ok' }, `${e.category === 'EXPENSE' ? '−' : '+'}${yuan(e.amount)}`)),
    detailsOf(cid, e, titles))));
}

export { balanceChart };
