import { fetchFile, get, post } from '../lib/api.js';
import { clear, field, h, notice, saveFile } from '../lib/dom.js';
import { confirmIn } from '../lib/confirm.js';
import { area, dateTime } from '../lib/format.js';
import { comma, t, word } from '../lib/i18n.js';
import { navigate } from '../lib/nav.js';
import { isRegulator, notRegulator } from '../lib/regulator.js';
import { badge, errorNotice, facts, heading, table } from '../lib/ui.js';
import { dt } from '../lib/desk-strings.js';

/**
 * The quorum record of a closed election (rule 24: every voter of the frozen roster and the ballot
 * that counts) and the street office's decision on it: file the committee, or refuse with a reason.
 * The decision names the close event reviewed, so a record that changed since is not decided blind.
 */
export default async function render(view, { cid, eid }) {
  const enc = encodeURIComponent(cid);
  const at = `/communities/${enc}/elections/${encodeURIComponent(eid)}`;
  view.append(h('p', {}, h('a', { href: `/regulator/c/${enc}` }, `← ${t('regulatorDesk')}`)));
  if (!isRegulator()) return view.append(heading(t('quorumRecord')), ...notRegulator(location.pathname));
  const [election, record, committee] = await Promise.all([
    get(at),
    get(`${at}/quorum-record`),
    get(`/communities/${enc}/committee`),
  ]);
  view.append(heading(`${t('quorumRecord')} · ${election.title}`));
  const members = seated(election, 'MEMBER');
  const alternates = seated(election, 'ALTERNATE');
  const voted = record.voters.filter((v) => v.participated);
  view.append(
    facts([
      [t('outcome'), election.outcome ? badge('electionOutcome', election.outcome) : word('status', election.status)],
      [t('seats'), String(election.seats)],
      members.length ? [t('electedMembers'), members.join('、')] : null,
      alternates.length ? [t('alternates'), alternates.join('、')] : null,
      record.eligible
        ? [t('eligible'), `${record.eligible.heads} ${t('headsUnit')}${comma()}${area(record.eligible.areaM2)}`]
        : null,
      [
        t('participated'),
        `${election.participated.heads} ${t('headsUnit')}${comma()}${area(election.participated.areaM2)}`,
      ],
      [t('closedAt'), dateTime(election.closedAt)],
      [t('rulebook'), `${record.rulebook} ${record.rulebookVersion ?? ''}`],
      [t('rosterHash'), h('span', { class: 'mono' }, record.rosterHash ?? '—')],
      [t('closeEvent'), h('span', { class: 'mono' }, record.closeEventId ?? '—')],
    ]),
  );

  const download = h('div', { 'aria-live': 'polite' });
  view.append(
    h(
      'p',
      {},
      h('a', { href: `/c/${enc}/elections/${encodeURIComponent(eid)}` }, t('seeElection')),
      ' · ',
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: async () => {
            try {
              saveFile(`quorum-record-${eid}.csv`, await fetchFile(`${at}/quorum-record.csv`));
            } catch (e) {
              clear(download, errorNotice(e));
            }
          },
        },
        t('downloadQuorumCsv'),
      ),
      ' ',
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: async () => {
            try {
              saveFile(`quorum-record-${eid}.xlsx`, await fetchFile(`${at}/quorum-record.xlsx`));
            } catch (e) {
              clear(download, errorNotice(e));
            }
          },
        },
        dt('downloadXlsx'),
      ),
    ),
    download,
  );
  view.append(
    h(
      'details',
      { class: 'filters' },
      h('summary', {}, t('votersList', { count: record.voters.length, voted: voted.length })),
      table(
        null,
        [
          { label: t('unit'), cell: (v) => v.unitIds.join('、') },
          { label: t('participated'), cell: (v) => (v.participated ? t('yes') : '—') },
          { label: t('channel'), cell: (v) => (v.channel ? word('channel', v.channel) : '—') },
          { label: t('castAt'), cell: (v) => (v.castAt ? dateTime(v.castAt) : '—') },
        ],
        record.voters,
      ),
    ),
  );

  view.append(decisionPart(cid, election, record, committee));
}

/** The names in a seat, in the order the count ranked them (rule 15). */
const seated = (election, seat) =>
  election.candidates
    .filter((c) => c.seat === seat)
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
    .map((c) => c.name);

function decisionPart(cid, election, record, committee) {
  const box = h('section', { 'aria-labelledby': 'filing-h' }, h('h2', { id: 'filing-h' }, t('filingDecision')));
  const decided = (committee.history ?? []).find(
    (e) => (e.type === 'CommitteeFiled' || e.type === 'CommitteeFilingRefused') && e.detail?.electionId === election.id,
  );
  if (decided)
    return (
      box.append(
        notice(
          'info',
          t(decided.type === 'CommitteeFiled' ? 'alreadyFiled' : 'alreadyRefused', { date: dateTime(decided.at) }),
        ),
      ),
      box
    );
  if (election.outcome !== 'ELECTED') return (box.append(h('p', {}, t('nothingToFile'))), box);
  const reason = h('textarea', { name: 'reason', rows: '3', maxlength: '2000' });
  const radios = ['FILED', 'REFUSED'].map((d) =>
    h('label', {}, h('input', { type: 'radio', name: 'decision', value: d, required: true }), t(`decision_${d}`)),
  );
  const place = h('div');
  const result = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      onsubmit: async (event) => {
        event.preventDefault();
        const decision = new FormData(form).get('decision');
        const why = reason.value.trim();
        if (decision === 'REFUSED' && !why)
          return clear(result, notice('error', h('p', { class: 'refusal' }, t('reasonNeeded'))));
        const names = seated(election, 'MEMBER').join('、');
        const consequence =
          decision === 'FILED'
            ? t('fileConsequence', { title: election.title, names })
            : t('refuseConsequence', { title: election.title, reason: why });
        const buttons = [...form.querySelectorAll('button')];
        buttons.forEach((b) => (b.disabled = true));
        const sure = await confirmIn(place, consequence, t(decision === 'FILED' ? 'confirmFile' : 'confirmRefuse'));
        buttons.forEach((b) => (b.disabled = false));
        if (!sure) return;
        try {
          await post(`/communities/${encodeURIComponent(cid)}/committee/filing`, {
            electionId: election.id,
            closeEventId: record.closeEventId,
            decision,
            ...(why ? { reason: why } : {}),
          });
          clear(result, notice('ok', t(decision === 'FILED' ? 'filedDone' : 'refusedDone', { title: election.title })));
          form.remove();
          box.append(
            h(
              'p',
              {},
              h(
                'a',
                {
                  href: `/regulator/c/${encodeURIComponent(cid)}`,
                  onclick: (e) => {
                    e.preventDefault();
                    navigate(`/regulator/c/${encodeURIComponent(cid)}`);
                  },
                },
                t('backToCommunity'),
              ),
            ),
          );
        } catch (e) {
          clear(result, errorNotice(e));
        }
      },
    },
    h('fieldset', { class: 'choices' }, h('legend', {}, t('decision')), radios),
    field(t('refusalReason'), reason, t('refusalReasonHint')),
    h('button', { type: 'submit' }, t('decide')),
  );
  box.append(h('p', { class: 'hint' }, t('filingHint')), form, place, result);
  return box;
}
