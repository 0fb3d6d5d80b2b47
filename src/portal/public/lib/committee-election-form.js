import { post } from './api.js';
import { clear, field, h, notice } from './dom.js';
import { lp, rp, t, word } from './i18n.js';
import { confirmIn } from './confirm.js';
import { dt } from './desk-strings.js';
import { beijing, fillSelect, resultArea, submitting } from './committee-desk.js';
import { busy, errorNotice, Refusal } from './ui.js';
import { findVoters } from './voter-lookup.js';

const who = (p) => `${p.name}${lp()}${p.unitIds.join('、') || p.ownerId}${rp()}`;

/**
 * The candidates as the group writes them, one a line, by unit number, name or owner id, each found
 * on the roster; what cannot be found, or fits several owners, is said for that line.
 */
export function readCandidates(roster, text) {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const found = [];
  const problems = [];
  lines.forEach((typed, i) => {
    const n = i + 1;
    const matches = roster ? findVoters(roster, typed) : [];
    // A name typed whole is meant whole: "张伟" is not also "张伟东".
    const exact = matches.filter((m) => m.name === typed || m.ownerId === typed);
    const pick = matches.length === 1 ? matches : exact.length === 1 ? exact : null;
    if (!matches.length) problems.push(dt('candidateNotFound', { n, typed }));
    else if (!pick) problems.push(dt('candidateAmbiguous', { n, typed, names: matches.map(who).join('、') }));
    else if (found.some((f) => f.ownerId === pick[0].ownerId)) problems.push(dt('candidateTwice', { n }));
    else found.push(pick[0]);
  });
  return { found, problems };
}

/** Rule 14: an election of the committee (or rule 29's by-election of its empty seats), drafted here. */
export function electionSection(desk) {
  const title = h('input', { type: 'text', name: 'electionTitle', required: true, maxlength: '200' });
  const seats = h('input', {
    type: 'number',
    name: 'seats',
    required: true,
    min: '1',
    max: '51',
    step: '1',
    value: '5',
  });
  const alternates = h('input', { type: 'number', name: 'alternates', min: '0', max: '51', step: '1', value: '0' });
  const termYears = h('input', { type: 'number', name: 'termYears', min: '1', max: '50', step: '1' });
  const byElection = h('input', { type: 'checkbox', name: 'byElection' });
  const candidates = h('textarea', { name: 'candidates', rows: '6', required: true, spellcheck: 'false' });
  const shown = h('div', { 'aria-live': 'polite' });
  const opensAt = h('input', { type: 'datetime-local', name: 'electionOpensAt', required: true });
  const closesAt = h('input', { type: 'datetime-local', name: 'electionClosesAt', required: true });
  const showCandidates = () => {
    const { found, problems } = readCandidates(desk.roster, candidates.value);
    clear(
      shown,
      found.length
        ? h(
            'ol',
            { class: 'plain' },
            found.map((p) => h('li', {}, who(p))),
          )
        : null,
      problems.length
        ? notice(
            'warn',
            problems.map((p) => h('p', {}, p)),
          )
        : null,
    );
  };
  candidates.addEventListener('input', showCandidates);
  byElection.addEventListener('change', () => {
    termYears.disabled = byElection.checked;
    if (byElection.checked) termYears.value = '';
  });
  const result = resultArea();
  const form = h(
    'form',
    {},
    h(
      'fieldset',
      {},
      h('legend', {}, dt('electionDraft')),
      field(dt('electionTitle'), title),
      field(dt('seats'), seats, dt('seatsHint')),
      field(dt('alternatesCount'), alternates),
      h('div', { class: 'field' }, h('label', {}, byElection, dt('byElection'))),
      field(`${dt('termYears')}${t('optional')}`, termYears, dt('termYearsHint')),
      field(dt('candidatesLines'), candidates, dt('candidatesHint')),
      shown,
      field(t('opensAt'), opensAt, t('noticeHint')),
      field(t('closesAt'), closesAt),
      h('button', { type: 'submit' }, dt('createElection')),
    ),
    result,
  );
  submitting(
    form,
    result,
    async () => {
      const { found, problems } = readCandidates(desk.roster, candidates.value);
      if (problems.length) throw new Refusal(problems.join(' '));
      if (!found.length) throw new Refusal(dt('noCandidates'));
      await post(`${desk.base}/elections`, {
        title: title.value.trim(),
        seats: Number(seats.value),
        alternates: Number(alternates.value || 0),
        ...(termYears.value && !byElection.checked ? { termYears: Number(termYears.value) } : {}),
        ...(byElection.checked ? { byElection: true } : {}),
        candidates: found.map((p, i) => ({ candidateId: `C${i + 1}`, name: p.name, ownerId: p.ownerId })),
        opensAt: beijing(opensAt.value),
        closesAt: beijing(closesAt.value),
      });
      return dt('electionSaved', { title: title.value.trim() });
    },
    desk,
  );
  return h('section', {}, h('h2', {}, dt('electionDraft')), form);
}

