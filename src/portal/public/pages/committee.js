import { get, post } from '../lib/api.js';
import { clear, field, h, notice } from '../lib/dom.js';
import { dateTime } from '../lib/format.js';
import { lp, rp, t, word } from '../lib/i18n.js';
import { hashPicker } from '../lib/hash-picker.js';
import { rankingFields } from '../lib/ranking.js';
import { candidateBoxes } from '../lib/candidate-boxes.js';
import { isCommitteeOf } from '../lib/session.js';
import { badge, errorNotice, heading, Refusal } from '../lib/ui.js';
import { ballotOf, findVoters, readBallotCode } from '../lib/voter-lookup.js';
import { naturalCompare } from '../lib/unit-list.js';
import { confirmIn } from '../lib/confirm.js';
import { beijing, createDesk, fillSelect, resultArea, splitList, submitting } from '../lib/committee-desk.js';
import {
  covenantSection,
  depositSection,
  expenseSection,
  incomeSection,
  reversalSection,
  topUpSection,
  withdrawalSection,
} from '../lib/committee-money-forms.js';
import { rosterSection } from '../lib/committee-roster-import.js';
import { changesSection, electionSection } from '../lib/committee-election-form.js';
import { statementsSection } from '../lib/committee-statements.js';
import { ownerChangesSection } from '../lib/committee-owner-changes.js';
import { dt } from '../lib/desk-strings.js';
import { companyStaffSection } from '../lib/committee-company-staff.js';

const MATTERS = [
  'RULES_OF_PROCEDURE',
  'MANAGEMENT_COVENANT',
  'HIRE_OR_FIRE_MANAGER',
  'USE_MAINTENANCE_FUND',
  'RAISE_MAINTENANCE_FUND',
  'REBUILD',
  'CHANGE_COMMON_USE',
  'OTHER_MAJOR',
  'SPEND_PUBLIC_REVENUE',
  'SERVICE_MENU',
  'SURVEY',
];
/** The one step each status allows next (rule 8: post, then open on the day; rule 13: close at or after closesAt). */
const NEXT_STEP = { DRAFT: ['post', 'postVote'], POSTED: ['open', 'openVote'], OPEN: ['close', 'closeVote'] };

export default async function render(view, { cid }) {
  const enc = encodeURIComponent(cid);
  const community = await get(`/communities/${enc}`);
  view.append(
    h('p', {}, h('a', { href: `/c/${enc}` }, `← ${community.name}`)),
    heading(`${t('committeeTitle')} · ${community.name}`),
  );
  if (!isCommitteeOf(cid))
    return view.append(
      notice('info', t('notCommittee')),
      h('p', {}, h('a', { href: `/sign-in?next=/c/${enc}/committee` }, t('navSignIn'))),
    );
  const desk = await createDesk(cid);
  const contents = [
    ['desk-votes', t('deskVotes')],
    ['desk-roster', dt('rosterTitle')],
    ['desk-owner-changes', dt('rosterChangesTitle')],
    ['desk-paper', t('paperBallots')],
    ['desk-money', t('money')],
    ['desk-statements', dt('statementsTitle')],
    ['desk-changes', dt('changesTitle')],
    ['desk-company-staff', dt('staffTitle')],
  ];
  view.append(
    h(
      'nav',
      { 'aria-label': t('deskContents') },
      h(
        'ul',
        { class: 'links' },
        contents.map(([id, label]) => h('li', {}, h('a', { href: `#${id}` }, label))),
      ),
    ),
  );
  view.append(
    votesSection(desk, enc),
    draftSection(desk),
    electionSection(desk),
    rosterSection(desk),
    ownerChangesSection(desk),
    paperSection(desk),
    h('h2', { id: 'desk-money', class: 'part' }, t('money')),
    incomeSection(desk),
    expenseSection(desk),
    depositSection(desk),
    withdrawalSection(desk),
    topUpSection(desk),
    reversalSection(desk),
    covenantSection(desk),
    statementsSection(desk),
    changesSection(desk),
    companyStaffSection(desk),
  );
}

/** What each step does, said before it is taken: none of them can be taken back. */
const CONSEQUENCE = { post: 'postConsequence', open: 'openConsequence', close: 'closeConsequence' };

