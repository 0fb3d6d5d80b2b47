import pg from 'pg';
import type { DatabaseHost } from './database-hosts.js';

/**
 * The node of DATABASE_URL's host list that new sessions connect to, chosen at connect time by a subclass's
 * search (the writable node, or a standby for public reads) and remembered until a session on it is lost.
 * One search at a time: a pool filling up after a failover asks each host once, not once per session.
 */
export abstract class ChosenNode {
  private known: DatabaseHost | null = null;
  private looking: Promise<DatabaseHost> | null = null;

  constructor(
    protected readonly hosts: DatabaseHost[],
    protected readonly urlFor: (host: DatabaseHost) => string,
  ) {}

  locate(config: pg.ClientConfig): Promise<DatabaseHost> {
    if (this.known) return Promise.resolve(this.known);
    this.looking ??= this.search(config)
      .then((host) => (this.known = host))
      .finally(() => (this.looking = null));
    return this.looking;
  }

  lost(host: DatabaseHost): void {
    if (this.known === host) this.known = null;
  }

  /** Asks one host a yes-or-no question on a session of its own, ended after. */
  protected async ask(config: pg.ClientConfig, host: DatabaseHost, question: string): Promise<boolean> {
    const probe = new pg.Client({ ...config, connectionString: this.urlFor(host) });
    try {
      await probe.connect();
      const { rows } = await probe.query<{ answer: boolean }>(question);
      return rows[0].answer;
    } finally {
      await probe.end().catch(() => {});
    }
  }

  /** Asks the listed hosts in order; answers the one to connect to, or throws a connection failure (class 08). */
  protected abstract search(config: pg.ClientConfig): Promise<DatabaseHost>;

  /** Once a session is connected to the chosen node: throws if the node no longer answers as it did. */
  protected async confirm(_session: pg.Client, _host: DatabaseHost): Promise<void> {}

  /**
   * node-postgres's client, each session connected to this node: located at connect time, confirmed once
   * connected, and forgotten when a session on it is lost or fails to connect.
   */
  client() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the sessions' class below answers to this node
    const node = this;
    return class ChosenNodeClient extends pg.Client {
      private readonly config: pg.ClientConfig;
      /** The node this session connected to (null until it has). */
      chosen: DatabaseHost | null = null;

      constructor(config: pg.ClientConfig = {}) {
        super(config);
        this.config = config;
      }

      override connect(): Promise<pg.Client>;
      override connect(callback: ConnectCallback): void;
      override connect(callback?: ConnectCallback): Promise<pg.Client> | void {
        return connected(this.connectToChosen(), callback);
      }

      private async connectToChosen(): Promise<pg.Client> {
        const chosen = await node.locate(this.config);
        this.chosen = chosen;
        this.host = chosen.host;
        this.port = chosen.port;
        this.on('error', () => node.lost(chosen));
        try {
          await super.connect();
          await node.confirm(this, chosen);
        } catch (error) {
          node.lost(chosen);
          await this.end().catch(() => {});
          throw error;
        }
        return this;
      }
    };
  }
}

export type ConnectCallback = ((error: Error) => void) | ((error: null, client: pg.Client) => void);

/** pg.Client's connect in both its forms (pg-pool passes a callback) over one promise. */
export function connected(connecting: Promise<pg.Client>, callback?: ConnectCallback): Promise<pg.Client> | void {
  if (!callback) return connecting;
  connecting.then(
    (client) => (callback as (error: null, client: pg.Client) => void)(null, client),
    (error: Error) => (callback as (error: Error) => void)(error),
  );
}
