import { get, post } from './api.js';
import { clear, h, notice } from './dom.js';
import { dateTime } from './format.js';
import { colon, t, word } from './i18n.js';
import { receiptCard, receiptDocument } from './receipt-card.js';
import { keepReceipt } from './session.js';
import { busy, errorNotice } from './ui.js';

const CHOICES = ['FOR', 'AGAINST', 'ABSTAIN'];

/** The live choice: the owner's latest counted ballot for this vote (rule 9), if any. */
async function currentBallot(cid, rid) {
  const mine = await get(`/communities/${encodeURIComponent(cid)}/my-ballots`);
  return mine.filter((b) => b.resolutionId === rid && !b.late).at(-1) ?? null;
}

export async function ballotForm(cid, resolution) {
  const box = h('section', { 'aria-labelledby': 'ballot-h' }, h('h2', { id: 'ballot-h' }, t('yourBallot')));
  const status = h('div', { 'aria-live': 'polite' });
  const current = await currentBallot(cid, resolution.id).catch(() => null);
  const showCurrent = (b) => clear(status, b ? notice('info', t('alreadyVoted', { choice: word('choice', b.choice), time: dateTime(b.castAt) })) : null);
  showCurrent(current);

  const radios = CHOICES.map((c) => h('label', {}, h('input', { type: 'radio', name: 'choice', value: c, required: true, checked: current?.choice === c }), word('choice', c)));
  const submit = h('button', { type: 'submit' }, current ? t('changeButton') : t('castButton'));
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', {
    onsubmit: (event) => {
      event.preventDefault();
      const choice = new FormData(form).get('choice');
      if (!choice) return;
      busy(form, async () => {
        try {
          const answer = await post(`/communities/${encodeURIComponent(cid)}/resolutions/${encodeURIComponent(resolution.id)}/ballots`, { choice });
          // The server's time of the ballot, not the phone's (whose clock may be wrong).
          const recorded = await get(`/communities/${encodeURIComponent(cid)}/my-ballots?after=${answer.receipt.position}`)
            .then((all) => all.find((b) => b.eventId === answer.receipt.eventId), () => null);
          const doc = receiptDocument(cid, resolution, answer.receipt, recorded?.castAt);
          keepReceipt(doc);
          showCurrent({ choice, castAt: doc.castAt });
          submit.textContent = t('changeButton');
          clear(result, notice('ok', t('castDone')), receiptCard(doc));
        } catch (e) {
          clear(result, errorNotice(e));
        }
      });
    },
  }, h('fieldset', { class: 'choices' }, h('legend', {}, `${t('choose')}${colon()}${resolution.title}`), radios), submit);
  box.append(status, form, result);
  return box;
}
