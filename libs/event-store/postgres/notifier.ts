import type pg from 'pg';
import { ChangeCounter, type ChangeFeed } from '../shared/change-signal.js';

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

/**
 * LISTENs on the append channel while at least one subscription runs, on one connection taken from the
 * pool for that time. When the connection drops it reconnects with backoff, and it wakes the
 * subscriptions each time it (re)connects, since notifications sent while it was away are lost.
 * Subscriptions also poll, so a lost notification only costs latency.
 */
export class PostgresNotifier implements ChangeFeed {
  private readonly changes = new ChangeCounter();
  private users = 0;
  private client?: pg.PoolClient;
  private connecting?: Promise<void>;
  private retryTimer?: NodeJS.Timeout;
  private retryMs = 0;
  private readonly destroyed = new WeakSet<pg.PoolClient>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly channel: string,
  ) {}

  version(): number {
    return this.changes.version();
  }

  waitForChange(since: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
    return this.changes.waitForChange(since, timeoutMs, signal);
  }

  /** Wakes this process's subscriptions at once after its own appends, without the server round trip. */
  wake(): void {
    this.changes.bump();
  }

  retain(): void {
    if (this.users++ === 0) this.connect();
  }

  async release(): Promise<void> {
    if (--this.users > 0) return;
    await this.close();
  }

  async close(): Promise<void> {
    this.users = 0;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.connecting;
    if (this.client) this.destroy(this.client);
  }

  /** The server process id of the listening connection, if connected (tests kill it on purpose). */
  async listenerPid(): Promise<number | undefined> {
    await this.connecting;
    return (this.client as unknown as { processID?: number } | undefined)?.processID;
  }

  private connect(): void {
    if (this.users === 0 || this.client || this.connecting) return;
    this.connecting = this.listen().finally(() => {
      this.connecting = undefined;
    });
  }

  private async listen(): Promise<void> {
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      const current = client;
      current.on('notification', (message) => {
        if (message.channel === this.channel) this.changes.bump();
      });
      current.on('error', () => this.lost(current));
      current.on('end', () => this.lost(current));
      await current.query(`LISTEN "${this.channel.replaceAll('"', '""')}"`);
      if (this.users === 0) return this.destroy(current);
      this.client = current;
      this.retryMs = 0;
      this.changes.bump();
    } catch {
      if (client) this.destroy(client);
      this.scheduleReconnect();
    }
  }

  private lost(client: pg.PoolClient): void {
    if (this.client !== client) return;
    this.destroy(client);
    this.changes.bump();
    this.scheduleReconnect();
  }

  /** Destroys the connection rather than returning it to the pool, where it would still be listening. */
  private destroy(client: pg.PoolClient): void {
    if (this.client === client) this.client = undefined;
    if (this.destroyed.has(client)) return;
    this.destroyed.add(client);
    client.release(true);
  }

  private scheduleReconnect(): void {
    if (this.users === 0 || this.retryTimer) return;
    this.retryMs = Math.min(this.retryMs ? this.retryMs * 2 : FIRST_RETRY_MS, MAX_RETRY_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connect();
    }, this.retryMs);
  }
}
