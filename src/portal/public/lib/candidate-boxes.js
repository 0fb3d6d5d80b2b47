import { h } from './dom.js';
import { t } from './i18n.js';

/**
 * A box for each candidate of an election, online or on paper: a ticked box beyond the seats is stopped
 * here, before the server has to refuse it, and a counter says how many are chosen.
 */
export function candidateBoxes(election, { name, legend }) {
  const boxes = election.candidates.map((c) => h('input', { type: 'checkbox', name, value: c.candidateId }));
  const counter = h(
    'p',
    { class: 'hint', 'aria-live': 'polite' },
    t('selectUpTo', { seats: election.seats, chosen: 0 }),
  );
  const update = () => {
    const chosen = boxes.filter((b) => b.checked).length;
    counter.textContent = t('selectUpTo', { seats: election.seats, chosen });
    for (const b of boxes) b.disabled = !b.checked && chosen >= election.seats;
  };
  boxes.forEach((b) => b.addEventListener('change', update));
  return {
    element: h(
      'fieldset',
      { class: 'choices' },
      h('legend', {}, legend),
      counter,
      election.candidates.map((c, i) => h('label', {}, boxes[i], c.name)),
    ),
    selections: () => boxes.filter((b) => b.checked).map((b) => b.value),
    update,
  };
}
