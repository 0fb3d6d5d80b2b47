import { get, post } from './api.js';
import { clear, h, notice } from './dom.js';
import { dateTime } from './format.js';
import { colon, t, word } from './i18n.js';
import { keyFingerprintLine } from './log-pin.js';
import { receiptCard, receiptDocument } from './receipt-card.js';
import { keepReceipt } from './session.js';
import { rankingFields, rankingWords } from './ranking.js';
import { busy, errorNotice, focusOn, Refusal } from './ui.js';

const CHOICES = ['FOR', 'AGAINST', 'ABSTAIN'];

/** The live choice: the owner's latest counted ballot for this vote (rule 9), if any. */
async function currentBallot(cid, rid) {
  const mine = await get(`/communities/${encodeURIComponent(cid)}/my-ballots`);
  return mine.filter((b) => b.resolutionId === rid && !b.late).at(-1) ?? null;
}

/** What the owner chose, in words: the choice, or on a menu vote the ranking. */
export const ballotWords = (resolution, b) =>
  b.ranking?.length ? rankingWords(resolution.options, b.ranking) : word('choice', b.choice);

export async function ballotForm(cid, resolution) {
  const box = h('section', { 'aria-labelledby': 'ballot-h' }, h('h2', { id: 'ballot-h' }, t('yourBallot')));
  const status = h('div', { 'aria-live': 'polite' });
  const current = await currentBallot(cid, resolution.id).catch(() => null);
  const showCurrent = (b) =>
    clear(
      status,
      b ? notice('info', t('alreadyVoted', { choice: ballotWords(resolution, b), time: dateTime(b.castAt) })) : null,
    );
  showCurrent(current);

  const menu = resolution.options?.length ? rankingFields(resolution.options, current?.ranking ?? []) : null;
  const radios = menu
    ? null
    : CHOICES.map((c) =>
        h(
          'label',
          {},
          h('input', { type: 'radio', name: 'choice', value: c, required: true, checked: current?.choice === c }),
          word('choice', c),
        ),
      );
  const submit = h('button', { type: 'submit', value: 'cast' }, current ? t('changeButton') : t('castButton'));
  // On a menu vote a ranking stands for FOR; abstaining takes part without ranking anything.
  const abstain = menu
    ? h('button', { type: 'submit', value: 'abstain', class: 'secondary' }, t('choice_ABSTAIN'))
    : null;
  const result = h('div', { 'aria-live': 'polite' });
  const cast = async (ballot) => {
    const answer = await post(
      `/communities/${encodeURIComponent(cid)}/resolutions/${encodeURIComponent(resolution.id)}/ballots`,
      ballot,
    );
    // The server's time of the ballot, not the phone's (whose clock may be wrong).
    const recorded = await get(
      `/communities/${encodeURIComponent(cid)}/my-ballots?after=${answer.receipt.position}`,
    ).then(
      (all) => all.find((b) => b.eventId === answer.receipt.eventId),
      () => null,
    );
    const doc = receiptDocument(cid, resolution, answer.receipt, recorded?.castAt);
    keepReceipt(doc);
    showCurrent({ choice: ballot.choice ?? 'FOR', ranking: ballot.ranking, castAt: doc.castAt });
    submit.textContent = t('changeButton');
    clear(result, notice('ok', t('castDone')), receiptCard(doc));
    focusOn(result);
  };
  const form = h(
    'form',
    {
      onsubmit: (event) => {
        event.preventDefault();
        busy(form, async () => {
          try {
            if (!menu) return await cast({ choice: new FormData(form).get('choice') });
            if (event.submitter?.value === 'abstain') return await cast({ choice: 'ABSTAIN' });
            const ranking = menu.ranking();
            if (!ranking.length) throw new Refusal(t('rankEmpty'));
            await cast({ ranking });
          } catch (e) {
            clear(result, errorNotice(e));
            focusOn(result);
          }
        });
      },
    },
    menu
      ? menu.element
      : h('fieldset', { class: 'choices' }, h('legend', {}, `${t('choose')}${colon()}${resolution.title}`), radios),
    submit,
    abstain,
  );
  box.append(status, form, keyFingerprintLine(), result);
  return box;
}
