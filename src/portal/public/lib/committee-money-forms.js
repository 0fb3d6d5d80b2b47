import { get, post } from './api.js';
import { field, h } from './dom.js';
import { dateTime, yuan } from './format.js';
import { lp, rp, t, word } from './i18n.js';
import { hashPicker } from './hash-picker.js';
import { beijing, fillSelect, resultArea, splitList, submitting } from './committee-desk.js';
import { busy, errorNotice, Refusal, table } from './ui.js';
import { clear, notice } from './dom.js';
import { confirmIn } from './confirm.js';
import { dt } from './desk-strings.js';
import { area } from './format.js';

/** The committee's money forms: public-revenue income and expenses, maintenance-fund deposits and withdrawals. */

const COVENANT = 'covenant';
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
      // Rule 27: within the covenant's caps an expense needs no vote of its own.
      [
        ...resolutions.filter((r) => r.outcome === 'PASSED' && r.budget?.fund === 'PUBLIC_REVENUE'),
        ...(resolutions.some((r) => r.matter === 'MANAGEMENT_COVENANT' && r.outcome === 'PASSED') ? [COVENANT] : []),
      ],
      (r) =>
        r === COVENANT
          ? h('option', { value: COVENANT }, dt('underCovenant'))
          : h('option', { value: r.id }, `${r.title}${lp()}${t('budget')} ${yuan(r.budget.amount)}${rp()}`),
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
        ...(which.value === COVENANT ? { underCovenant: true } : { resolutionId: which.value }),
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
  const place = h('div');
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
    dt('previewWithdrawal'),
    [result, place],
  );
  // The apportionment is shown before anything is paid: the server's dry run of the same withdrawal.
  f.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(f, async () => {
      clear(place);
      try {
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
        const path = `${desk.base}/maintenance-fund/withdrawals`;
        const preview = await post(`${path}?dryRun=true`, { ...body, ...authority });
        clear(result, sharesTable(preview.shares ?? []));
        const sure = await confirmIn(
          place,
          dt('withdrawalConsequence', { amount: yuan(body.amount), payee: body.payee }),
          dt('confirmWithdrawal'),
        );
        if (!sure) return clear(result);
        await post(path, { ...body, ...authority });
        clear(
          result,
          notice('ok', t(which.value ? 'withdrawalSaved' : 'emergencySaved', { amount: yuan(body.amount) })),
        );
        await desk.refresh();
      } catch (e) {
        clear(result, errorNotice(e, desk));
      }
    });
  });
  return section(t('recordWithdrawal'), f);
}

/** Each unit's share of a withdrawal, as the fund would charge it (the first 50; the rest counted). */
function sharesTable(shares) {
  const SHOWN = 50;
  return [
    h('p', {}, dt('withdrawalPreview', { count: shares.length })),
    table(
      null,
      [
        { label: dt('shareUnit'), cell: (s) => s.unitId },
        { label: dt('shareArea'), num: true, cell: (s) => area(s.areaM2) },
        { label: dt('shareAmount'), num: true, cell: (s) => yuan(s.amount) },
      ],
      shares.slice(0, SHOWN),
    ),
    shares.length > SHOWN ? h('p', { class: 'muted' }, dt('moreShares', { count: shares.length - SHOWN })) : null,
  ];
}

/** Rule 22: public revenue tops the fund up while it stands below 30% of its first collection. */
export function topUpSection(desk) {
  const amount = amountInput();
  const at = whenInput('transferredAt');
  const result = resultArea();
  const f = form(
    dt('topUpTitle'),
    [h('p', { class: 'hint' }, dt('topUpHint')), field(t('amount'), amount), field(dt('transferredAt'), at)],
    dt('topUpTitle'),
    result,
  );
  submitting(
    f,
    result,
    async () => {
      await post(`${desk.base}/maintenance-fund/top-ups`, {
        amount: amount.value.trim(),
        transferredAt: beijing(at.value),
      });
      return dt('topUpSaved', { amount: yuan(amount.value.trim()) });
    },
    desk,
  );
  return section(dt('topUpTitle'), f);
}

