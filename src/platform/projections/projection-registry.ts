import { Injectable } from '@nestjs/common';
import type { Projection } from './projection.js';

export interface RegisteredProjection {
  projection: Projection;
  /** Its eventTypes, as a set: the batch applier asks once per event. */
  wants: ReadonlySet<string>;
}

/** Modules register their projections here when they start; the runner feeds them all. */
@Injectable()
export class ProjectionRegistry {
  private readonly registered: RegisteredProjection[] = [];

  register(projection: Projection): void {
    if (this.registered.some((r) => r.projection.name === projection.name))
      throw new Error(`projection ${projection.name} registered twice`);
    this.registered.push({ projection, wants: new Set(projection.eventTypes) });
  }

  all(): readonly Projection[] {
    return this.registered.map((r) => r.projection);
  }

  /** Each projection with the event types it wants, in the order they registered. */
  byProjection(): readonly RegisteredProjection[] {
    return this.registered;
  }

  tables(): string[] {
    return this.registered.flatMap((r) => r.projection.tables);
  }
}
