import { API, fetchFile, get } from '../lib/api.js';
import { h, saveFile } from '../lib/dom.js';
import { dateTime, fromFen, toFen, wan } from '../lib/format.js';
import { colon, lp, rp, t, word } from '../lib/i18n.js';
import { ballotForm } from '../lib/ballot-form.js';
import { unitList } from '../lib/unit-list.js';
import { isOwnerOf, session } from '../lib/session.js';
import { budgetBar, participationSoFar, tallyChart, whyInOneSentence } from '../lib/tally-chart.js';
import { badge, errorNotice, facts, heading, later, money, rulebookName, signInHref, techDetails } from '../lib/ui.js';
import { votingPeriod } from '../lib/voting-period.js';

export default async function render(view, { cid, rid }) {
  const path = `/communities/${encodeURIComponent(cid)}/resolutions/${encodeURIComponent(rid)}`;
  const [r, community] = await Promise.all([get(path), get(`/communities/${encodeURIComponent(cid)}`)]);
  view.append(
    h('p', { class: 'back' }, h('a', { href: `/c/${encodeURIComponent(cid)}` }, `← ${community.name}`)),
    heading(r.title),
    h('p', {}, badge('status', r.status)),
  );
  // The answer first: the outcome and its reason in one sentence, before any picture.
  if (r.outcome) {
    view.append(
      h(
        'div',
        { class: `verdict verdict-${r.outcome}`, role: 'status' },
        h('strong', {}, `${t('outcome')}${colon()}${word('outcome', r.outcome)}`),
        h('span', {}, r.tally ? whyInOneSentence(r.tally) : word('why', r.outcome)),
      ),
    );
  }
  if (r.status === 'CLOSED')
    view.append(h('p', { class: 'no-print' }, h('a', { href: `${location.pathname}/notice` }, t('noticeLink'))));
  // An owner came to vote: the form comes before the explanation.
  const owner = session() && isOwnerOf(cid);
  if (r.status === 'OPEN' && owner) view.append(later(() => ballotForm(cid, r)));
  else if (r.status === 'OPEN' && !session())
    view.append(h('p', {}, h('a', { href: signInHref() }, t('signInToVote'))));
  view.append(
    h('h2', {}, t('question')),
    h('p', {}, r.description || r.title),
    facts([
      [t('matter'), word('matter', r.matter)],
      r.budget
        ? [t('budget'), [money(r.budget.amount), `${lp()}${t('fund')}${colon()}${word('fund', r.budget.fund)}${rp()}`]]
        : null,
      // Rule 25: whose vote it is — the owners of the units that bear the cost, or the whole community.
      r.rosterScope === 'BEARERS'
        ? [
            t('decidedBy'),
            t('decidedByBearers', {
              bearers: [...r.bearers.buildings.map((b) => t('buildingN', { b })), ...r.bearers.units].join('、'),
            }),
          ]
        : null,
      r.postedAt ? [t('postedAt'), dateTime(r.postedAt)] : null,
      ...votingPeriod(r),
      r.resultsLate ? [t('resultsLate'), t('yes')] : null,
      [t('rulebook'), rulebookName(r.rulebook)],
    ]),
    techDetails([
      [t('rulebookVersion'), `${r.rulebook} ${r.rulebookVersion ?? ''}`.trim()],
      ['ID', r.id],
    ]),
  );

  if (r.tally) view.append(tallyChart(r.tally));
  else if (r.status === 'OPEN') view.append(participationSoFar(r));
  // The ledger's panel needs two more modules and a request: drawn after the answer is on screen.
  if (r.budget && r.outcome === 'PASSED') view.append(later(() => spending(cid, r)));
  view.append(
    h(
      'p',
      {},
      h(
        'a',
        { href: `${API}/communities/${encodeURIComponent(cid)}/resolutions.csv`, download: '' },
        t('downloadVotesCsv'),
      ),
    ),
  );
  if (owner && (r.status === 'OPEN' || r.status === 'CLOSED')) view.append(later(() => participationList(path)));
}

/** Which units took part, never how (rule 24); owners of the community only, so the CSV comes with the token. */
async function participationList(path) {
  const box = h(
    'section',
    { 'aria-labelledby': 'who-h' },
    h('h2', { id: 'who-h' }, t('participationList')),
    h('p', { class: 'muted' }, t('participationNote')),
  );
  try {
    const { resolutionId, units } = await get(`${path}/participation`);
    const download = async (event) => {
      event.target.disabled = true;
      try {
        saveFile(`participation-${resolutionId}.csv`, await fetchFile(`${path}/participation.csv`));
      } catch (e) {
        box.append(errorNotice(e));
      } finally {
        event.target.disabled = false;
      }
    };
    box.append(
      units.length
        ? unitList(units, [{ label: t('channel'), cell: (u) => word('channel', u.channel) }])
        : h('p', {}, t('noVotes')),
      h('button', { type: 'button', class: 'secondary', onclick: download }, t('downloadParticipationCsv')),
    );
  } catch (e) {
    box.append(errorNotice(e));
  }
  return box;
}

/** Rule 19: what has been paid under the vote's budget so far, each payment, and what is left. */
async function spending(cid, r) {
  const [{ entriesList }, { effectFen }] = await Promise.all([
    import('../lib/ledger-view.js'),
    import('../lib/balance-chart.js'),
  ]);
  const fund = r.budget.fund === 'PUBLIC_REVENUE' ? 'public-revenue' : 'maintenance-fund';
  const path = `/communities/${encodeURIComponent(cid)}/${fund}?resolutionId=${encodeURIComponent(r.id)}`;
  const { entries } = await get(`${path}&limit=500`, { auth: false });
  const spent = -entries.reduce((sum, e) => sum + effectFen(e), 0n);
  return h(
    'section',
    { 'aria-labelledby': 'spent-h' },
    h('h2', { id: 'spent-h' }, t('spentUnderVote')),
    budgetBar(spent, toFen(r.budget.amount)),
    h(
      'p',
      {},
      t('spentOfBudget', {
        spent: wan(fromFen(spent)),
        budget: wan(r.budget.amount),
        left: wan(fromFen(toFen(r.budget.amount) - spent)),
      }),
    ),
    entriesList(cid, entries),
    h(
      'p',
      {},
      h(
        'a',
        { href: `/c/${encodeURIComponent(cid)}/${fund}?resolutionId=${encodeURIComponent(r.id)}` },
        t('seeInLedger'),
      ),
    ),
  );
}
