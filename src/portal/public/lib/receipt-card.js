import { h, saveFile } from './dom.js';
import { t } from './i18n.js';
import { techDetails } from './ui.js';

/**
 * The file an owner keeps. It names the vote but not the choice: a receipt that proved how someone
 * voted could be demanded by whoever buys or forces votes.
 */
export function receiptDocument(communityId, vote, receipt, castAt = new Date().toISOString()) {
  const which = vote.seats === undefined ? { resolutionId: vote.id } : { electionId: vote.id };
  return { format: 'gongzhi-ballot-receipt/1', communityId, ...which, title: vote.title, castAt, receipt };
}

export function receiptCard(doc) {
  const download = () =>
    saveFile(
      `receipt-${doc.receipt.eventId}.json`,
      new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }),
    );
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'receipt-h' },
    h('h3', { id: 'receipt-h' }, t('receipt')),
    h('p', {}, t('receiptExplain')),
    // The ids and the hash are what the check uses, not what a voter reads: folded.
    techDetails([
      [t('eventId'), h('span', { class: 'mono' }, doc.receipt.eventId)],
      [t('leafHash'), h('span', { class: 'mono' }, doc.receipt.leafHash)],
      [t('position'), doc.receipt.position],
    ]),
    h('button', { type: 'button', onclick: download }, t('downloadReceipt')),
    h(
      'a',
      { class: 'button secondary', href: `/verify?eventId=${encodeURIComponent(doc.receipt.eventId)}` },
      t('checkReceipt'),
    ),
  );
}