const FUND_PATHS = { PUBLIC_REVENUE: 'public-revenue', MAINTENANCE_FUND: 'maintenance-fund' };

/** A wrong entry is corrected by a reversing entry that points at it; the entries are chosen from the ledger. */
export function reversalSection(desk) {
  const fund = h(
    'select',
    { name: 'reversalFund' },
    Object.keys(FUND_PATHS).map((f) => h('option', { value: f }, word('fund', f))),
  );
  const entry = h('select', { name: 'entryId', required: true });
  const reason = h('input', { type: 'text', name: 'reversalReason', required: true, maxlength: '1000' });
  const result = resultArea();
  const place = h('div');
  let entries = [];
  const describe = (e) =>
    `${dateTime(e.occurredAt)} · ${word('kind', e.kind)} · ${yuan(e.amount)} · ${e.payee ?? e.description ?? e.purpose ?? e.unitId ?? ''}`;
  const load = async () => {
    const ledger = await get(`${desk.base}/${FUND_PATHS[fund.value]}?limit=100`).catch(() => ({ entries: [] }));
    // Neither a reversal nor what is already reversed can be reversed again.
    entries = (ledger.entries ?? []).filter((e) => e.kind !== 'REVERSAL' && !e.reversedBy);
    fillSelect(entry, entries, (e) => h('option', { value: e.entryId }, describe(e)), dt('noEntries'));
  };
  fund.addEventListener('change', load);
  desk.onChange(() => load());
  const f = form(
    dt('reversalTitle'),
    [
      h('p', { class: 'hint' }, dt('reversalHint')),
      field(t('fund'), fund),
      field(dt('entryToReverse'), entry),
      field(dt('reversalReason'), reason),
    ],
    dt('reverse'),
    [result, place],
  );
  f.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(f, async () => {
      const chosen = entries.find((e) => e.entryId === entry.value);
      if (!chosen) return clear(result, notice('error', h('p', {}, dt('noEntries'))));
      if (!(await confirmIn(place, dt('reversalConsequence', { entry: describe(chosen) }), dt('confirmReverse'))))
        return;
      try {
        await post(`${desk.base}/${FUND_PATHS[fund.value]}/entries/${encodeURIComponent(chosen.entryId)}/reversal`, {
          reason: reason.value.trim(),
        });
        clear(result, notice('ok', dt('reversed')));
        reason.value = '';
        await desk.refresh();
      } catch (e) {
        clear(result, errorNotice(e, desk));
      }
    });
  });
  return section(dt('reversalTitle'), f);
}

/** Rule 27: the caps a passed management covenant adopted go into force; the committee sets none of its own. */
export function covenantSection(desk) {
  const which = h('select', { name: 'covenantResolution', required: true });
  let adopted = [];
  desk.onChange(({ resolutions }) => {
    adopted = resolutions.filter((r) => r.matter === 'MANAGEMENT_COVENANT' && r.outcome === 'PASSED');
    fillSelect(which, adopted, (r) => h('option', { value: r.id }, r.title), dt('noCovenant'));
  });
  const result = resultArea();
  const place = h('div');
  const f = form(
    dt('covenantTitle'),
    [h('p', { class: 'hint' }, dt('covenantHint')), field(dt('covenantVote'), which)],
    dt('covenantApply'),
    [result, place],
  );
  f.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(f, async () => {
      const vote = adopted.find((r) => r.id === which.value);
      if (!vote) return clear(result, notice('error', h('p', {}, dt('noCovenant'))));
      const said = dt('covenantConsequence', { title: vote.title });
      if (!(await confirmIn(place, said, dt('confirmCovenant')))) return;
      try {
        await post(`${desk.base}/public-revenue/covenant-delegation`, { resolutionId: vote.id });
        clear(result, notice('ok', dt('covenantSaved')));
        await desk.refresh();
      } catch (e) {
        clear(result, errorNotice(e, desk));
      }
    });
  });
  return section(dt('covenantTitle'), f);
}
