/**
 * Per key, one batch at a time; what arrives meanwhile waits and goes together in the next batch.
 * For a stream this means: commands queue in arrival order, and all that queued while one append was
 * being made durable are decided in turn and appended together — one fsync for many ballots on the
 * last evening of a vote, instead of one each.
 */
export class StreamBatcher<Item> {
  private readonly waiting = new Map<string, Item[]>();
  private readonly busy = new Set<string>();

  constructor(
    private readonly runBatch: (key: string, items: Item[]) => Promise<void>,
    private readonly maxBatch = 256,
  ) {}

  add(key: string, item: Item): void {
    const queue = this.waiting.get(key);
    if (queue) queue.push(item);
    else this.waiting.set(key, [item]);
    if (!this.busy.has(key)) void this.drain(key);
  }

  private async drain(key: string): Promise<void> {
    this.busy.add(key);
    try {
      for (;;) {
        const queue = this.waiting.get(key);
        if (!queue || queue.length === 0) break;
        const batch = queue.splice(0, this.maxBatch);
        // runBatch settles every item itself; a throw here would be a bug, and must not stall the key.
        await this.runBatch(key, batch).catch(() => {});
      }
    } finally {
      // Nothing can arrive between the empty check above and here: this runs without yielding.
      this.waiting.delete(key);
      this.busy.delete(key);
    }
  }
}
