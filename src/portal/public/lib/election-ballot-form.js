import { post } from './api.js';
import { candidateBoxes } from './candidate-boxes.js';
import { clear, h, notice } from './dom.js';
import { t } from './i18n.js';
import { receiptCard, receiptDocument } from './receipt-card.js';
import { keyFingerprintLine } from './log-pin.js';
import { keepReceipt } from './session.js';
import { busy, errorNotice, focusOn } from './ui.js';

/**
 * An owner approves up to `seats` candidates; a later ballot replaces the earlier one (rule 9). The
 * browser stops a ticked box beyond the seats before the server has to refuse it.
 */
export function electionBallotForm(cid, election) {
  const choices = candidateBoxes(election, {
    name: 'selection',
    legend: t('chooseCandidates', { seats: election.seats }),
  });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      onsubmit: (event) => {
        event.preventDefault();
        const selections = choices.selections();
        busy(form, async () => {
          try {
            const answer = await post(
              `/communities/${encodeURIComponent(cid)}/elections/${encodeURIComponent(election.id)}/ballots`,
              { selections },
            );
            const doc = receiptDocument(cid, election, answer.receipt);
            keepReceipt(doc);
            clear(result, notice('ok', t('electionCastDone', { count: selections.length })), receiptCard(doc));
          } catch (e) {
            clear(result, errorNotice(e));
          }
          focusOn(result);
        });
        choices.update();
      },
    },
    choices.element,
    h('button', { type: 'submit' }, t('castButton')),
  );
  return h(
    'section',
    { 'aria-labelledby': 'ballot-h' },
    h('h2', { id: 'ballot-h' }, t('yourBallot')),
    h('p', {}, t('electionBallotNote')),
    form,
    keyFingerprintLine(),
    result,
  );
}