/** Votes and elections move through the same steps; each card offers the next one, once it is allowed. */
function votesSection(desk, enc) {
  const result = resultArea();
  const list = h('div');
  const step = (kind, item, action, place) => async (event) => {
    const button = event.target;
    button.disabled = true;
    const sure = await confirmIn(
      place,
      t(CONSEQUENCE[action], { title: item.title, opensAt: dateTime(item.opensAt), closesAt: dateTime(item.closesAt) }),
      t(`confirm_${action}`),
    );
    if (!sure) {
      button.disabled = false;
      return button.focus();
    }
    try {
      const answer = await post(`${desk.base}/${kind}/${encodeURIComponent(item.id)}/${action}`);
      clear(
        result,
        notice(
          'ok',
          answer?.outcome
            ? t('closedWithOutcome', {
                title: item.title,
                outcome: word(kind === 'elections' ? 'electionOutcome' : 'outcome', answer.outcome),
              })
            : t('stepDone', { title: item.title, step: t(NEXT_STEP[item.status][1]) }),
        ),
      );
      await desk.refresh();
    } catch (e) {
      clear(result, errorNotice(e, desk));
      button.disabled = false;
    }
    // The answer shows above the list; bring it into view from the card whose button was pressed.
    result.scrollIntoView({ block: 'nearest' });
  };
  // Rule 13: a vote closes at or after its closing time; before it the button would only be refused.
  const closable = (item) => item.status === 'OPEN' && Date.now() >= Date.parse(item.closesAt);
  const nextStep = (kind, item) => {
    const next = NEXT_STEP[item.status];
    if (!next) return null;
    if (next[0] === 'close' && !closable(item))
      return h('p', { class: 'hint' }, t('closeFrom', { closesAt: dateTime(item.closesAt) }));
    const place = h('div');
    return [h('button', { type: 'button', onclick: step(kind, item, next[0], place) }, t(next[1])), place];
  };
  const card = (kind, page, item) =>
    h(
      'li',
      { class: 'card' },
      h('a', { class: 'title', href: `/c/${enc}/${page}/${encodeURIComponent(item.id)}` }, item.title),
      h(
        'p',
        {},
        kind === 'elections' ? `${t('election')} · ` : '',
        badge('status', item.status),
        item.outcome ? [' ', badge(kind === 'elections' ? 'electionOutcome' : 'outcome', item.outcome)] : null,
      ),
      h('p', { class: 'muted' }, `${dateTime(item.opensAt)} – ${dateTime(item.closesAt)}`),
      item.status === 'POSTED' || item.status === 'OPEN'
        ? h(
            'p',
            {},
            h('a', { href: `/c/${enc}/committee/print/${kind}/${encodeURIComponent(item.id)}` }, dt('printBallots')),
          )
        : null,
      nextStep(kind, item),
    );
  // What the cards show, as one string: a refresh after another form's write redraws the cards only
  // when it changed, so a confirmation open on a card is not wiped out under the member's finger.
  const shown = (v) => [v.id, v.title, v.status, v.outcome, v.opensAt, v.closesAt, closable(v)];
  let drawn = null;
  desk.onChange(({ resolutions, elections }) => {
    const showing = JSON.stringify([...resolutions, ...elections].map(shown));
    if (showing === drawn) return;
    drawn = showing;
    // Cards, not a table: on a phone the title column of a four-column table is one character wide.
    const items = [
      ...resolutions.map((r) => card('resolutions', 'votes', r)),
      ...elections.map((e) => card('elections', 'elections', e)),
    ];
    clear(list, items.length ? h('ul', { class: 'cards votes' }, items) : h('p', { class: 'muted' }, t('noVotes')));
  });
  return h(
    'section',
    { 'aria-labelledby': 'desk-votes' },
    h('h2', { id: 'desk-votes' }, t('deskVotes')),
    h('p', { class: 'hint' }, t('deskVotesHint')),
    result,
    list,
  );
}

