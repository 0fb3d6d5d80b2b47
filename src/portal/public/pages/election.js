import { API, get } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { area, dateTime } from '../lib/format.js';
import { colon, comma, lp, rp, t, word } from '../lib/i18n.js';
import { electionBallotForm } from '../lib/election-ballot-form.js';
import { isOwnerOf, session } from '../lib/session.js';
import { heads, meter, participationSoFar } from '../lib/tally-chart.js';
import { badge, facts, heading, signInHref } from '../lib/ui.js';
import { votingPeriod } from '../lib/voting-period.js';

/**
 * An election of the owners' committee (rule 15): each candidate is counted as a vote of its own,
 * approving area and heads against the threshold, and the seats go to those who passed, most area first.
 */
export default async function render(view, { cid, eid }) {
  const enc = encodeURIComponent(cid);
  const [e, community] = await Promise.all([
    get(`/communities/${enc}/elections/${encodeURIComponent(eid)}`),
    get(`/communities/${enc}`),
  ]);
  view.append(
    h('p', {}, h('a', { href: `/c/${enc}` }, `← ${community.name}`)),
    heading(e.title),
    h('p', {}, badge('status', e.status)),
  );
  if (e.outcome) {
    view.append(
      h(
        'div',
        { class: `verdict verdict-${e.outcome}`, role: 'status' },
        h('strong', {}, `${t('outcome')}${colon()}${word('electionOutcome', e.outcome)}`),
        h('span', {}, word('electionWhy', e.outcome)),
      ),
    );
  }
  if (e.status === 'CLOSED')
    view.append(h('p', { class: 'no-print' }, h('a', { href: `${location.pathname}/notice` }, t('noticeLink'))));
  view.append(
    facts([
      [t('seats'), String(e.seats)],
      e.alternates ? [t('alternateSeats'), String(e.alternates)] : null,
      e.postedAt ? [t('postedAt'), dateTime(e.postedAt)] : null,
      ...votingPeriod(e),
    ]),
  );

  if (e.outcome) view.append(...result(e));
  else if (e.status === 'OPEN') view.append(participationSoFar(e, 'electionSoFar'));
  view.append(candidates(e));
  view.append(
    h(
      'p',
      {},
      h(
        'a',
        { href: `${API}/communities/${enc}/elections/${encodeURIComponent(e.id)}.csv`, download: '' },
        t('downloadCandidatesCsv'),
      ),
    ),
  );

  if (e.status !== 'OPEN') return;
  if (!session()) view.append(h('p', {}, h('a', { href: signInHref() }, t('signInToVote'))));
  else if (isOwnerOf(cid)) view.append(electionBallotForm(cid, e));
}

/** Who was elected, and the participation bars that made the election count (or not). */
function result(e) {
  const names = (list) => list.map((m) => m.name).join('、');
  const seated = [
    e.elected?.length ? [t('electedMembers'), h('strong', {}, names(e.elected))] : null,
    e.alternatesElected?.length ? [t('alternates'), names(e.alternatesElected)] : null,
    e.unfilledSeats ? [t('unfilledSeats'), String(e.unfilledSeats)] : null,
    e.tiedAtCutoff?.length
      ? [t('tiedAtCutoff'), names(e.candidates.filter((c) => e.tiedAtCutoff.includes(c.candidateId)))]
      : null,
  ];
  const p = e.participation;
  return [
    facts(seated),
    h(
      'section',
      { 'aria-labelledby': 'turnout-h' },
      h('h2', { id: 'turnout-h' }, t('participationTitle')),
      meter(t('participationTitle'), 'byArea', e.participated.areaM2, e.eligible.areaM2, area, p.required, p.areaMet),
      meter(t('participationTitle'), 'byHeads', e.participated.heads, e.eligible.heads, heads, p.required, p.headsMet),
    ),
  ];
}

/** Each candidate's approval against the threshold; before the close, only the names. */
function candidates(e) {
  const counted = e.candidates.some((c) => c.approving);
  const ordered = counted
    ? [...e.candidates].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity))
    : e.candidates;
  return h(
    'section',
    { 'aria-labelledby': 'candidates-h' },
    h('h2', { id: 'candidates-h' }, counted ? t('candidateVotes') : t('candidates')),
    h(
      'ul',
      { class: 'cards candidates' },
      ordered.map((c) =>
        h(
          'li',
          { class: 'card' },
          h(
            'h3',
            {},
            c.name,
            counted
              ? h('span', { class: `badge badge-${c.seat ?? 'NOT_ELECTED'}` }, word('seat', c.seat ?? 'NOT_ELECTED'))
              : null,
          ),
          counted && c.rank ? h('p', { class: 'muted' }, t('rank', { rank: c.rank })) : null,
          counted
            ? [
                meter(
                  t('approvalTitle'),
                  'byArea',
                  c.approving.areaM2,
                  e.participated.areaM2,
                  area,
                  c.approval.required,
                  c.approval.areaMet,
                ),
                meter(
                  t('approvalTitle'),
                  'byHeads',
                  c.approving.heads,
                  e.participated.heads,
                  heads,
                  c.approval.required,
                  c.approval.headsMet,
                ),
              ]
            : null,
        ),
      ),
    ),
    counted
      ? h('p', { class: 'muted' }, `${t('electionRule')}${lp()}${t('rule15')}${rp()}${comma()}${t('electionTieRule')}`)
      : null,
  );
}