/** Rule 29: a member resigns only themself; the server takes the caller's own owner id. */
export function changesSection(desk) {
  const result = resultArea();
  const place = h('div');
  const button = h('button', { type: 'button', class: 'danger' }, dt('resignButton'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    const sure = await confirmIn(place, dt('resignConsequence'), dt('confirmResign'));
    if (sure) {
      try {
        await post(`${desk.base}/committee/resignations`, {});
        clear(result, notice('ok', dt('resigned')));
        await desk.refresh();
      } catch (e) {
        clear(result, errorNotice(e, desk));
      }
    }
    button.disabled = false;
  });
  return h(
    'section',
    { 'aria-labelledby': 'desk-changes' },
    h('h2', { id: 'desk-changes', class: 'part' }, dt('changesTitle')),
    h('h3', {}, dt('resignTitle')),
    h('p', { class: 'hint' }, dt('resignHint')),
    button,
    place,
    result,
    removalForm(desk),
    h('p', { class: 'hint' }, dt('byElectionHint')),
  );
}

/**
 * Rule 29's removal (罢免): the owners' ELECT_COMMITTEE vote names the member; the desk records it once
 * passed. Every such vote is offered, so a vote not yet passed is refused by the server in words.
 */
function removalForm(desk) {
  const which = h('select', { name: 'removalVote', required: true });
  let votes = [];
  desk.onChange(({ resolutions }) => {
    votes = resolutions.filter((r) => r.matter === 'ELECT_COMMITTEE');
    fillSelect(
      which,
      votes,
      (r) => h('option', { value: r.id }, `${r.title} · ${word('status', r.status)}`),
      dt('noRemovalVote'),
    );
  });
  const result = resultArea();
  const place = h('div');
  const f = h(
    'form',
    {},
    h(
      'fieldset',
      {},
      h('legend', {}, dt('removalTitle')),
      h('p', { class: 'hint' }, dt('removalHint')),
      field(dt('removalVote'), which),
      h('button', { type: 'submit', class: 'danger' }, dt('removalButton')),
    ),
    place,
    result,
  );
  f.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(f, async () => {
      const vote = votes.find((r) => r.id === which.value);
      if (!vote) return clear(result, notice('error', h('p', {}, dt('noRemovalVote'))));
      if (!(await confirmIn(place, dt('removalConsequence', { title: vote.title }), dt('confirmRemoval')))) return;
      try {
        const { steppedUp } = await post(`${desk.base}/committee/removals`, { resolutionId: vote.id });
        const name = desk.roster?.owners.find((o) => o.ownerId === steppedUp)?.name ?? steppedUp;
        clear(result, notice('ok', steppedUp ? dt('removedSteppedUp', { who: name }) : dt('removed')));
        await desk.refresh();
      } catch (e) {
        clear(result, errorNotice(e, desk));
      }
    });
  });
  return f;
}