function draftSection(desk) {
  const title = h('input', { type: 'text', name: 'title', required: true, maxlength: '200' });
  const description = h('textarea', { name: 'description', required: true });
  const matter = h(
    'select',
    { name: 'matter' },
    MATTERS.map((m) => h('option', { value: m }, word('matter', m))),
  );
  const opensAt = h('input', { type: 'datetime-local', name: 'opensAt', required: true });
  const closesAt = h('input', { type: 'datetime-local', name: 'closesAt', required: true });
  const amount = h('input', { type: 'text', name: 'budget', inputmode: 'decimal', pattern: '\\d+(\\.\\d{1,2})?' });
  const fund = h(
    'select',
    { name: 'fund' },
    ['PUBLIC_REVENUE', 'MAINTENANCE_FUND'].map((f) => h('option', { value: f }, word('fund', f))),
  );
  const buildings = h('input', { type: 'text', name: 'budgetBuildings' });
  const options = h('textarea', { name: 'options', rows: '4' });
  // Rule 27: a management covenant may carry the caps it delegates; asked for only on such a draft.
  const perItemCap = h('input', {
    type: 'text',
    name: 'perItemCap',
    inputmode: 'decimal',
    pattern: '\\d+(\\.\\d{1,2})?',
  });
  const yearlyCap = h('input', {
    type: 'text',
    name: 'yearlyCap',
    inputmode: 'decimal',
    pattern: '\\d+(\\.\\d{1,2})?',
  });
  const caps = h(
    'fieldset',
    { hidden: true },
    h('legend', {}, dt('covenantCaps')),
    field(dt('perItemCap'), perItemCap),
    field(dt('yearlyCap'), yearlyCap),
  );
  matter.addEventListener('change', () => (caps.hidden = matter.value !== 'MANAGEMENT_COVENANT'));
  const result = resultArea();
  const form = h(
    'form',
    {},
    h(
      'fieldset',
      {},
      h('legend', {}, t('draftVote')),
      field(t('title'), title),
      field(t('question'), description),
      field(t('matter'), matter),
      field(t('opensAt'), opensAt, t('noticeHint')),
      field(t('closesAt'), closesAt),
      field(`${t('budgetAmount')}${t('optional')}`, amount),
      field(t('fund'), fund),
      field(`${t('buildings')}${t('optional')}`, buildings, t('budgetBuildingsHint')),
      field(`${t('menuOptions')}${t('optional')}`, options, t('menuOptionsHint')),
      caps,
      h('button', { type: 'submit' }, t('createDraft')),
    ),
    result,
  );
  submitting(
    form,
    result,
    async () => {
      const bearers = splitList(buildings.value);
      // The people type the labels; the ids only have to be stable within the vote.
      const offered = options.value
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
        .map((label, i) => ({ optionId: `o${i + 1}`, label }));
      await post(`${desk.base}/resolutions`, {
        title: title.value.trim(),
        description: description.value.trim(),
        matter: matter.value,
        opensAt: beijing(opensAt.value),
        closesAt: beijing(closesAt.value),
        ...(amount.value
          ? {
              budget: {
                amount: amount.value.trim(),
                fund: fund.value,
                ...(bearers.length ? { buildings: bearers } : {}),
              },
            }
          : {}),
        ...(offered.length ? { options: offered } : {}),
        ...(matter.value === 'MANAGEMENT_COVENANT' && (perItemCap.value || yearlyCap.value)
          ? { covenant: { perItemCap: perItemCap.value.trim(), yearlyCap: yearlyCap.value.trim() } }
          : {}),
      });
      return t('draftSaved', { title: title.value.trim() });
    },
    desk,
  );
  return h('section', {}, h('h2', {}, t('draftVote')), form);
}

/**
 * Rule 11: a paper ballot goes in with the SHA-256 of its scan, computed here; the scan stays with the
 * committee. The voter is found from what the paper says (unit number or name), a ballot already
 * counted for them is shown before it is replaced, and the form empties after each save for the next.
 */
