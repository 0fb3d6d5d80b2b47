import { API, get } from './api.js';
import { add, field, h } from './dom.js';
import { date, fromFen, toFen, wan, yuan } from './format.js';
import { colon, comma, lp, rp, t, word } from './i18n.js';
import { balanceChart, effectFen } from './balance-chart.js';
import { navigate } from './nav.js';
import { facts, heading, later, money } from './ui.js';

/** The API's largest page: a ledger of a year or two comes in one request. */
const PAGE = 500;
const DAY_START = (d) => `${d}T00:00:00+08:00`;
const nextDay = (d) => new Date(Date.parse(`${d}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);

/** The page's filters (?from=YYYY-MM-DD&to=…&kind=…&source=…) as the API's query string. */
export function apiFilter(query) {
  const out = new URLSearchParams();
  if (/^\d{4}-\d\d-\d\d$/.test(query.get('from') ?? '')) out.set('from', DAY_START(query.get('from')));
  // "to" is the last day shown, inclusive; the API's `to` is exclusive.
  if (/^\d{4}-\d\d-\d\d$/.test(query.get('to') ?? '')) out.set('to', DAY_START(nextDay(query.get('to'))));
  for (const k of ['kind', 'source', 'purpose', 'resolutionId']) if (query.get(k)) out.set(k, query.get(k));
  return out;
}

/**
 * A ledger page (public revenue or the maintenance fund): balance and totals, the balance over time,
 * the entries with filters, and the same filter as CSV. `spec` holds what differs between the funds.
 */
export async function ledgerPage(view, cid, query, spec) {
  const enc = encodeURIComponent(cid);
  const path = `/communities/${enc}/${spec.fund}`;
  const filter = apiFilter(query);
  const chosen = /^\d{1,9}$/.test(query.get('offset') ?? '') ? Number(query.get('offset')) : null;
  // The oldest page of a newest-first reading may be short (the entries before the next page's start).
  const size = /^\d{1,3}$/.test(query.get('limit') ?? '')
    ? Math.min(PAGE, Math.max(1, Number(query.get('limit'))))
    : PAGE;
  const page = new URLSearchParams(filter);
  page.set('limit', String(size));
  if (chosen) page.set('offset', String(chosen));
  const [community, first] = await Promise.all([get(`/communities/${enc}`), get(`${path}?${page}`, { auth: false })]);
  let ledger = first;
  // Newest first: the API pages oldest first, so a ledger longer than a page opens on its last page.
  if (chosen === null && first.page.total > first.entries.length) {
    page.set('offset', String(first.page.total - size));
    ledger = await get(`${path}?${page}`, { auth: false });
  }
  view.append(
    h('p', {}, h('a', { href: `/c/${enc}` }, `← ${community.name}`)),
    heading(`${spec.title} · ${community.name}`),
  );
  const flag = spec.flag?.(ledger);
  if (flag) view.append(flag);
  view.append(facts([[t('ledgerBalance'), h('strong', {}, money(ledger.balance))], ...spec.totals(ledger)]));
  // The charts need the whole history; one request serves both when the list is the whole ledger.
  // Otherwise they are drawn after the entries, so the balance and the list never wait for them.
  const whole = !filter.size && ledger.page.total <= ledger.entries.length;
  const charts = (history) => [
    h('h2', {}, t('breakdown')),
    breakdown(history),
    h('h2', {}, t('balanceOverTime')),
    balanceChart(history, spec.floor?.(ledger)) ?? h('p', { class: 'muted' }, t('noEntries')),
  ];
  view.append(whole ? h('div', {}, charts(ledger.entries)) : later(async () => charts(await allEntries(path))));
  const under = query.get('resolutionId') ? ledger.entries.find((e) => e.resolution)?.resolution : null;
  add(
    view,
    h('h2', {}, t('entries')),
    under
      ? h(
          'p',
          {},
          t('onlyUnderVote'),
          h('a', { href: `/c/${enc}/votes/${encodeURIComponent(under.id)}` }, under.title ?? t('seeVote')),
          ' ',
          h('a', { href: location.pathname }, t('showAll')),
        )
      : null,
    filterForm(query, spec.kinds, spec.sources),
    csvLink(path, filter),
    // Newest first: a resident asks what happened lately (the API pages oldest first; each page is turned round).
    entriesList(cid, [...ledger.entries].reverse()),
    pager(query, ledger.page, ledger.entries.length),
  );
}

async function allEntries(path) {
  const entries = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await get(`${path}?limit=${PAGE}&offset=${offset}`, { auth: false });
    entries.push(...page.entries);
    if (page.entries.length < PAGE) return entries;
  }
}

/**
 * Newer and older pages of a long ledger, as links (each page is an address a resident can share),
 * numbered from the newest entry as the list is read.
 */
function pager(query, { total, limit, offset }, shown) {
  if (total <= limit && offset === 0) return null;
  const at = (o, l) => {
    const q = new URLSearchParams(query);
    q.set('offset', String(o));
    if (l < PAGE) q.set('limit', String(l));
    else q.delete('limit');
    return `${location.pathname}?${q}`;
  };
  return h(
    'p',
    { class: 'links' },
    h('span', {}, t('pageOf', { first: total - offset - shown + 1, last: total - offset, total })),
    offset + shown < total
      ? h('a', { href: at(Math.max(0, Math.min(offset + shown, total - PAGE)), PAGE) }, t('newerEntries'))
      : null,
    offset > 0 ? h('a', { href: at(Math.max(0, offset - PAGE), Math.min(PAGE, offset)) }, t('olderEntries')) : null,
  );
}

function filterForm(query, kinds, sources) {
  const from = h('input', { type: 'date', name: 'from', value: query.get('from') ?? '' });
  const to = h('input', { type: 'date', name: 'to', value: query.get('to') ?? '' });
  const kind = h(
    'select',
    { name: 'kind' },
    h('option', { value: '' }, t('all')),
    kinds.map((k) => h('option', { value: k, selected: query.get('kind') === k }, word('kind', k))),
  );
  const purpose = h('input', { type: 'search', name: 'purpose', value: query.get('purpose') ?? '', maxlength: '100' });
  const source = sources
    ? h(
        'select',
        { name: 'source' },
        h('option', { value: '' }, t('all')),
        sources.map((s) => h('option', { value: s, selected: query.get('source') === s }, word('source', s))),
      )
    : null;
  const form = h(
    'form',
    {
      onsubmit: (event) => {
        event.preventDefault();
        const q = new URLSearchParams();
        for (const [k, v] of new FormData(form)) if (v) q.set(k, String(v));
        navigate(`${location.pathname}${q.size ? `?${q}` : ''}`);
      },
    },
    field(t('from'), from),
    field(t('to'), to),
    field(t('kind'), kind),
    source ? field(t('source'), source) : null,
    field(t('purposeContains'), purpose),
    query.get('resolutionId')
      ? h('input', { type: 'hidden', name: 'resolutionId', value: query.get('resolutionId') })
      : null,
    h('button', { type: 'submit' }, t('apply')),
  );
  // Folded unless a filter is on: the entries, not the form, are what most readers came for.
  const active = ['from', 'to', 'kind', 'source', 'purpose'].some((k) => query.get(k));
  return h('details', { class: 'filters', open: active }, h('summary', {}, t('filters')), form);
}

function csvLink(path, filter) {
  return h(
    'p',
    {},
    h('a', { href: `${API}${path}.csv${filter.size ? `?${filter}` : ''}`, download: '' }, t('downloadCsv')),
  );
}

/** What the money was for, and for a spend the vote that allowed it (or the emergency that did). */
function detailsOf(cid, e) {
  const parts = [];
  if (e.emergency) parts.push(h('div', { class: 'emergency' }, `⚠ ${t('emergency')}${colon()}${e.emergency.reason}`));
  if (e.source) parts.push(h('div', {}, word('source', e.source)));
  if (e.description) parts.push(h('div', {}, e.description));
  if (e.payee) parts.push(h('div', {}, `${t('payee')}${colon()}${e.payee}`));
  if (e.purpose) parts.push(h('div', {}, `${t('purpose')}${colon()}${e.purpose}`));
  if (e.resolution) {
    parts.push(
      h(
        'div',
        {},
        `${t('authorisedBy')}${colon()}`,
        h(
          'a',
          { href: `/c/${encodeURIComponent(cid)}/votes/${encodeURIComponent(e.resolution.id)}` },
          e.resolution.title ?? t('seeVote'),
        ),
        e.resolution.outcome ? `${lp()}${word('outcome', e.resolution.outcome)}${rp()}` : null,
      ),
    );
  }
  const bearers = [
    ...(e.bearers?.buildings ?? []).map((b) => t('buildingNo', { building: b })),
    ...(e.bearers?.units ?? []),
  ];
  if (bearers.length) parts.push(h('div', {}, `${t('borneBy')}${colon()}${bearers.join(comma())}`));
  if (e.reversedBy) parts.push(h('div', { class: 'bad' }, t('reversed')));
  if (e.reason) parts.push(h('div', {}, e.reason));
  return parts;
}

/** One card per entry rather than a table: on a phone a four-column table squeezes the date into one character per line. */
export function entriesList(cid, entries) {
  if (!entries.length) return h('p', { class: 'muted' }, t('noEntries'));
  return h(
    'ul',
    { class: 'cards entries', 'aria-label': t('entries') },
    entries.map((e) => {
      const out = effectFen(e) < 0n;
      return h(
        'li',
        { class: e.emergency ? 'card emergency-entry' : 'card' },
        h(
          'p',
          { class: 'entry-head' },
          h('span', {}, `${date(e.occurredAt)} · ${word('kind', e.kind)}`),
          h('strong', { class: out ? 'bad' : 'ok' }, `${out ? '−' : '+'}${yuan(e.amount)}`),
        ),
        detailsOf(cid, e),
      );
    }),
  );
}

/** Where the money came from (by source) and what it went to (by purpose), largest first, as bars. */
export function breakdown(entries) {
  // A reversed entry and its reversal cancel out: neither is money that came or went.
  const live = entries.filter((e) => !e.reversedBy && e.kind !== 'REVERSAL');
  const sum = (pick) => {
    const totals = new Map();
    for (const e of live) {
      const key = pick(e);
      if (key) totals.set(key, (totals.get(key) ?? 0n) + toFen(e.amount));
    }
    return [...totals].sort(([, a], [, b]) => (b > a ? 1 : b < a ? -1 : 0));
  };
  const incoming = sum((e) =>
    effectFen(e) > 0n ? (e.source ? word('source', e.source) : word('kind', e.kind)) : null,
  );
  const outgoing = sum((e) => (effectFen(e) < 0n ? e.purpose || word('kind', e.kind) : null));
  const bars = (label, rows) => {
    if (!rows.length) return null;
    const top = rows[0][1];
    return h(
      'figure',
      { class: 'breakdown' },
      h('figcaption', {}, label),
      h(
        'ul',
        {},
        rows.map(([name, fen]) =>
          h(
            'li',
            {},
            h('span', { class: 'name' }, name),
            h(
              'span',
              { class: 'bar', 'aria-hidden': 'true' },
              h('span', { style: { width: `${top > 0n ? Number((fen * 10000n) / top) / 100 : 0}%` } }),
            ),
            h('span', { class: 'sum', title: yuan(fromFen(fen)) }, wan(fromFen(fen))),
          ),
        ),
      ),
    );
  };
  return h(
    'div',
    { class: 'breakdowns' },
    bars(t('bySource'), incoming),
    bars(t('byPurpose'), outgoing),
    incoming.length || outgoing.length ? null : h('p', { class: 'muted' }, t('noEntries')),
  );
}
