import { Injectable } from '@nestjs/common';
import type { Projection } from './projection.js';

/** Modules register their projections here when they start; the runner feeds them all. */
@Injectable()
export class ProjectionRegistry {
  private readonly projections: Projection[] = [];
  private readonly byType = new Map<string, Projection[]>();

  register(projection: Projection): void {
    if (this.projections.some((p) => p.name === projection.name)) throw new Error(`projection ${projection.name} registered twice`);
    this.projections.push(projection);
    for (const type of projection.eventTypes) this.byType.set(type, [...(this.byType.get(type) ?? []), projection]);
  }

  all(): readonly Projection[] {
    return this.projections;
  }

  forType(type: string): readonly Projection[] {
    return this.byType.get(type) ?? [];
  }

  tables(): string[] {
    return this.projections.flatMap((p) => p.tables);
  }
}
