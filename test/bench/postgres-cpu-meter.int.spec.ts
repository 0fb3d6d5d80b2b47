import pg from 'pg';
import { backendPid, PostgresCpuMeter, spentBetween } from '../../bench/support/cpu.js';
import { createTestDatabase } from '../support/database.js';

describe("the bench's meter of PostgreSQL sessions' CPU (figure 4's ceiling)", () => {
  let database: { url: string; drop(): Promise<void> };
  let meter: PostgresCpuMeter;
  let busy: pg.Client;
  let idle: pg.Client;
  let busyPid: number;
  let idlePid: number;

  beforeAll(async () => {
    database = await createTestDatabase('cpu_meter');
    // The embedded PostgreSQL runs on this machine, so its backends are in /proc: the meter must open.
    meter = (await PostgresCpuMeter.open(database.url))!;
    expect(meter).not.toBeNull();
    [busy, idle] = [0, 1].map(() => new pg.Client({ connectionString: database.url }));
    await Promise.all([busy.connect(), idle.connect()]);
    [busyPid, idlePid] = await Promise.all([backendPid(busy), backendPid(idle)]);
  });

  afterAll(async () => {
    await Promise.all([busy?.end(), idle?.end(), meter?.close()]);
    await database.drop();
  });

  it("puts a session's work down to that session, and none to a session that waits meanwhile", async () => {
    const before = await meter.read();
    await busy.query('SELECT count(*) FROM generate_series(1, 5000000) AS n WHERE n % 7 = 3');
    const spent = spentBetween(before, await meter.read());
    expect(spent.get(busyPid)).toBeGreaterThan(0);
    expect(spent.get(idlePid)).toBeLessThan(spent.get(busyPid)!);
  });

  it('counts a session opened between two readings from zero', async () => {
    const before = await meter.read();
    expect(before.has(busyPid)).toBe(true);
    const late = new pg.Client({ connectionString: database.url });
    await late.connect();
    try {
      const latePid = await backendPid(late);
      const after = await meter.read();
      expect(before.has(latePid)).toBe(false);
      expect(spentBetween(before, after).get(latePid)).toBe(after.get(latePid));
      expect(after.size).toBe(before.size + 1);
    } finally {
      await late.end();
    }
  });
});
