import { get, getOptional } from '../lib/api.js';
import { h, notice } from '../lib/dom.js';
import { yuan } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { voteTitles, allEntries, apiFilter, balanceChart, csvLink, entriesList, filterForm } from '../lib/ledger-view.js';
import { facts, heading, unavailable } from '../lib/ui.js';

export default async function render(view, { cid }, query) {
  const path = `/communities/${encodeURIComponent(cid)}/maintenance-fund`;
  const community = await get(`/communities/${encodeURIComponent(cid)}`);
  view.append(h('p', {}, h('a', { href: `/c/${encodeURIComponent(cid)}` }, `← ${community.name}`)), heading(`${t('maintenanceFund')} · ${community.name}`));
  const filter = apiFilter(query);
  const filtered = await getOptional(`${path}?${filter}&limit=500`, { auth: false });
  if (!filtered) return view.append(unavailable());
  if (filtered.belowThreshold) view.append(notice('warn', t('lowFund')));
  view.append(facts([
    [t('ledgerBalance'), h('strong', {}, yuan(filtered.balance))],
    [t('income'), yuan(filtered.initialTotal)],
    [t('expense'), yuan(filtered.totalWithdrawn)],
    filtered.emergencyWithdrawn && filtered.emergencyWithdrawn !== '0.00' ? [t('emergency'), h('span', { class: 'emergency' }, yuan(filtered.emergencyWithdrawn))] : null,
  ]));
  const history = filter.size || filtered.page.total > filtered.entries.length ? await allEntries(path) : { entries: filtered.entries };
  view.append(h('h2', {}, t('balanceOverTime')), balanceChart(history.entries) ?? h('p', { class: 'muted' }, t('noEntries')));
  view.append(h('h2', {}, t('entries')), filterForm(path, query, ['DEPOSIT', 'WITHDRAWAL', 'REVERSAL'], null), csvLink(path, query), entriesList(cid, filtered.entries, await voteTitles(cid)));
}
