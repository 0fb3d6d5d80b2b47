import { get } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { dateTime } from '../lib/format.js';
import { colon, t, word } from '../lib/i18n.js';
import { ballotWords } from '../lib/ballot-form.js';
import { eventLeafHash } from '../lib/ledger-verify.js';
import { receiptCard } from '../lib/receipt-card.js';
import { grants, keptReceipts, session } from '../lib/session.js';
import { isRegulator } from '../lib/regulator.js';
import { errorNotice, facts, heading, signInHref } from '../lib/ui.js';

export default async function render(view) {
  view.append(heading(t('mineTitle')));
  const s = session();
  if (!s) return view.append(h('p', {}, h('a', { href: signInHref() }, t('signInToVote'))));
  view.append(h('p', { class: 'muted' }, t('signedInAs', { login: s.login })));
  const communityIds = [...new Set(grants('owner').map((g) => g.communityId))];
  const committeeOf = [...new Set(grants('committee').map((g) => g.communityId))];
  for (const cid of committeeOf)
    view.append(h('p', {}, h('a', { href: `/c/${encodeURIComponent(cid)}/committee` }, t('committeeDesk'))));
  // The street office owns nothing here: its work is at its own desk, not under "my votes".
  if (isRegulator()) view.append(h('p', {}, h('a', { href: '/regulator' }, t('regulatorDesk'))));
  else if (!communityIds.length && !committeeOf.length) view.append(h('p', {}, t('mineNone')));
  for (const cid of communityIds) view.append(await communityPart(cid));

  const receipts = keptReceipts();
  if (receipts.length) {
    view.append(h('h2', {}, t('keptReceipts')));
    for (const doc of receipts.slice().reverse().slice(0, 5))
      view.append(
        h('p', {}, h('strong', {}, doc.title), ' ', h('span', { class: 'muted' }, dateTime(doc.castAt))),
        receiptCard(doc),
      );
  }
}

async function communityPart(cid) {
  const box = h('section');
  try {
    const enc = encodeURIComponent(cid);
    const [community, resolutions, elections, ballots, electionBallots] = await Promise.all(
      ['', '/resolutions', '/elections', '/my-ballots', '/my-election-ballots'].map((path) =>
        get(`/communities/${enc}${path}`),
      ),
    );
    box.append(
      h('h2', {}, h('a', { href: `/c/${enc}` }, community.name)),
      h('p', {}, h('a', { href: `/c/${enc}/my-fund` }, t('myFundTitle'))),
    );
    const byId = new Map(resolutions.map((r) => [r.id, r]));
    const open = resolutions.filter((r) => r.status === 'OPEN');
    box.append(h('h3', {}, t('openVotes')));
    box.append(
      open.length
        ? h(
            'ul',
            { class: 'cards' },
            open.map((r) => {
              const mine = ballots.filter((b) => b.resolutionId === r.id && !b.late).at(-1);
              return h(
                'li',
                { class: 'card' },
                h('a', { class: 'title', href: `/c/${enc}/votes/${encodeURIComponent(r.id)}` }, r.title),
                h('p', { class: 'muted' }, `${t('closesAt')}${colon()}${dateTime(r.closesAt)}`),
                h(
                  'p',
                  {},
                  mine
                    ? t('alreadyVoted', { choice: ballotWords(r, mine), time: dateTime(mine.castAt) })
                    : h('a', { class: 'button', href: `/c/${enc}/votes/${encodeURIComponent(r.id)}` }, t('goVote')),
                ),
              );
            }),
          )
        : h('p', { class: 'muted' }, t('noVotes')),
    );
    const openElections = elections.filter((e) => e.status === 'OPEN');
    if (openElections.length) {
      box.append(
        h('h3', {}, t('openElections')),
        h(
          'ul',
          { class: 'cards' },
          openElections.map((e) =>
            h(
              'li',
              { class: 'card' },
              h('a', { class: 'title', href: `/c/${enc}/elections/${encodeURIComponent(e.id)}` }, e.title),
              h('p', { class: 'muted' }, `${t('closesAt')}${colon()}${dateTime(e.closesAt)}`),
            ),
          ),
        ),
      );
    }
    box.append(h('h3', {}, t('myBallots')), h('p', { class: 'muted' }, t('myBallotsNote')));
    box.append(
      ballots.length || electionBallots.length
        ? h(
            'ul',
            { class: 'cards ballots' },
            ballotCards(ballots, 'resolutionId').map((b) =>
              ballotCard(b, {
                title: h('a', { href: `/c/${enc}/votes/${encodeURIComponent(b.resolutionId)}` }, b.title),
                choice: ballotWords(byId.get(b.resolutionId) ?? {}, b),
                check: checkLink(cid, { resolutionId: b.resolutionId }, b),
              }),
            ),
            ballotCards(electionBallots, 'electionId').map((b) =>
              ballotCard(b, {
                title: h('a', { href: `/c/${enc}/elections/${encodeURIComponent(b.electionId)}` }, b.title),
                choice: b.selectedNames.join('、'),
                check: checkLink(cid, { electionId: b.electionId }, b),
              }),
            ),
          )
        : h('p', { class: 'muted' }, t('noVotes')),
    );
  } catch (e) {
    box.append(errorNotice(e));
  }
  return box;
}

