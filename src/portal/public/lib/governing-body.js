import { API } from './api.js';
import { h, notice } from './dom.js';
import { date } from './format.js';
import { colon, comma, lp, rp, t, word } from './i18n.js';
import { facts } from './ui.js';

/**
 * The body in office as GET …/committee tells it (DOMAIN.md rules 14–17, 24): its kind, members and
 * alternates, term, filing with the street office, duties overdue, and how it came to be.
 */
export function governingBody(cid, c, elections = []) {
  const enc = encodeURIComponent(cid);
  const box = h('section', { 'aria-labelledby': 'body-h' }, h('h2', { id: 'body-h' }, t('managingBody')));
  if (c.kind === 'NONE') box.append(h('p', {}, t('noBody')));
  else {
    box.append(
      h('p', { class: 'body-kind' }, h('strong', {}, word('body', c.kind))),
      facts([
        c.term ? [t('term'), `${date(c.term.from)} – ${c.term.until ? date(c.term.until) : t('untilReplaced')}`] : null,
        [t('filing'), filingWords(c.filing)],
        c.pmc?.dissolveBy && !c.pmc.dissolved ? [t('pmcDissolveBy'), date(c.pmc.dissolveBy)] : null,
      ]),
    );
  }
  for (const duty of c.overdue ?? []) box.append(notice('warn', word('duty', duty)));
  if (c.members.length) {
    box.append(
      h('h3', {}, t('members')),
      h(
        'ul',
        { class: 'members' },
        c.members.map((m) =>
          h('li', {}, m.name, m.role && m.role !== 'OTHER' ? `${lp()}${word('role', m.role)}${rp()}` : ''),
        ),
      ),
    );
  }
  if (c.alternates?.length)
    box.append(
      h('h3', {}, t('alternates')),
      h(
        'ul',
        {},
        c.alternates.map((m) => h('li', {}, m.name)),
      ),
    );
  if (c.history?.length) {
    const titles = new Map(elections.map((e) => [e.id, e.title]));
    box.append(
      h('h3', {}, t('bodyHistory')),
      h(
        'ol',
        { class: 'history' },
        c.history.map((event) =>
          h('li', {}, h('span', { class: 'muted' }, `${date(event.at)}${colon()}`), historyWords(enc, event, titles)),
        ),
      ),
    );
  }
  box.append(
    h('p', {}, h('a', { href: `${API}/communities/${enc}/committee.csv`, download: '' }, t('downloadMembersCsv'))),
  );
  return box;
}

function filingWords(filing) {
  const parts = [word('filing', filing.status)];
  if (filing.status === 'PENDING' && filing.dueBy)
    parts.push(`${lp()}${t('filingDueBy', { date: date(filing.dueBy) })}${rp()}`);
  if (filing.decidedAt)
    parts.push(`${lp()}${date(filing.decidedAt)}${filing.late ? `${comma()}${t('late_filing')}` : ''}${rp()}`);
  if (filing.reason) parts.push(`${colon()}${filing.reason}`);
  return parts.join('');
}

/** One step of the body's history in a sentence; an election links to its page. */
function historyWords(enc, { type, detail: d }, titles) {
  const election = d.electionId
    ? h(
        'a',
        { href: `/c/${enc}/elections/${encodeURIComponent(d.electionId)}` },
        titles.get(d.electionId) ?? t('seeElection'),
      )
    : null;
  switch (type) {
    case 'ManagingBodyAppointed':
      return t('history_appointed', { kind: word('body', d.kind), members: d.members });
    case 'ElectionHeld':
      return [
        election,
        colon(),
        word('electionOutcome', d.outcome),
        d.outcome === 'ELECTED' ? `${comma()}${t('history_elected', { elected: d.elected })}` : '',
      ];
    case 'CommitteeFiled':
      return [
        t('history_filed', { members: d.members }),
        d.late ? `${lp()}${t('late_filing')}${rp()}` : '',
        ' ',
        election,
      ];
    case 'CommitteeFilingRefused':
      return [t('history_refused', { reason: d.reason }), ' ', election];
    case 'CommitteeMemberResigned':
      return d.steppedUp
        ? t('history_resignedSteppedUp', { ownerId: d.ownerId, steppedUp: d.steppedUp })
        : t('history_resigned', { ownerId: d.ownerId });
    case 'PmcDissolved':
      return [t('history_pmcDissolved'), d.late ? `${lp()}${t('late_filing')}${rp()}` : ''];
    default:
      return type;
  }
}
