import { get } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { area, dateTime } from '../lib/format.js';
import { colon, t, word } from '../lib/i18n.js';
import { isCommitteeOf, isOwnerOf } from '../lib/session.js';
import { badge, facts, heading } from '../lib/ui.js';
import { governingBody } from '../lib/governing-body.js';

export default async function render(view, { cid }) {
  const [community, resolutions] = await Promise.all([get(`/communities/${encodeURIComponent(cid)}`), get(`/communities/${encodeURIComponent(cid)}/resolutions`)]);
  const base = `/c/${encodeURIComponent(cid)}`;
  view.append(
    heading(community.name),
    h('p', { class: 'muted' }, [community.district, community.street].filter(Boolean).join(' · ')),
    facts([[t('units'), String(community.units)], [t('heads'), String(community.heads)], [t('area'), area(community.areaM2)]]),
  );

  view.append(await governingBody(cid, community));

  const mine = [
    isOwnerOf(cid) ? h('li', {}, h('a', { href: '/me' }, t('myVotesHere'))) : null,
    isCommitteeOf(cid) ? h('li', {}, h('a', { href: `${base}/committee` }, t('committeeDesk'))) : null,
  ].filter(Boolean);
  if (mine.length) view.append(h('ul', { class: 'links' }, mine));

  const by = (status) => resolutions.filter((r) => r.status === status);
  section(view, t('openVotes'), by('OPEN'), base, (r) => `${t('closesAt')}${colon()}${dateTime(r.closesAt)}`);
  section(view, t('upcomingVotes'), by('POSTED'), base, (r) => `${t('opensAt')}${colon()}${dateTime(r.opensAt)}`);
  section(view, t('pastVotes'), by('CLOSED'), base, (r) => `${t('closedAt')}${colon()}${dateTime(r.closedAt)}`);
  if (isCommitteeOf(cid)) section(view, t('draftVotes'), by('DRAFT'), base, (r) => `${t('opensAt')}${colon()}${dateTime(r.opensAt)}`);

  view.append(h('h2', {}, t('money')), h('ul', { class: 'links' },
    h('li', {}, h('a', { href: `${base}/public-revenue` }, t('publicRevenue'))),
    h('li', {}, h('a', { href: `${base}/maintenance-fund` }, t('maintenanceFund'))),
    h('li', {}, h('a', { href: `${base}/statements` }, t('statements')))));
}

function section(view, title, list, base, when) {
  view.append(h('h2', {}, title));
  if (!list.length) return view.append(h('p', { class: 'muted' }, t('noVotes')));
  view.append(h('ul', { class: 'cards' }, list.map((r) => h('li', { class: 'card' },
    h('a', { class: 'title', href: `${base}/votes/${encodeURIComponent(r.id)}` }, r.title),
    h('p', {}, word('matter', r.matter)),
    h('p', { class: 'muted' }, when(r), ' ', r.outcome ? badge('outcome', r.outcome) : badge('status', r.status))))));
}
