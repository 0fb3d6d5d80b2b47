import { get, post } from './api.js';
import { clear, field, h, notice } from './dom.js';
import { dateTime } from './format.js';
import { busy, errorNotice, table } from './ui.js';
import { confirmIn } from './confirm.js';
import { resultArea } from './committee-desk.js';
import { dt } from './desk-strings.js';

/**
 * The property company's staff (rule 34's handler): the committee names who may accept and resolve the
 * requests dispatched to the company, hands each a one-time activation code, and removes them.
 */
export function companyStaffSection(desk) {
  const staffUrl = `${desk.base}/property-company/staff`;
  const list = h('div');
  const listResult = resultArea();

  const status = (s) =>
    s.removedAt
      ? dt(s.removedBecause === 'COMPANY_REPLACED' ? 'staffReplaced' : 'staffRemoved', { at: dateTime(s.removedAt) })
      : s.activatedAt
        ? dt('staffActive', { at: dateTime(s.activatedAt) })
        : dt('staffWaiting');

  const removeButton = (s) => {
    if (s.removedAt) return null;
    const place = h('div');
    const button = h('button', { type: 'button', class: 'secondary' }, dt('staffRemove'));
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        if (!(await confirmIn(place, dt('staffRemoveConsequence', { name: s.name }), dt('confirmStaffRemove')))) return;
        await post(`${staffUrl}/${encodeURIComponent(s.staffId)}/removal`);
        clear(listResult, notice('ok', dt('staffRemoved', { at: dateTime(new Date().toISOString()) })));
        await draw();
      } catch (e) {
        clear(listResult, errorNotice(e, desk));
      } finally {
        button.disabled = false;
      }
    });
    return h('div', {}, button, place);
  };

  async function draw() {
    try {
      const staff = await get(staffUrl);
      clear(
        list,
        staff.length === 0
          ? h('p', { class: 'hint' }, dt('staffNone'))
          : table(
              dt('staffTitle'),
              [
                { label: dt('staffName'), cell: (s) => s.name },
                { label: dt('staffLogin'), cell: (s) => h('span', { class: 'mono' }, s.login) },
                { label: dt('staffStatus'), cell: status },
                { label: '', cell: removeButton },
              ],
              staff,
            ),
      );
    } catch (e) {
      clear(list, errorNotice(e, desk));
    }
  }

  const name = h('input', { type: 'text', name: 'staffName', required: true, maxlength: '100' });
  const login = h('input', {
    type: 'text',
    name: 'staffLogin',
    required: true,
    maxlength: '64',
    autocomplete: 'off',
    pattern: '[\\w.@\\-]{3,64}',
  });
  const result = resultArea();
  const place = h('div');
  const f = h(
    'form',
    {},
    h(
      'fieldset',
      {},
      h('legend', {}, dt('staffAdd')),
      h('p', { class: 'hint' }, dt('staffHint')),
      field(dt('staffName'), name),
      field(dt('staffLogin'), login, dt('staffLoginHint')),
      h('button', { type: 'submit' }, dt('staffAddButton')),
    ),
    place,
    result,
  );
  f.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(f, async () => {
      const who = name.value.trim();
      if (!(await confirmIn(place, dt('staffAddConsequence', { name: who }), dt('confirmStaffAdd')))) return;
      try {
        const named = await post(staffUrl, { name: who, login: login.value.trim() });
        clear(
          result,
          notice('ok', dt('staffCode', { name: named.name }), ' ', h('code', { class: 'mono' }, named.activationCode)),
        );
        f.reset();
        await draw();
      } catch (e) {
        clear(result, errorNotice(e, desk));
      }
    });
  });

  void draw();
  return h(
    'section',
    { 'aria-labelledby': 'desk-company-staff' },
    h('h2', { id: 'desk-company-staff', class: 'part' }, dt('staffTitle')),
    list,
    listResult,
    f,
  );
}
