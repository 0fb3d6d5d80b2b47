import { post } from './api.js';
import { field, h } from './dom.js';
import { yuan } from './format.js';
import { lp, rp, t, word } from './i18n.js';
import { hashPicker } from './hash-picker.js';
import { beijing, fillSelect, resultArea, splitList, submitting } from './committee-desk.js';
import { Refusal } from './ui.js';

/** The committee's money forms: public-revenue income and expenses, maintenance-fund deposits and withdrawals. */

const AMOUNT = '\\d+(\\.\\d{1,2})?';
const amountInput = () =>
  h('input', { type: 'text', name: 'amount', inputmode: 'decimal', required: true, pattern: AMOUNT });
const whenInput = (name) => h('input', { type: 'datetime-local', name, required: true });
const form = (legend, fields, button, result) =>
  h('form', {}, h('fieldset', {}, h('legend', {}, legend), fields, h('button', { type: 'submit' }, button)), result);
const section = (title, body) => h('section', {}, h('h3', {}, title), body);

export function incomeSection(desk) {
  const amount = amountInput();
  const source = h(
    'select',
    { name: 'source' },
    ['PARKING', 'ADVERTISING', 'VENUE_RENTAL', 'OTHER'].map((s) => h('option', { value: s }, word('source', s))),
  );
  const description = h('input', { type: 'text', name: 'description', required: true });
  const at = whenInput('receivedAt');
  const evidence = hashPicker(t('evidence'), 'evidence');
  const result = resultArea();
  const f = form(
    t('recordIncome'),
    [
      field(t('amount'), amount),
      field(t('source'), source),
      field(t('description'), description),
      field(t('receivedAt'), at),
      evidence.element,
    ],
    t('recordIncome'),
    result,
  );
  submitting(
    f,
    result,
    async () => {
      const sha = await evidence.hash();
      await post(`${desk.base}/public-revenue/income`, {
        amount: amount.value.trim(),
        source: source.value,
        description: description.value.trim(),
        receivedAt: beijing(at.value),
        ...(sha ? { evidenceSha256: sha } : {}),
      });
      return t('incomeSaved', { amount: yuan(amount.value.trim()) });
    },
    desk,
  );
  return section(t('recordIncome'), f);
}

/** Rule 19: every expense names the PASSED vote whose budget covers it, chosen here from those that exist. */
export function expenseSection(desk) {
  const amount = amountInput();
  const payee = h('input', { type: 'text', name: 'payee', required: true });
  const purpose = h('input', { type: 'text', name: 'purpose', required: true });
  const which = h('select', { name: 'resolutionId', required: true });
  desk.onChange(({ resolutions }) =>
    fillSelect(
      which,
      resolutions.filter((r) => r.outcome === 'PASSED' && r.budget?.fund === 'PUBLIC_REVENUE'),
      (r) => h('option', { value: r.id }, `${r.title}${lp()}${t('budget')} ${yuan(r.budget.amount)}${rp()}`),
      t('noPassedSpend'),
    ),
  );
  const at = whenInput('paidAt');
  const invoice = hashPicker(t('invoice'), 'invoice');
  const result = resultArea();
  const f = form(
    t('recordExpense'),
    [
      field(t('amount'), amount),
      field(t('payee'), payee),
      field(t('purpose'), purpose),
      field(t('authorisedBy'), which, t('expenseVoteHint')),
      field(t('paidAt'), at),
      invoice.element,
    ],
    t('recordExpense'),
    result,
  );
  submitting(
    f,
    result,
    async () => {
      const sha = await invoice.hash();
      await post(`${desk.base}/public-revenue/expenses`, {
        amount: amount.value.trim(),
        payee: payee.value.trim(),
        purpose: purpose.value.trim(),
        resolutionId: which.value,
        paidAt: beijing(at.value),
        ...(sha ? { invoiceSha256: sha } : {}),
      });
      return t('expenseSaved', { amount: yuan(amount.value.trim()), payee: payee.value.trim() });
    },
    desk,
  );
  return section(t('recordExpense'), f);
}

