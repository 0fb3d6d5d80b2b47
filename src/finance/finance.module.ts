import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module.js';
import { VotingModule } from '../voting/voting.module.js';
import { DepositToFundHandler } from './commands/deposit-to-fund.js';
import { DraftStatementHandler } from './commands/draft-statement.js';
import { PayExpenseHandler } from './commands/pay-expense.js';
import { RecordIncomeHandler } from './commands/record-income.js';
import { SetCovenantDelegationHandler } from './commands/set-covenant-delegation.js';
import { ReverseEntryHandler } from './commands/reverse-entry.js';
import { AuditStatementHandler, PublishStatementHandler } from './commands/statement-steps.js';
import { TopUpFundHandler } from './commands/top-up-fund.js';
import { WithdrawFromFundHandler } from './commands/withdraw-from-fund.js';
import { FinanceLookups } from './finance-lookups.js';
import { MaintenanceFundController } from './maintenance-fund.controller.js';
import { FinanceProjection } from './projections/finance.projection.js';
import { PublicRevenueController } from './public-revenue.controller.js';
import { FinanceQueries } from './queries/finance.queries.js';
import { StatementViewsController } from './statement-views.controller.js';
import { StatementsController } from './statements.controller.js';

@Module({
  imports: [RegistryModule, VotingModule],
  controllers: [PublicRevenueController, MaintenanceFundController, StatementsController, StatementViewsController],
  providers: [
    FinanceLookups,
    FinanceQueries,
    FinanceProjection,
    RecordIncomeHandler,
    PayExpenseHandler,
    DepositToFundHandler,
    WithdrawFromFundHandler,
    TopUpFundHandler,
    ReverseEntryHandler,
    SetCovenantDelegationHandler,
    DraftStatementHandler,
    PublishStatementHandler,
    AuditStatementHandler,
  ],
})
export class FinanceModule {}
