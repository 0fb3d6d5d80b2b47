import type pg from 'pg';

/**
 * Announces appends on the notification channel after they commit, coalesced: at most one NOTIFY in
 * flight per store, and one more after it if appends finished meanwhile (they may have committed after
 * the NOTIFY in flight did, and a listener woken by it could have read too early).
 *
 * Why not pg_notify inside the append transaction: PostgreSQL serializes the commits of notifying
 * transactions on a global lock held through the commit's WAL flush, which cut append throughput with
 * 32 concurrent writers to a fraction in our measurement. The announcing transaction still takes that
 * lock, but only once per burst of appends, and no append waits for it. An announcement lost to a crash
 * between commit and NOTIFY costs a subscriber one poll interval, never an event.
 */
export class AppendAnnouncer {
  private sending = false;
  private again = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly channel: string,
  ) {}

  announce(): void {
    if (this.sending) {
      this.again = true;
      return;
    }
    this.sending = true;
    void this.send();
  }

  private async send(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.pool.query({
          name: 'gongzhi_announce',
          text: 'SELECT pg_notify($1, $2)',
          values: [this.channel, ''],
        });
      } catch {
        // Subscribers poll; the next append announces again.
      }
    } while (this.again && !this.pool.ended);
    this.sending = false;
  }
}