function paperSection(desk) {
  const which = h('select', { name: 'resolution', required: true });
  const lookup = h('input', { type: 'text', name: 'voter', required: true, autocomplete: 'off' });
  const who = h('div', { 'aria-live': 'polite' });
  // What the paper says: a choice, or on a menu vote a ranking (then empty means abstain).
  const marks = h('div');
  let menu = null;
  let drawnFor;
  let record = null;
  let chosen = null;
  // What is left of the stack: the voters of the frozen roster with no ballot yet.
  const remaining = h('div');
  // The select's value is "resolutions/<id>" or "elections/<id>": the same station serves both.
  const chosenVote = () => {
    const [kind, id] = which.value.split('/');
    return id ? { kind, id, path: `${desk.base}/${kind}/${encodeURIComponent(id)}` } : null;
  };
  // The ballots this station saved since the vote was chosen: marked on whichever record arrives, since the
  // record asked for when the vote was chosen can answer after the first papers of the stack were saved.
  let savedHere = new Map();
  let recordAsked = 0;
  const loadRecord = async () => {
    const asked = ++recordAsked;
    const vote = chosenVote();
    const fetched = vote ? await get(`${vote.path}/quorum-record`).catch(() => null) : null;
    if (asked !== recordAsked) return; // another vote was chosen meanwhile: its record answers instead
    record = fetched;
    for (const [ownerId, ballot] of savedHere) markSaved(ownerId, ballot);
    drawRemaining();
  };
  const markSaved = (ownerId, ballot) => {
    const voter = record?.voters.find((v) => v.ownerIds.includes(ownerId) || v.representativeId === ownerId);
    if (voter) Object.assign(voter, { participated: true, channel: 'PAPER', ...ballot });
  };
  /**
   * A ballot this station saved, marked on the record it holds: fetching the whole record again after each
   * paper of a stack (thousands of voters, each ballot's logged event) made every entry wait on it. Another
   * station's entries show when the vote is chosen again.
   */
  const recordSaved = (ownerId, marked, castAt) => {
    savedHere.set(ownerId, { ...marked, castAt });
    markSaved(ownerId, savedHere.get(ownerId));
    drawRemaining();
  };
  const drawRemaining = () => {
    // In unit order, as the paper stack and the buildings go.
    const left = record
      ? record.voters
          .filter((v) => !v.participated)
          .sort((a, b) => naturalCompare(a.unitIds[0] ?? '', b.unitIds[0] ?? ''))
      : [];
    clear(
      remaining,
      record
        ? h(
            'details',
            { class: 'filters' },
            h('summary', {}, t('notYetEntered', { count: left.length, total: record.voters.length })),
            left.length
              ? h(
                  'ul',
                  { class: 'plain remaining' },
                  left.map((v) => h('li', {}, v.unitIds.join('、'))),
                )
              : h('p', {}, t('allEntered')),
          )
        : null,
    );
    showWho();
  };
  let candidates = null;
  let election = null;
  const drawMarks = async (force = false) => {
    if (drawnFor === which.value && !force) return; // a refresh after another form's write keeps what is half filled in here
    const changed = drawnFor !== which.value;
    drawnFor = which.value;
    const chosen = chosenVote();
    menu = null;
    candidates = null;
    if (chosen?.kind === 'elections') {
      // Rule 15 on paper: the candidates the owner approved, no more than the seats. Fetched once a vote:
      // the next paper of the stack starts on the same candidates.
      if (changed || !election) election = await get(chosen.path).catch(() => null);
      if (!election || drawnFor !== which.value) return;
      candidates = candidateBoxes(election, {
        name: 'paperSelection',
        legend: t('paperCandidates', { seats: election.seats }),
      });
      clear(marks, candidates.element);
    } else {
      const vote = desk.resolutions.find((r) => r.id === chosen?.id);
      menu = vote?.options?.length ? rankingFields(vote.options) : null;
      clear(
        marks,
        menu
          ? menu.element
          : h(
              'fieldset',
              { class: 'choices' },
              h('legend', {}, t('choose')),
              ['FOR', 'AGAINST', 'ABSTAIN'].map((c) =>
                h(
                  'label',
                  {},
                  h('input', { type: 'radio', name: 'paperChoice', value: c, required: true }),
                  word('choice', c),
                ),
              ),
            ),
      );
    }
    if (changed) {
      savedHere = new Map();
      loadRecord();
    }
  };
  const replace = h('input', { type: 'checkbox', name: 'replace' });
  const showWho = () => {
    const found = lookup.value.trim() && desk.roster ? findVoters(desk.roster, lookup.value) : [];
    if (!found.some((p) => p.ownerId === chosen?.ownerId)) chosen = found.length === 1 ? found[0] : null;
    replace.checked = false;
    const person = (p) => `${p.name}${lp()}${p.unitIds.join('、') || p.ownerId}${rp()}`;
    if (!lookup.value.trim()) return clear(who);
    if (!found.length) return clear(who, h('p', { class: 'hint' }, t('voterNotFound', { typed: lookup.value.trim() })));
    const pick =
      found.length > 1
        ? h(
            'fieldset',
            { class: 'choices' },
            h('legend', {}, t('whichVoter')),
            found.map((p) =>
              h(
                'label',
                {},
                h('input', {
                  type: 'radio',
                  name: 'paperVoter',
                  value: p.ownerId,
                  checked: chosen?.ownerId === p.ownerId,
                  onchange: () => {
                    chosen = p;
                    showWho();
                  },
                }),
                person(p),
              ),
            ),
          )
        : null;
    const existing = chosen ? ballotOf(record, chosen.ownerId) : null;
    replace.required = Boolean(existing);
    clear(
      who,
      chosen && !pick ? h('p', {}, t('ballotFrom', { who: person(chosen) })) : null,
      pick,
      existing
        ? notice(
            'warn',
            h(
              'p',
              {},
              t('ballotExists', {
                who: person(chosen),
                channel: word('channel', existing.channel),
                time: dateTime(existing.castAt),
                choice: existing.selections
                  ? t('selectedCount', { count: existing.selections.length })
                  : existing.ranking?.length
                    ? t('ranked')
                    : word('choice', existing.choice),
              }),
            ),
            h('label', {}, replace, t('replaceBallot')),
          )
        : null,
    );
  };
  lookup.addEventListener('input', showWho);
  which.addEventListener('change', () => drawMarks());
  const scanned = h('div', { 'aria-live': 'polite' });
  // A USB scanner types a printed ballot's code and Enter; a person types a unit number and Enter.
  lookup.addEventListener('keydown', async (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    clear(scanned);
    const code = readBallotCode(lookup.value);
    if (code) {
      const target = `${code.kind}/${code.id}`;
      const option = [...which.options].find((o) => o.value === target);
      if (!option) {
        lookup.value = '';
        showWho();
        return clear(scanned, notice('error', h('p', {}, dt('scannedUnknownVote'))));
      }
      if (which.value !== target) {
        which.value = target;
        await drawMarks();
        clear(scanned, notice('info', h('p', {}, dt('scannedOtherVote', { what: option.textContent }))));
      }
      lookup.value = code.unitId;
    }
    showWho();
    if (chosen) marks.querySelector('input:checked, input:not([disabled])')?.focus();
  });
  // The marks by the keyboard: 1, 2, 3 for a choice (or a candidate's number), Enter to save.
  marks.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      return form.requestSubmit();
    }
    const n = Number(event.key);
    if (!Number.isInteger(n) || n < 1) return;
    const inputs = [...marks.querySelectorAll('input[type=radio], input[type=checkbox]')];
    const input = inputs[n - 1];
    if (!input || input.disabled) return;
    event.preventDefault();
    if (input.type === 'radio') input.checked = true;
    else input.checked = !input.checked;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    input.focus();
  });
  desk.onChange(({ resolutions, elections }) => {
    const open = [
      ...resolutions.filter((r) => r.status === 'OPEN').map((r) => ['resolutions', r]),
      ...elections.filter((e) => e.status === 'OPEN').map((e) => ['elections', e]),
    ];
    fillSelect(
      which,
      open,
      ([kind, v]) =>
        h('option', { value: `${kind}/${v.id}` }, kind === 'elections' ? `${t('election')} · ${v.title}` : v.title),
      t('noOpenVotes'),
    );
    drawMarks();
  });
  const scan = hashPicker(t('scan'), 'scan');
  scan.input.required = true;
  // A stack scanned as one file (a document feeder's PDF) is every ballot's evidence: kept between entries.
  const keepScan = h('input', { type: 'checkbox', name: 'keepScan' });
  const result = resultArea();
  const form = h(
    'form',
    {},
    h(
      'fieldset',
      {},
      h('legend', {}, t('paperBallots')),
      field(t('resolution'), which),
      h('p', { class: 'hint' }, dt('batchHint')),
      field(t('voterLookup'), lookup, t('voterLookupHint')),
      scanned,
      who,
      marks,
      scan.element,
      h('div', { class: 'field' }, h('label', {}, keepScan, dt('batchScan'))),
      h('button', { type: 'submit' }, t('enterPaper')),
    ),
    result,
    remaining,
  );
  submitting(
    form,
    result,
    async () => {
      const ranking = menu?.ranking();
      const marked = candidates
        ? { selections: candidates.selections() }
        : menu
          ? ranking.length
            ? { ranking }
            : { choice: 'ABSTAIN' }
          : { choice: new FormData(form).get('paperChoice') };
      if (
        lookup.value.trim() &&
        !chosen &&
        findVoters(desk.roster ?? { owners: [], units: [] }, lookup.value).length > 1
      )
        throw new Refusal(t('whichVoter'));
      // What matches no one on the roster goes as typed: an owner id, say, which the server judges.
      const ownerId = chosen?.ownerId ?? lookup.value.trim();
      const whose = chosen ? `${chosen.name}${lp()}${chosen.unitIds.join('、') || chosen.ownerId}${rp()}` : ownerId;
      await post(`${chosenVote().path}/paper-ballots`, [{ ownerId, ...marked, evidenceSha256: await scan.hash() }]);
      const savedAt = new Date().toISOString();
      // The next paper of the stack starts on an empty form, the vote kept.
      if (keepScan.checked) {
        lookup.value = '';
        replace.checked = false;
      } else {
        const vote = which.value;
        form.reset();
        which.value = vote;
        scan.reset();
      }
      clear(scanned);
      chosen = null;
      await drawMarks(true);
      recordSaved(ownerId, marked, savedAt);
      lookup.focus();
      return t('paperSaved', { who: whose });
    },
    desk,
  );
  return h('section', { 'aria-labelledby': 'desk-paper' }, h('h2', { id: 'desk-paper' }, t('paperBallots')), form);
}
