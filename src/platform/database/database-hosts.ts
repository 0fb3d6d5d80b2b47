/** One PostgreSQL server of a DATABASE_URL's host list. */
export interface DatabaseHost {
  host: string;
  port: number;
}

export interface DatabaseHosts {
  hosts: DatabaseHost[];
  /** The URL naming the one host, the rest of the original (user, password, database, options) unchanged. */
  urlFor(host: DatabaseHost): string;
}

const DEFAULT_PORT = 5432;
/** libpq's own host-list separator; node-postgres and TypeORM read a URL with one host only. */
const LIST = /^(postgres(?:ql)?:\/\/)([^/?#]*@)?([^/?#]*)(.*)$/;

/**
 * Reads the host list of a libpq-style URL, `postgresql://user:pw@h1:5432,h2:5433/db?target_session_attrs=read-write`.
 * target_session_attrs is taken out: the server always writes, so with several hosts it always looks
 * for the one that accepts writes (see writable-node.ts), whatever the URL asks; node-postgres would
 * otherwise pass the option to the server as a setting it does not know.
 */
export function databaseHosts(url: string): DatabaseHosts {
  const parts = LIST.exec(url);
  if (!parts) return { hosts: [], urlFor: () => url };
  const [, scheme, credentials = '', list, rest] = parts;
  const hosts = list
    .split(',')
    .filter(Boolean)
    .map((entry) => {
      const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
      if (bracketed) return { host: bracketed[1], port: Number(bracketed[2] ?? DEFAULT_PORT) };
      const colon = entry.lastIndexOf(':');
      return colon < 0
        ? { host: entry, port: DEFAULT_PORT }
        : { host: entry.slice(0, colon), port: Number(entry.slice(colon + 1)) };
    });
  const options = withoutTargetSessionAttrs(rest);
  return {
    hosts,
    urlFor: ({ host, port }) => `${scheme}${credentials}${host.includes(':') ? `[${host}]` : host}:${port}${options}`,
  };
}

function withoutTargetSessionAttrs(rest: string): string {
  const query = rest.indexOf('?');
  if (query < 0) return rest;
  const params = new URLSearchParams(rest.slice(query + 1));
  params.delete('target_session_attrs');
  const kept = params.toString();
  return `${rest.slice(0, query)}${kept ? `?${kept}` : ''}`;
}
