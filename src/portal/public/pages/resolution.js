import { get } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { dateTime, yuan } from '../lib/format.js';
import { colon, lp, rp, t, word } from '../lib/i18n.js';
import { ballotForm } from '../lib/ballot-form.js';
import { isOwnerOf, session } from '../lib/session.js';
import { participationSoFar, tallyChart } from '../lib/tally-chart.js';
import { badge, errorNotice, facts, heading, table } from '../lib/ui.js';

export default async function render(view, { cid, rid }) {
  const path = `/communities/${encodeURIComponent(cid)}/resolutions/${encodeURIComponent(rid)}`;
  const [r, community] = await Promise.all([get(path), get(`/communities/${encodeURIComponent(cid)}`)]);
  view.append(
    h('p', {}, h('a', { href: `/c/${encodeURIComponent(cid)}` }, `← ${community.name}`)),
    heading(r.title),
    h('p', {}, badge('status', r.status)),
  );
  if (r.outcome) {
    view.append(h('div', { class: `verdict verdict-${r.outcome}`, role: 'status' },
      h('strong', {}, `${t('outcome')}${colon()}${word('outcome', r.outcome)}`), h('span', {}, word('why', r.outcome))));
  }
  view.append(
    h('h2', {}, t('question')),
    h('p', {}, r.description || r.title),
    facts([
      [t('matter'), word('matter', r.matter)],
      r.budget ? [t('budget'), `${yuan(r.budget.amount)}${lp()}${t('fund')}${colon()}${word('fund', r.budget.fund)}${rp()}`] : null,
      r.postedAt ? [t('postedAt'), dateTime(r.postedAt)] : null,
      [t('opensAt'), dateTime(r.opensAt)],
      [t('closesAt'), dateTime(r.closesAt)],
      r.closedAt ? [t('closedAt'), dateTime(r.closedAt)] : null,
      r.resultsLate ? [t('resultsLate'), t('yes')] : null,
    ]),
  );

  if (r.tally) view.append(tallyChart(r.tally));
  else if (r.status === 'OPEN') view.append(participationSoFar(r));

  if (!session()) {
    if (r.status === 'OPEN') view.append(h('p', {}, h('a', { href: '/sign-in' }, t('signInToVote'))));
    return;
  }
  if (!isOwnerOf(cid)) return;
  if (r.status === 'OPEN') view.append(await ballotForm(cid, r));
  if (r.status === 'OPEN' || r.status === 'CLOSED') view.append(await participationList(path));
}

async function participationList(path) {
  const box = h('section', { 'aria-labelledby': 'who-h' }, h('h2', { id: 'who-h' }, t('participationList')), h('p', { class: 'muted' }, t('participationNote')));
  try {
    const { units } = await get(`${path}/participation`);
    box.append(units.length
      ? table(null, [{ label: t('unit'), cell: (u) => u.unitId }, { label: t('channel'), cell: (u) => word('channel', u.channel) }], units)
      : h('p', {}, t('noVotes')));
  } catch (e) {
    box.append(errorNotice(e));
  }
  return box;
}
