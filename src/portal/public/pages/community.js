import { API, get } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { area, dateTime } from '../lib/format.js';
import { colon, t, word } from '../lib/i18n.js';
import { isCommitteeOf, isOwnerOf } from '../lib/session.js';
import { badge, facts, heading, money } from '../lib/ui.js';
import { governingBody } from '../lib/governing-body.js';

export default async function render(view, { cid }) {
  const enc = encodeURIComponent(cid);
  const [community, committee, resolutions, elections, revenue, fund] = await Promise.all([
    ...['', '/committee', '/resolutions', '/elections'].map((path) => get(`/communities/${enc}${path}`)),
    // The totals alone (one entry's page): the money at a glance, at the top.
    ...['/public-revenue', '/maintenance-fund'].map((path) =>
      get(`/communities/${enc}${path}?limit=1`, { auth: false }).catch(() => null),
    ),
  ]);
  const base = `/c/${enc}`;
  view.append(
    heading(community.name),
    h('p', { class: 'muted' }, [community.district, community.street].filter(Boolean).join(' · ')),
    facts([
      [t('units'), String(community.units)],
      [t('heads'), String(community.heads)],
      [t('area'), area(community.areaM2)],
    ]),
    moneyAtAGlance(enc, revenue, fund),
  );

  const mine = [
    isOwnerOf(cid) ? h('li', {}, h('a', { href: '/me' }, t('myVotesHere'))) : null,
    isOwnerOf(cid) ? h('li', {}, h('a', { href: `${base}/my-fund` }, t('myFundTitle'))) : null,
    isCommitteeOf(cid) ? h('li', {}, h('a', { href: `${base}/committee` }, t('committeeDesk'))) : null,
  ].filter(Boolean);
  if (mine.length) view.append(h('ul', { class: 'links' }, mine));

  view.append(governingBody(cid, committee, elections));

  const by = (list, status) => list.filter((r) => r.status === status);
  const votes = (r) => `${base}/votes/${encodeURIComponent(r.id)}`;
  section(
    view,
    t('openVotes'),
    by(resolutions, 'OPEN'),
    votes,
    (r) => `${t('closesAt')}${colon()}${dateTime(r.closesAt)}`,
  );
  section(
    view,
    t('upcomingVotes'),
    by(resolutions, 'POSTED'),
    votes,
    (r) => `${t('opensAt')}${colon()}${dateTime(r.opensAt)}`,
  );
  section(
    view,
    t('pastVotes'),
    by(resolutions, 'CLOSED'),
    votes,
    (r) => `${t('closedAt')}${colon()}${dateTime(r.closedAt)}`,
  );
  if (isCommitteeOf(cid))
    section(
      view,
      t('draftVotes'),
      by(resolutions, 'DRAFT'),
      votes,
      (r) => `${t('opensAt')}${colon()}${dateTime(r.opensAt)}`,
    );
  view.append(csv(`${API}/communities/${enc}/resolutions.csv`, t('downloadVotesCsv')));

  // Elections are votes too, counted per candidate; the committee sees its drafts here as well.
  const shown = elections.filter((e) => e.status !== 'DRAFT' || isCommitteeOf(cid));
  section(
    view,
    t('elections'),
    shown,
    (e) => `${base}/elections/${encodeURIComponent(e.id)}`,
    (e) =>
      e.closedAt
        ? `${t('closedAt')}${colon()}${dateTime(e.closedAt)}`
        : `${t('opensAt')}${colon()}${dateTime(e.opensAt)} – ${dateTime(e.closesAt)}`,
    (e) => (e.outcome ? badge('electionOutcome', e.outcome) : badge('status', e.status)),
    (e) =>
      e.elected?.length
        ? t('electedNames', { names: e.elected.map((m) => m.name).join('、') })
        : t('seatsCount', { seats: e.seats }),
  );
  view.append(csv(`${API}/communities/${enc}/elections.csv`, t('downloadElectionsCsv')));

  view.append(
    h('h2', { id: 'money-h' }, t('money')),
    h(
      'ul',
      { class: 'links' },
      h('li', {}, h('a', { href: `${base}/public-revenue` }, t('publicRevenue'))),
      h('li', {}, h('a', { href: `${base}/maintenance-fund` }, t('maintenanceFund'))),
      h('li', {}, h('a', { href: `${base}/statements` }, t('statements'))),
    ),
    h('h2', { id: 'requests-h' }, t('requestsAndServices')),
    h('ul', { class: 'links' }, h('li', {}, h('a', { href: `${base}/requests` }, t('requestsLink')))),
  );
}

/** Public revenue and the maintenance fund's balance, each with the way to its entries. */
function moneyAtAGlance(enc, revenue, fund) {
  const line = (label, ledger, href, flag) =>
    ledger
      ? h(
          'li',
          { class: 'card' },
          h('p', { class: 'entry-head' }, h('span', {}, label), h('strong', {}, money(ledger.balance))),
          flag,
          h('a', { href }, t('seeLedger')),
        )
      : null;
  return h(
    'section',
    { class: 'glance', 'aria-labelledby': 'glance-h' },
    h('h2', { id: 'glance-h' }, t('moneyAtAGlance')),
    h(
      'ul',
      { class: 'cards two' },
      line(t('publicRevenue'), revenue, `/c/${enc}/public-revenue`),
      line(
        t('maintenanceFund'),
        fund,
        `/c/${enc}/maintenance-fund`,
        fund?.belowThreshold ? h('p', { class: 'bad' }, t('lowFund')) : null,
      ),
      h('li', { class: 'card' }, h('a', { href: `/c/${enc}/statements` }, t('statements'))),
    ),
  );
}

const csv = (href, label) => h('p', {}, h('a', { href, download: '' }, label));

function section(
  view,
  title,
  list,
  link,
  when,
  state = (r) => (r.outcome ? badge('outcome', r.outcome) : badge('status', r.status)),
  about = (r) => word('matter', r.matter),
) {
  view.append(h('h2', {}, title));
  if (!list.length) return view.append(h('p', { class: 'muted' }, t('noVotes')));
  view.append(
    h(
      'ul',
      { class: 'cards' },
      list.map((r) =>
        h(
          'li',
          { class: 'card' },
          h('a', { class: 'title', href: link(r) }, r.title),
          h('p', {}, about(r)),
          h('p', { class: 'muted' }, when(r), ' ', state(r)),
        ),
      ),
    ),
  );
}
