import { at } from '../shared/time.js';
import type { FiledRequest } from './request.js';
import type { Handler } from './request.events.js';

/**
 * The counts rules 35, 37 and 38 are made of, for a set of requests as they stood at `asOf`:
 * on time = no step recorded late and no limit passed with its step still undone;
 * satisfied = rated SATISFIED or BASICALLY_SATISFIED (满意 + 基本满意, as 12345 counts).
 */
export interface RequestFigures {
  counted: number;
  onTime: number;
  rated: number;
  satisfied: number;
  reopened: number;
}

/** A limit passed with its step undone: the overdue list (rule 35). */
export function overdueSteps(r: FiledRequest, asOf: number): ('ACKNOWLEDGE' | 'RESOLVE')[] {
  const steps: ('ACKNOWLEDGE' | 'RESOLVE')[] = [];
  if (r.acceptedAt === null && asOf > at(r.filed.acknowledgeBy)) steps.push('ACKNOWLEDGE');
  if (r.status !== 'RESOLVED' && asOf > at(r.resolveBy)) steps.push('RESOLVE');
  return steps;
}

export const onTime = (r: FiledRequest, asOf: number): boolean =>
  r.lateSteps === 0 && overdueSteps(r, asOf).length === 0;

export function requestFigures(requests: Iterable<FiledRequest>, asOf: Date): RequestFigures {
  const now = asOf.getTime();
  const figures: RequestFigures = { counted: 0, onTime: 0, rated: 0, satisfied: 0, reopened: 0 };
  for (const r of requests) {
    figures.counted++;
    if (onTime(r, now)) figures.onTime++;
    if (r.rating) figures.rated++;
    if (r.rating === 'SATISFIED' || r.rating === 'BASICALLY_SATISFIED') figures.satisfied++;
    if (r.reopened) figures.reopened++;
  }
  return figures;
}

/** The requests a contract period answers for (rule 37): filed within it, handed to the property company. */
export function periodRequests(
  requests: Iterable<FiledRequest>,
  period: { startsAt: string; endsAt: string },
  handler: Handler = 'PROPERTY_COMPANY',
): FiledRequest[] {
  const start = at(period.startsAt);
  const end = at(period.endsAt);
  return [...requests].filter((r) => {
    const t = at(r.filed.filedAt);
    return r.handler === handler && t >= start && t < end;
  });
}
