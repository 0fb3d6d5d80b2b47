import { yuan } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { ledgerPage } from '../lib/ledger-view.js';

export default (view, { cid }, query) =>
  ledgerPage(view, cid, query, {
    fund: 'public-revenue',
    title: t('publicRevenue'),
    kinds: ['INCOME', 'EXPENSE', 'REVERSAL'],
    sources: ['PARKING', 'ADVERTISING', 'VENUE_RENTAL', 'OTHER'],
    totals: (l) => [
      [t('income'), yuan(l.totalIncome)],
      [t('expense'), yuan(l.totalExpenses)],
    ],
  });
