import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { readConfig } from '../../src/platform/config/app-config.js';
import { databaseHosts } from '../../src/platform/database/database-hosts.js';

/**
 * No Docker engine runs where the tests run: this reads docker/docker-compose.replicated.yml and checks
 * that it is the layout the failover fault test runs on loopback (a pg_auto_failover monitor, two
 * nodes registered with it) and that the app's DATABASE_URL lists both nodes for the server's host selection.
 */

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string | string[] };
}

const compose = load(readFileSync('docker/docker-compose.replicated.yml', 'utf8')) as {
  services: Record<string, Service>;
};
const nodeImage = readFileSync('docker/pg-auto-failover.Dockerfile', 'utf8');
const option = (command: string | undefined, name: string) => new RegExp(`--${name} (\\S+)`).exec(command ?? '')?.[1];

describe('docker/docker-compose.replicated.yml', () => {
  const { monitor, node1, node2, app } = compose.services;

  it('runs a pg_auto_failover monitor, two PostgreSQL nodes and the app, the nodes from Debian’s package', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'monitor', 'node1', 'node2']);
    expect(monitor.command).toMatch(/^pg_autoctl create monitor .*--run$/);
    expect(nodeImage).toMatch(/apt-get install .*postgresql-15-auto-failover/);
    expect(nodeImage).toMatch(/^USER postgres$/m);
  });

  it('registers both nodes with the monitor, for the same database, under their own host names', () => {
    for (const [name, node] of [
      ['node1', node1],
      ['node2', node2],
    ] as const) {
      expect(node.command).toMatch(/^pg_autoctl create postgres .*--run$/);
      expect(new URL(option(node.command, 'monitor')!).hostname).toBe('monitor');
      expect(option(node.command, 'hostname')).toBe(name);
      expect(option(node.command, 'dbname')).toBe('gongzhi');
    }
    expect(node2.depends_on).toEqual({ node1: { condition: 'service_healthy' } });
  });

  it('points the app at both nodes, and the server reads that as two hosts of the one database', () => {
    const url = app.environment!.DATABASE_URL;
    const { hosts, urlFor } = databaseHosts(url);
    expect(hosts).toEqual([
      { host: 'node1', port: Number(option(node1.command, 'pgport')) },
      { host: 'node2', port: Number(option(node2.command, 'pgport')) },
    ]);
    expect(new URL(urlFor(hosts[1])).pathname).toBe('/gongzhi');
    expect(new URLSearchParams(url.split('?')[1]).get('target_session_attrs')).toBe('read-write');
    const env = Object.fromEntries(
      Object.entries(app.environment!).map(([k, v]) => [k, v.replace(/\$\{\w+:-([^}]*)\}/g, '$1')]),
    );
    expect(readConfig(env)).toMatchObject({ databaseUrl: url, eventStore: 'postgres' });
    expect(app.depends_on).toEqual({
      node1: { condition: 'service_healthy' },
      node2: { condition: 'service_healthy' },
    });
  });
});
