/**
 * Folded state per stream, so the n-th command on a stream reads only the events after the cached
 * revision instead of refolding n events. Least recently used streams are dropped past `capacity`.
 * Safe to share: evolve is pure, so a cached state is never changed in place.
 */
export class StreamStateCache {
  private readonly entries = new Map<string, { revision: number; state: unknown }>();

  constructor(private readonly capacity = 5000) {}

  get<State>(streamId: string): { revision: number; state: State } | undefined {
    const entry = this.entries.get(streamId);
    if (!entry) return undefined;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry as { revision: number; state: State };
  }

  set(streamId: string, revision: number, state: unknown): void {
    const current = this.entries.get(streamId);
    if (current && current.revision > revision) return;
    this.entries.delete(streamId);
    this.entries.set(streamId, { revision, state });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