/**
 * Rule 20: each unit's deposit goes to its own sub-account. One line per unit, "unit amount", as it
 * comes out of a spreadsheet (tab, space or comma between); the batch is recorded whole or not at all.
 */
export function parseDeposits(text, depositedAt) {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (!lines.length) throw new Refusal(t('depositsEmpty'));
  return lines.map((line, i) => {
    const parts = line.split(/[\s,，]+/);
    if (parts.length !== 2 || !new RegExp(`^${AMOUNT}$`).test(parts[1]))
      throw new Refusal(t('depositLineBad', { n: i + 1, line }));
    return { unitId: parts[0], amount: parts[1], depositedAt };
  });
}

export function depositSection(desk) {
  const lines = h('textarea', { name: 'deposits', required: true, spellcheck: 'false' });
  const at = whenInput('depositedAt');
  const result = resultArea();
  const f = form(
    t('recordDeposits'),
    [field(t('depositLines'), lines, t('depositLinesHint')), field(t('depositedAt'), at)],
    t('recordDeposits'),
    result,
  );
  submitting(
    f,
    result,
    async () => {
      const answer = await post(
        `${desk.base}/maintenance-fund/deposits`,
        parseDeposits(lines.value, beijing(at.value)),
      );
      return t('depositsSaved', { count: answer.count, total: yuan(answer.total) });
    },
    desk,
  );
  return section(t('recordDeposits'), f);
}

/** Under a PASSED USE_MAINTENANCE_FUND vote, or as an emergency with its reason and evidence (rule 21). */
export function withdrawalSection(desk) {
  const amount = amountInput();
  const payee = h('input', { type: 'text', name: 'payee', required: true });
  const purpose = h('input', { type: 'text', name: 'purpose', required: true });
  const which = h('select', { name: 'resolutionId' });
  desk.onChange(({ resolutions }) => {
    const passed = resolutions.filter((r) => r.outcome === 'PASSED' && r.matter === 'USE_MAINTENANCE_FUND');
    fillSelect(
      which,
      [null, ...passed],
      (r) => (r ? h('option', { value: r.id }, r.title) : h('option', { value: '' }, t('emergencyNoVote'))),
      '',
    );
  });
  const reason = h('input', { type: 'text', name: 'reason' });
  const buildings = h('input', { type: 'text', name: 'buildings' });
  const at = whenInput('paidAt');
  const evidence = hashPicker(t('emergencyEvidence'), 'emergencyEvidence');
  const result = resultArea();
  const f = form(
    t('recordWithdrawal'),
    [
      field(t('amount'), amount),
      field(t('payee'), payee),
      field(t('purpose'), purpose),
      field(t('authorisedBy'), which),
      field(t('emergencyReason'), reason, t('emergencyHint')),
      evidence.element,
      field(t('buildings'), buildings, t('buildingsHint')),
      field(t('paidAt'), at),
    ],
    t('recordWithdrawal'),
    result,
  );
  submitting(
    f,
    result,
    async () => {
      const body = {
        amount: amount.value.trim(),
        payee: payee.value.trim(),
        purpose: purpose.value.trim(),
        paidAt: beijing(at.value),
      };
      // Rule 25: a vote charges the bearers it named; only an emergency names them here.
      const authority = which.value
        ? { resolutionId: which.value }
        : {
            emergency: { reason: reason.value.trim(), evidenceSha256: await evidence.hash() },
            buildings: splitList(buildings.value),
          };
      await post(`${desk.base}/maintenance-fund/withdrawals`, { ...body, ...authority });
      return t(which.value ? 'withdrawalSaved' : 'emergencySaved', { amount: yuan(body.amount) });
    },
    desk,
  );
  return section(t('recordWithdrawal'), f);
}
