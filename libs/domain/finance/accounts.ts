/**
 * The chart of accounts. The class prefix (asset, income, expense, fund) decides the normal side
 * (journal.ts); the rest names what the money is for, so an exported entry reads on its own.
 */

export const INCOME_SOURCES = ['PARKING', 'ADVERTISING', 'VENUE_RENTAL', 'OTHER'] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];

export const PUBLIC_REVENUE_BANK = 'asset:bank:public-revenue';
export const publicRevenueIncome = (source: IncomeSource) => `income:public-revenue:${source}`;
/** Expenses are booked per authorising resolution: its balance is what the resolution has spent. */
export const publicRevenueExpense = (resolutionId: string) => `expense:public-revenue:resolution:${resolutionId}`;

/** Spending under the covenant's delegation, per calendar year: its balance is what the yearly cap has used. */
export const publicRevenueCovenantExpense = (year: number) => `expense:public-revenue:covenant:${year}`;

/** Rule 22: public revenue moved into the maintenance fund to bring it back to 30% of its initial total. */
export const PUBLIC_REVENUE_TO_FUND = 'expense:public-revenue:maintenance-fund-top-up';

export const MAINTENANCE_FUND_BANK = 'asset:bank:maintenance-fund';
/** One sub-account per unit (rule 20): what that unit's owners hold in the fund. */
export const unitFund = (unitId: string) => `fund:maintenance:unit:${unitId}`;
