import { get, post } from './api.js';
import { clear, field, h, notice } from './dom.js';
import { date, yuan } from './format.js';
import { t, word } from './i18n.js';
import { confirmIn } from './confirm.js';
import { dt } from './desk-strings.js';
import { beijing, resultArea, submitting } from './committee-desk.js';
import { errorNotice, facts } from './ui.js';

// People name the last day of a period; the API's period ends at the next midnight (exclusive).
const nextDay = (day) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};
const lastDay = (end) => date(new Date(Date.parse(end) - 1).toISOString());

/** Rule 23: a statement is drafted from the events, read here, then published (sealed) with a confirmation. */
export function statementsSection(desk) {
  const fund = h(
    'select',
    { name: 'statementFund' },
    ['PUBLIC_REVENUE', 'MAINTENANCE_FUND'].map((f) => h('option', { value: f }, word('fund', f))),
  );
  const start = h('input', { type: 'date', name: 'periodStart', required: true });
  const end = h('input', { type: 'date', name: 'periodEnd', required: true });
  const result = resultArea();
  const drafts = h('div');
  const form = h(
    'form',
    {},
    h(
      'fieldset',
      {},
      h('legend', {}, dt('statementDraft')),
      field(t('fund'), fund),
      field(dt('periodStart'), start),
      field(dt('periodEndIncl'), end),
      h('button', { type: 'submit' }, dt('statementDraft')),
    ),
    result,
  );
  const draftCard = (s) => {
    const place = h('div');
    const said = resultArea();
    const c = s.content ?? {};
    const publish = h('button', { type: 'button' }, dt('publish'));
    publish.addEventListener('click', async () => {
      publish.disabled = true;
      if (await confirmIn(place, dt('publishConsequence'), dt('confirmPublish'))) {
        try {
          await post(`${desk.base}/statements/${encodeURIComponent(s.id)}/publish`);
          clear(
            result,
            notice(
              'ok',
              dt('published', { fund: word('fund', s.fund), from: date(s.periodStart), to: lastDay(s.periodEnd) }),
            ),
          );
          await showDrafts();
          return;
        } catch (e) {
          clear(said, errorNotice(e, desk));
        }
      }
      publish.disabled = false;
    });
    return h(
      'li',
      { class: 'card' },
      h('h4', { class: 'card-title' }, `${word('fund', s.fund)} · ${date(s.periodStart)} – ${lastDay(s.periodEnd)}`),
      facts([
        [t('openingBalance'), yuan(c.openingBalance)],
        [t('income'), yuan(c.income?.total)],
        [t('expense'), yuan(c.expenses?.total)],
        [t('closingBalance'), h('strong', {}, yuan(c.closingBalance))],
      ]),
      publish,
      place,
      said,
    );
  };
  const showDrafts = async () => {
    const all = await get(`${desk.base}/statements`).catch(() => []);
    const open = all.filter((s) => s.status === 'DRAFT');
    clear(
      drafts,
      h('h3', {}, dt('draftsToReview')),
      open.length
        ? h('ul', { class: 'cards statements' }, open.map(draftCard))
        : h('p', { class: 'muted' }, dt('noDrafts')),
    );
  };
  submitting(
    form,
    result,
    async () => {
      await post(`${desk.base}/statements`, {
        fund: fund.value,
        periodStart: beijing(`${start.value}T00:00`),
        periodEnd: beijing(`${nextDay(end.value)}T00:00`),
      });
      await showDrafts();
      return dt('statementSaved');
    },
    desk,
  );
  showDrafts();
  return h(
    'section',
    { 'aria-labelledby': 'desk-statements' },
    h('h2', { id: 'desk-statements', class: 'part' }, dt('statementsTitle')),
    form,
    drafts,
  );
}