/**
 * Each ballot with its standing (rule 9: the last one in time counts): the current one, the ones it
 * replaced and by which, and the ones that came after the close. Newest vote first, newest ballot first.
 */
function ballotCards(ballots, key) {
  const byVote = new Map();
  for (const b of ballots) byVote.set(b[key], [...(byVote.get(b[key]) ?? []), b]);
  return [...byVote.values()].reverse().flatMap((list) => {
    const counted = list.filter((b) => !b.late);
    const current = counted.at(-1);
    return list
      .map((b) => {
        if (b.late) return { ...b, standing: 'late' };
        if (b === current) return { ...b, standing: 'current' };
        const next = counted[counted.indexOf(b) + 1];
        return { ...b, standing: 'superseded', supersededAt: next.castAt };
      })
      .reverse();
  });
}

function ballotCard(b, { title, choice, check }) {
  const standing =
    b.standing === 'current'
      ? h('p', { class: 'ok standing' }, `✓ ${t('ballotCurrent')}`)
      : b.standing === 'late'
        ? h('p', { class: 'bad standing' }, t('late'))
        : h('p', { class: 'standing' }, t('ballotSuperseded', { time: dateTime(b.supersededAt) }));
  return h(
    'li',
    { class: `card ballot ballot-${b.standing}` },
    h('p', { class: 'title' }, title),
    standing,
    facts([
      [t('myChoice'), choice],
      [t('channel'), word('channel', b.channel)],
      [t('castAt'), dateTime(b.castAt)],
    ]),
    h('p', {}, check),
  );
}

/**
 * Every ballot recorded in the owner's name — online, on paper, by proxy — can be checked, receipt kept
 * or not: its leaf hash is rebuilt here from the logged event, and only that hash goes to the check page.
 */
function checkLink(cid, vote, ballot) {
  const cell = h('span');
  eventLeafHash(ballot.loggedEvent ?? {}).then((leafHash) => {
    if (!leafHash || leafHash !== ballot.leafHash || ballot.loggedEvent.eventId !== ballot.eventId)
      return cell.append(h('span', { class: 'bad' }, t('leafMismatch')));
    const query = new URLSearchParams({ communityId: cid, ...vote, eventId: ballot.eventId, leafHash });
    cell.append(
      h(
        'a',
        { href: `/verify?${query}`, 'aria-label': `${t('checkThisBallot')} ${ballot.title}` },
        t('checkThisBallot'),
      ),
    );
  });
  return cell;
}
