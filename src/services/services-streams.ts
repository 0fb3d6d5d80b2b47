import {
  propertyServiceDecider,
  type PropertyServiceCommand,
  type PropertyServiceState,
} from '@gongzhi/domain/services/property-service.js';
import { propertyServiceStream, type PropertyServiceEvent } from '@gongzhi/domain/services/property-service.events.js';
import { requestDecider, type RequestCommand, type RequestState } from '@gongzhi/domain/services/request.js';
import { requestStream, type RequestEvent } from '@gongzhi/domain/services/request.events.js';
import { Aggregate } from '../platform/event-sourcing/stream.js';

/** One resident's request: its steps decided in order, so it is rated once and reopened once. */
export const REQUEST = new Aggregate<RequestCommand, RequestEvent, RequestState>(requestDecider, requestStream);

/** A community's property service, by community id: a fee is released once, and only after its assessment. */
export const PROPERTY_SERVICE = new Aggregate<PropertyServiceCommand, PropertyServiceEvent, PropertyServiceState>(
  propertyServiceDecider,
  propertyServiceStream,
);
