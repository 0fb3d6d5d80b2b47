import { get, getOptional } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { yuan } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { voteTitles, allEntries, apiFilter, balanceChart, csvLink, entriesList, filterForm } from '../lib/ledger-view.js';
import { facts, heading, unavailable } from '../lib/ui.js';

export default async function render(view, { cid }, query) {
  const path = `/communities/${encodeURIComponent(cid)}/public-revenue`;
  const community = await get(`/communities/${encodeURIComponent(cid)}`);
  view.append(h('p', {}, h('a', { href: `/c/${encodeURIComponent(cid)}` }, `← ${community.name}`)), heading(`${t('publicRevenue')} · ${community.name}`));
  const filter = apiFilter(query);
  const filtered = await getOptional(`${path}?${filter}&limit=500`, { auth: false });
  if (!filtered) return view.append(unavailable());
  view.append(facts([[t('ledgerBalance'), h('strong', {}, yuan(filtered.balance))], [t('income'), yuan(filtered.totalIncome)], [t('expense'), yuan(filtered.totalExpenses)]]));
  const history = filter.size || filtered.page.total > filtered.entries.length ? await allEntries(path) : { entries: filtered.entries };
  view.append(h('h2', {}, t('balanceOverTime')), balanceChart(history.entries) ?? h('p', { class: 'muted' }, t('noEntries')));
  view.append(h('h2', {}, t('entries')), filterForm(path, query, ['INCOME', 'EXPENSE'], ['PARKING', 'ADVERTISING', 'VENUE_RENTAL', 'OTHER']), csvLink(path, query), entriesList(cid, filtered.entries, await voteTitles(cid)));
}
