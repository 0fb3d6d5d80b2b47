import { Injectable } from '@nestjs/common';
import {
  maintenanceFundDecider,
  type MaintenanceFundCommand,
  type MaintenanceFundState,
} from '../../libs/domain/finance/maintenance-fund.js';
import { maintenanceFundStream, type MaintenanceFundEvent } from '../../libs/domain/finance/maintenance-fund.events.js';
import {
  publicRevenueDecider,
  type PublicRevenueCommand,
  type PublicRevenueState,
} from '../../libs/domain/finance/public-revenue.js';
import { publicRevenueStream, type PublicRevenueEvent } from '../../libs/domain/finance/public-revenue.events.js';
import {
  statementRegisterDecider,
  type StatementRegisterCommand,
  type StatementRegisterEvent,
  type StatementRegisterState,
} from '../../libs/domain/finance/statement-register.js';
import { statementDecider, type StatementCommand, type StatementState } from '../../libs/domain/finance/statement.js';
import { statementStream, type StatementEvent } from '../../libs/domain/finance/statement.events.js';
import { AggregateStream } from '../platform/event-sourcing/aggregate-stream.js';
import { EventSourcing } from '../platform/event-sourcing/event-sourcing.service.js';

/** A community's public-revenue account: one stream, so budgets are checked against every expense in order. */
@Injectable()
export class PublicRevenueStream extends AggregateStream<PublicRevenueCommand, PublicRevenueEvent, PublicRevenueState> {
  constructor(eventSourcing: EventSourcing) {
    super(eventSourcing, publicRevenueDecider, publicRevenueStream);
  }
}

/** A community's maintenance fund with every unit's sub-account: one stream, so no fen is spent twice. */
@Injectable()
export class MaintenanceFundStream extends AggregateStream<
  MaintenanceFundCommand,
  MaintenanceFundEvent,
  MaintenanceFundState
> {
  constructor(eventSourcing: EventSourcing) {
    super(eventSourcing, maintenanceFundDecider, maintenanceFundStream);
  }
}

@Injectable()
export class StatementStream extends AggregateStream<StatementCommand, StatementEvent, StatementState> {
  constructor(eventSourcing: EventSourcing) {
    super(eventSourcing, statementDecider, statementStream);
  }
}

/** A fund's statement register (rule 28), named by its full stream id (statementRegisterStream): where publications are decided in order. */
@Injectable()
export class StatementRegisterStream extends AggregateStream<
  StatementRegisterCommand,
  StatementRegisterEvent,
  StatementRegisterState
> {
  constructor(eventSourcing: EventSourcing) {
    super(eventSourcing, statementRegisterDecider, (streamId) => streamId);
  }
}
