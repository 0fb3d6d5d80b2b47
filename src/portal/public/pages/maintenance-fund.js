import { h, notice } from '../lib/dom.js';
import { fromFen, toFen, yuan } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { ledgerPage } from '../lib/ledger-view.js';
import { money } from '../lib/ui.js';

/** Rule 21: emergency use is marked on every view; rule 22: below 30% of the initial total, a flag. */
export default (view, { cid }, query) =>
  ledgerPage(view, cid, query, {
    fund: 'maintenance-fund',
    title: t('maintenanceFund'),
    kinds: ['DEPOSIT', 'WITHDRAWAL', 'REVERSAL'],
    sources: null,
    totals: (l) => [
      [t('deposited'), money(l.initialTotal)],
      [t('withdrawn'), money(l.totalWithdrawn)],
      l.emergencyWithdrawn !== '0.00'
        ? [t('emergencyWithdrawn'), h('span', { class: 'emergency' }, `⚠ ${yuan(l.emergencyWithdrawn)}`)]
        : null,
    ],
    // 30% of the initial total, rounded up to the fen as the server rounds the top-up due.
    floor: (l) => {
      const fen = (toFen(l.initialTotal) * 3n + 9n) / 10n;
      return fen > 0n ? { fen, label: t('floorLine', { amount: yuan(fromFen(fen)) }) } : null;
    },
    flag: (l) =>
      l.belowThreshold
        ? notice('warn', h('strong', {}, t('lowFund')), ' ', t('topUpDue', { amount: yuan(l.topUpDue) }))
        : null,
  });
