import {
  maintenanceFundDecider,
  type MaintenanceFundCommand,
  type MaintenanceFundState,
} from '@gongzhi/domain/finance/maintenance-fund.js';
import { maintenanceFundStream, type MaintenanceFundEvent } from '@gongzhi/domain/finance/maintenance-fund.events.js';
import {
  publicRevenueDecider,
  type PublicRevenueCommand,
  type PublicRevenueState,
} from '@gongzhi/domain/finance/public-revenue.js';
import { publicRevenueStream, type PublicRevenueEvent } from '@gongzhi/domain/finance/public-revenue.events.js';
import {
  statementRegisterDecider,
  type StatementRegisterCommand,
  type StatementRegisterEvent,
  type StatementRegisterState,
} from '@gongzhi/domain/finance/statement-register.js';
import { statementDecider, type StatementCommand, type StatementState } from '@gongzhi/domain/finance/statement.js';
import { statementStream, type StatementEvent } from '@gongzhi/domain/finance/statement.events.js';
import { Aggregate } from '../platform/event-sourcing/stream.js';

/** A community's public-revenue account: one stream, so budgets are checked against every expense in order. */
export const PUBLIC_REVENUE = new Aggregate<PublicRevenueCommand, PublicRevenueEvent, PublicRevenueState>(
  publicRevenueDecider,
  publicRevenueStream,
);

/** A community's maintenance fund with every unit's sub-account: one stream, so no fen is spent twice. */
export const MAINTENANCE_FUND = new Aggregate<MaintenanceFundCommand, MaintenanceFundEvent, MaintenanceFundState>(
  maintenanceFundDecider,
  maintenanceFundStream,
);

export const STATEMENT = new Aggregate<StatementCommand, StatementEvent, StatementState>(
  statementDecider,
  statementStream,
);

/** A fund's statement register (rule 28), named by its full stream id (statementRegisterStream): where publications are decided in order. */
export const STATEMENT_REGISTER = new Aggregate<
  StatementRegisterCommand,
  StatementRegisterEvent,
  StatementRegisterState
>(statementRegisterDecider, (streamId) => streamId);
