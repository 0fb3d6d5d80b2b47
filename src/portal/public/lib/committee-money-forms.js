import { post } from './api.js';
import { field, h } from './dom.js';
import { lp, rp, t, word } from './i18n.js';
import { hashPicker } from './hash-picker.js';
import { beijing, submitting } from './committee-forms.js';

/** The committee's money forms: public-revenue income and expenses, maintenance-fund withdrawals. */

export function incomeSection(base) {
  const amount = h('input', { type: 'text', name: 'amount', inputmode: 'decimal', required: true, pattern: '\\d+(\\.\\d{1,2})?' });
  const source = h('select', { name: 'source' }, ['PARKING', 'ADVERTISING', 'VENUE_RENTAL', 'OTHER'].map((s) => h('option', { value: s }, word('source', s))));
  const description = h('input', { type: 'text', name: 'description', required: true });
  const at = h('input', { type: 'datetime-local', name: 'receivedAt', required: true });
  const evidence = hashPicker(t('evidence'), 'evidence');
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', {}, h('fieldset', {}, h('legend', {}, t('recordIncome')), field(t('amount'), amount), field(t('source'), source), field(t('description'), description),
    field(t('receivedAt'), at), evidence.element, h('button', { type: 'submit' }, t('recordIncome'))), result);
  submitting(form, result, async () => {
    const sha = await evidence.hash();
    return post(`${base}/public-revenue/income`, { amount: amount.value.trim(), source: source.value, description: description.value.trim(), receivedAt: beijing(at.value), ...(sha ? { evidenceSha256: sha } : {}) });
  });
  return h('section', {}, h('h2', {}, t('recordIncome')), form);
}

export function expenseSection(base, resolutions) {
  const passed = resolutions.filter((r) => r.outcome === 'PASSED' && r.budget?.fund === 'PUBLIC_REVENUE');
  const amount = h('input', { type: 'text', name: 'amount', inputmode: 'decimal', required: true, pattern: '\\d+(\\.\\d{1,2})?' });
  const payee = h('input', { type: 'text', name: 'payee', required: true });
  const purpose = h('input', { type: 'text', name: 'purpose', required: true });
  const which = h('select', { name: 'resolutionId', required: true }, passed.map((r) => h('option', { value: r.id }, `${r.title}${lp()}${r.budget.amount}${rp()}`)));
  const at = h('input', { type: 'datetime-local', name: 'paidAt', required: true });
  const invoice = hashPicker(t('invoice'), 'invoice');
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', {}, h('fieldset', {}, h('legend', {}, t('recordExpense')), field(t('amount'), amount), field(t('payee'), payee), field(t('purpose'), purpose),
    field(t('authorisedBy'), which), field(t('paidAt'), at), invoice.element, h('button', { type: 'submit' }, t('recordExpense'))), result);
  submitting(form, result, async () => {
    const sha = await invoice.hash();
    return post(`${base}/public-revenue/expenses`, { amount: amount.value.trim(), payee: payee.value.trim(), purpose: purpose.value.trim(), resolutionId: which.value, paidAt: beijing(at.value), ...(sha ? { invoiceSha256: sha } : {}) });
  });
  return h('section', {}, h('h2', {}, t('recordExpense')), form);
}

/** Maintenance fund: under a passed USE_MAINTENANCE_FUND vote, or as an emergency with its reason and evidence (rule 21). */
export function withdrawalSection(base, resolutions) {
  const passed = resolutions.filter((r) => r.outcome === 'PASSED' && r.matter === 'USE_MAINTENANCE_FUND');
  const amount = h('input', { type: 'text', name: 'amount', inputmode: 'decimal', required: true, pattern: '\\d+(\\.\\d{1,2})?' });
  const payee = h('input', { type: 'text', name: 'payee', required: true });
  const purpose = h('input', { type: 'text', name: 'purpose', required: true });
  const which = h('select', { name: 'resolutionId' }, h('option', { value: '' }, t('emergency')), passed.map((r) => h('option', { value: r.id }, r.title)));
  const reason = h('input', { type: 'text', name: 'reason' });
  const buildings = h('input', { type: 'text', name: 'buildings', required: true });
  const at = h('input', { type: 'datetime-local', name: 'paidAt', required: true });
  const evidence = hashPicker(t('evidence'), 'emergencyEvidence');
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', {}, h('fieldset', {}, h('legend', {}, t('recordWithdrawal')), field(t('amount'), amount), field(t('payee'), payee), field(t('purpose'), purpose),
    field(t('authorisedBy'), which), field(t('emergencyReason'), reason, t('emergencyHint')), evidence.element, field(t('buildings'), buildings, t('buildingsHint')),
    field(t('paidAt'), at), h('button', { type: 'submit' }, t('recordWithdrawal'))), result);
  submitting(form, result, async () => {
    const body = { amount: amount.value.trim(), payee: payee.value.trim(), purpose: purpose.value.trim(), buildings: buildings.value.split(/[,，、\s]+/).filter(Boolean), paidAt: beijing(at.value) };
    if (which.value) return post(`${base}/maintenance-fund/withdrawals`, { ...body, resolutionId: which.value });
    return post(`${base}/maintenance-fund/withdrawals`, { ...body, emergency: { reason: reason.value.trim(), evidenceSha256: await evidence.hash() } });
  });
  return h('section', {}, h('h2', {}, t('maintenanceFund')), form);
}
