import { Injectable } from '@nestjs/common';
import {
  propertyServiceDecider,
  type PropertyServiceCommand,
  type PropertyServiceState,
} from '../../libs/domain/services/property-service.js';
import {
  propertyServiceStream,
  type PropertyServiceEvent,
} from '../../libs/domain/services/property-service.events.js';
import { requestDecider, type RequestCommand, type RequestState } from '../../libs/domain/services/request.js';
import { requestStream, type RequestEvent } from '../../libs/domain/services/request.events.js';
import { AggregateStream } from '../platform/event-sourcing/aggregate-stream.js';
import { EventSourcing } from '../platform/event-sourcing/event-sourcing.service.js';

/** One resident's request: its steps decided in order, so it is rated once and reopened once. */
@Injectable()
export class RequestStream extends AggregateStream<RequestCommand, RequestEvent, RequestState> {
  constructor(eventSourcing: EventSourcing) {
    super(eventSourcing, requestDecider, requestStream);
  }
}

/** A community's property service, by community id: a fee is released once, and only after its assessment. */
@Injectable()
export class PropertyServiceStream extends AggregateStream<
  PropertyServiceCommand,
  PropertyServiceEvent,
  PropertyServiceState
> {
  constructor(eventSourcing: EventSourcing) {
    super(eventSourcing, propertyServiceDecider, propertyServiceStream);
  }
}
