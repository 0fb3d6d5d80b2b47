import { money } from '../lib/ui.js';
import { t } from '../lib/i18n.js';
import { ledgerPage } from '../lib/ledger-view.js';

export default (view, { cid }, query) =>
  ledgerPage(view, cid, query, {
    fund: 'public-revenue',
    title: t('publicRevenue'),
    kinds: ['INCOME', 'EXPENSE', 'REVERSAL'],
    sources: ['PARKING', 'ADVERTISING', 'VENUE_RENTAL', 'OTHER'],
    totals: (l) => [
      [t('income'), money(l.totalIncome)],
      [t('expense'), money(l.totalExpenses)],
    ],
  });
