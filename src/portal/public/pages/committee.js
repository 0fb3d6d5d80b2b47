import { get, post } from '../lib/api.js';
import { clear, field, h, notice } from '../lib/dom.js';
import { dateTime } from '../lib/format.js';
import { t, word } from '../lib/i18n.js';
import { hashPicker } from '../lib/hash-picker.js';
import { isCommitteeOf } from '../lib/session.js';
import { badge, errorNotice, heading } from '../lib/ui.js';
import { beijing, reload, submitting } from '../lib/committee-forms.js';
import { expenseSection, incomeSection, withdrawalSection } from '../lib/committee-money-forms.js';

const MATTERS = ['RULES_OF_PROCEDURE', 'MANAGEMENT_COVENANT', 'ELECT_COMMITTEE', 'HIRE_OR_FIRE_MANAGER', 'USE_MAINTENANCE_FUND', 'RAISE_MAINTENANCE_FUND',
  'REBUILD', 'CHANGE_COMMON_USE', 'OTHER_MAJOR', 'SPEND_PUBLIC_REVENUE', 'SERVICE_MENU', 'SURVEY'];
const NEXT_STEP = { DRAFT: ['post', 'postVote'], POSTED: ['open', 'openVote'], OPEN: ['close', 'closeVote'] };

export default async function render(view, { cid }) {
  const enc = encodeURIComponent(cid);
  const community = await get(`/communities/${enc}`);
  view.append(h('p', {}, h('a', { href: `/c/${enc}` }, `← ${community.name}`)), heading(`${t('committeeTitle')} · ${community.name}`));
  if (!isCommitteeOf(cid)) return view.append(notice('info', t('notCommittee')), h('p', {}, h('a', { href: `/sign-in?next=/c/${enc}/committee` }, t('navSignIn'))));
  const resolutions = await get(`/communities/${enc}/resolutions`);
  const base = `/communities/${enc}`;
  view.append(votesSection(base, enc, resolutions), draftSection(base), paperSection(base, resolutions), incomeSection(base), expenseSection(base, resolutions), withdrawalSection(base, resolutions));
}

function votesSection(base, enc, resolutions) {
  const result = h('div', { 'aria-live': 'polite' });
  const act = (r, step) => async (event) => {
    event.target.disabled = true;
    try {
      await post(`${base}/resolutions/${encodeURIComponent(r.id)}/${step}`);
      clear(result, notice('ok', t('saved')));
      setTimeout(reload, 300);
    } catch (e) {
      clear(result, errorNotice(e));
      event.target.disabled = false;
    }
  };
  // Cards, not a table: on a phone the title column of a four-column table is one character wide.
  return h('section', {}, h('h2', {}, t('vote')), result, resolutions.length
    ? h('ul', { class: 'cards votes' }, resolutions.map((r) => h('li', { class: 'card' },
      h('a', { class: 'title', href: `/c/${enc}/votes/${encodeURIComponent(r.id)}` }, r.title),
      h('p', {}, badge('status', r.status), r.outcome ? [' ', badge('outcome', r.outcome)] : null),
      h('p', { class: 'muted' }, `${dateTime(r.opensAt)} – ${dateTime(r.closesAt)}`),
      NEXT_STEP[r.status] ? h('button', { type: 'button', onclick: act(r, NEXT_STEP[r.status][0]) }, t(NEXT_STEP[r.status][1])) : null)))
    : h('p', { class: 'muted' }, t('noVotes')));
}

function draftSection(base) {
  const title = h('input', { type: 'text', name: 'title', required: true, maxlength: '200' });
  const description = h('textarea', { name: 'description', required: true });
  const matter = h('select', { name: 'matter' }, MATTERS.map((m) => h('option', { value: m }, word('matter', m))));
  const opensAt = h('input', { type: 'datetime-local', name: 'opensAt', required: true });
  const closesAt = h('input', { type: 'datetime-local', name: 'closesAt', required: true });
  const amount = h('input', { type: 'text', name: 'budget', inputmode: 'decimal', pattern: '\\d+(\\.\\d{1,2})?' });
  const fund = h('select', { name: 'fund' }, ['PUBLIC_REVENUE', 'MAINTENANCE_FUND'].map((f) => h('option', { value: f }, word('fund', f))));
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', {}, h('fieldset', {}, h('legend', {}, t('draftVote')),
    field(t('title'), title), field(t('question'), description), field(t('matter'), matter), field(t('opensAt'), opensAt), field(t('closesAt'), closesAt),
    field(`${t('budgetAmount')}${t('optional')}`, amount), field(t('fund'), fund), h('button', { type: 'submit' }, t('createDraft'))), result);
  submitting(form, result, () => post(`${base}/resolutions`, {
    title: title.value.trim(), description: description.value.trim(), matter: matter.value,
    opensAt: beijing(opensAt.value), closesAt: beijing(closesAt.value),
    ...(amount.value ? { budget: { amount: amount.value.trim(), fund: fund.value } } : {}),
  }), { thenReload: true });
  return h('section', {}, h('h2', {}, t('draftVote')), form);
}

function paperSection(base, resolutions) {
  const open = resolutions.filter((r) => r.status === 'OPEN');
  if (!open.length) return h('section', {}, h('h2', {}, t('paperBallots')), h('p', { class: 'muted' }, t('noVotes')));
  const which = h('select', { name: 'resolution' }, open.map((r) => h('option', { value: r.id }, r.title)));
  const owner = h('input', { type: 'text', name: 'ownerId', required: true, autocapitalize: 'characters' });
  const choices = ['FOR', 'AGAINST', 'ABSTAIN'].map((c) => h('label', {}, h('input', { type: 'radio', name: 'paperChoice', value: c, required: true }), word('choice', c)));
  const scan = hashPicker(t('scan'), 'scan');
  scan.input.required = true;
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', {}, h('fieldset', {}, h('legend', {}, t('paperBallots')), field(t('resolution'), which), field(t('ownerId'), owner),
    h('fieldset', { class: 'choices' }, h('legend', {}, t('choose')), choices), scan.element, h('button', { type: 'submit' }, t('enterPaper'))), result);
  submitting(form, result, async () => post(`${base}/resolutions/${encodeURIComponent(which.value)}/paper-ballots`,
    [{ ownerId: owner.value.trim(), choice: new FormData(form).get('paperChoice'), evidenceSha256: await scan.hash() }]));
  return h('section', {}, h('h2', {}, t('paperBallots')), form);
}

