import { expect } from '@jest/globals';
import type { TestServer } from '../support/test-server.js';

const DAY = 24 * 3600 * 1000;

export interface Motion {
  title: string;
  matter: string;
  budget?: { amount: string; fund: 'PUBLIC_REVENUE' | 'MAINTENANCE_FUND'; units?: string[]; buildings?: string[] };
  /** A MANAGEMENT_COVENANT vote's caps (rule 27). */
  covenant?: { perItemCap: string; yearlyCap: string };
  /** How every activated owner votes: those on the vote's roster, which a budget's bearers narrow (rule 25). */
  choice: 'FOR' | 'AGAINST';
}

/**
 * Puts motions to the owners side by side, the way the committee would: draft, post 16 days ahead
 * (the Beijing rulebook asks 15), open, every activated owner votes, close a week later. Moves the
 * server clock to the close; answers each resolution's id, outcome and the position of its close.
 */
export async function putToTheVote(
  server: TestServer,
  cid: string,
  committee: string,
  ownerTokens: Record<string, string>,
  motions: Motion[],
) {
  const now = server.clock.now().getTime();
  const opensAt = new Date(now + 16 * DAY).toISOString();
  const closesAt = new Date(now + 23 * DAY).toISOString();
  const ids: string[] = [];
  for (const m of motions) {
    const drafted = await server.post<{ id: string }>(
      `/api/v1/communities/${cid}/resolutions`,
      {
        title: m.title,
        description: m.title,
        matter: m.matter,
        opensAt,
        closesAt,
        ...(m.budget ? { budget: m.budget } : {}),
        ...(m.covenant ? { covenant: m.covenant } : {}),
      },
      { token: committee },
    );
    expect(drafted.status).toBe(201);
    ids.push(drafted.body.id);
    expect(
      (
        await server.post(`/api/v1/communities/${cid}/resolutions/${drafted.body.id}/post`, undefined, {
          token: committee,
        })
      ).status,
    ).toBe(200);
  }
  server.clock.set(opensAt);
  for (const [i, rid] of ids.entries()) {
    expect(
      (await server.post(`/api/v1/communities/${cid}/resolutions/${rid}/open`, undefined, { token: committee })).status,
    ).toBe(200);
    const scoped = Boolean(motions[i].budget?.units?.length || motions[i].budget?.buildings?.length);
    for (const token of Object.values(ownerTokens)) {
      const cast = await server.post<{ code?: string }>(
        `/api/v1/communities/${cid}/resolutions/${rid}/ballots`,
        { choice: motions[i].choice },
        { token },
      );
      // Rule 25: an owner outside the bearers of a scoped vote has no ballot in it.
      if (scoped && cast.status === 403) expect(cast.body.code).toBe('NOT_A_VOTER');
      else expect(cast.status).toBe(201);
    }
  }
  server.clock.set(closesAt);
  /** Each close's position, for reads that must see it (?after=). */
  const outcomes: { id: string; outcome: string; position: string }[] = [];
  for (const rid of ids) {
    const closed = await server.post<{ outcome: string; position: string }>(
      `/api/v1/communities/${cid}/resolutions/${rid}/close`,
      undefined,
      { token: committee },
    );
    expect(closed.status).toBe(200);
    outcomes.push({ id: rid, outcome: closed.body.outcome, position: closed.body.position });
  }
  return outcomes;
}

export const sha = (c: string) => c.repeat(64);

/** A CSV download's bytes: checks the byte-order mark and answers the text. */
export async function csvText(server: TestServer, path: string, token?: string): Promise<string> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/text\/csv/);
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder().decode(bytes.slice(3));
}
