import { smallCommunity } from '../../support/small-community.js';
import type { TestServer } from '../../support/test-server.js';

/** Votes that open 20 days after the server clock's start (2026-01-05 09:00 +08:00), posted today as Beijing's rules ask. */
export const OPENS = '2026-01-25T09:00:00+08:00';
export const CLOSES = '2026-02-04T18:00:00+08:00';

export async function draftAndOpen(server: TestServer, cid: string, committee: string, votes: Record<string, unknown>[]): Promise<string[]> {
  const ids: string[] = [];
  for (const vote of votes) {
    const drafted = await server.post(`/api/v1/communities/${cid}/resolutions`, { opensAt: OPENS, closesAt: CLOSES, ...vote }, { token: committee });
    if (drafted.status !== 201) throw new Error(`draft: ${drafted.text}`);
    const posted = await server.post(`/api/v1/communities/${cid}/resolutions/${drafted.body.id}/post`, undefined, { token: committee });
    if (posted.status !== 200) throw new Error(`post: ${posted.text}`);
    ids.push(drafted.body.id);
  }
  server.clock.set(OPENS);
  for (const id of ids) {
    const opened = await server.post(`/api/v1/communities/${cid}/resolutions/${id}/open`, undefined, { token: committee });
    if (opened.status !== 200) throw new Error(`open: ${opened.text}`);
  }
  return ids;
}

export async function cast(server: TestServer, cid: string, rid: string, token: string, choice: string) {
  const answer = await server.post(`/api/v1/communities/${cid}/resolutions/${rid}/ballots`, { choice }, { token });
  if (answer.status !== 201) throw new Error(`ballot: ${answer.text}`);
  return answer.body;
}

export async function closeAll(server: TestServer, cid: string, committee: string, ids: string[]) {
  server.clock.set(CLOSES);
  let position = '0';
  for (const id of ids) {
    const closed = await server.post(`/api/v1/communities/${cid}/resolutions/${id}/close`, undefined, { token: committee });
    if (closed.status !== 200) throw new Error(`close: ${closed.text}`);
    position = closed.body.position ?? position;
  }
  return position;
}

export { smallCommunity };
