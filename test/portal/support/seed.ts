import { smallCommunity } from '../../support/small-community.js';
import type { DraftElection } from '../../../src/elections/commands/draft-election.js';
import type { CastBallot } from '../../../src/voting/commands/cast-ballot.js';
import type { DraftResolution } from '../../../src/voting/commands/draft-resolution.js';
import type { CommandAnswer, SpecBody, TestServer } from '../../support/test-server.js';

/** Votes that open 20 days after the server clock's start (2026-01-05 09:00 +08:00), posted today as Beijing's rules ask. */
export const OPENS = '2026-01-25T09:00:00+08:00';
export const CLOSES = '2026-02-04T18:00:00+08:00';

/** A write through the real API that must succeed for the test's story to make sense; its body, typed as `T`. */
export async function write<T = SpecBody>(
  server: TestServer,
  path: string,
  body: unknown,
  token: string,
  status = 201,
) {
  const answer = await server.post<T>(`/api/v1${path}`, body, { token });
  if (answer.status !== status) throw new Error(`${path}: ${answer.status} ${answer.text}`);
  return answer.body;
}

export async function draftAndOpen(
  server: TestServer,
  cid: string,
  committee: string,
  votes: Record<string, unknown>[],
  elections: string[] = [],
): Promise<string[]> {
  const ids: string[] = [];
  for (const vote of votes) {
    const drafted = await write<CommandAnswer<DraftResolution>>(
      server,
      `/communities/${cid}/resolutions`,
      { opensAt: OPENS, closesAt: CLOSES, ...vote },
      committee,
    );
    await write<unknown>(server, `/communities/${cid}/resolutions/${drafted.id}/post`, undefined, committee, 200);
    ids.push(drafted.id);
  }
  server.clock.set(OPENS);
  for (const id of ids)
    await write<unknown>(server, `/communities/${cid}/resolutions/${id}/open`, undefined, committee, 200);
  // Elections announced alongside (announceElection) open on the same day.
  for (const eid of elections)
    await write<unknown>(server, `/communities/${cid}/elections/${eid}/open`, undefined, committee, 200);
  return ids;
}

/** Four of the small roster's owners stand for a three-seat committee (three seats: at most 100 households, rule 14). */
export const CANDIDATES = [
  ['C1', '张伟', 'O1'],
  ['C2', '李娜', 'O2'],
  ['C3', '刘洋', 'O4'],
  ['C4', '陈静', 'O5'],
].map(([candidateId, name, ownerId]) => ({ candidateId, name, ownerId }));

/** Drafts and posts an election of the committee that opens and closes with the votes above. */
export async function announceElection(
  server: TestServer,
  cid: string,
  committee: string,
  election: Record<string, unknown>,
): Promise<string> {
  const drafted = await write<CommandAnswer<DraftElection>>(
    server,
    `/communities/${cid}/elections`,
    { opensAt: OPENS, closesAt: CLOSES, seats: 3, alternates: 0, candidates: CANDIDATES, ...election },
    committee,
  );
  await write<unknown>(server, `/communities/${cid}/elections/${drafted.id}/post`, undefined, committee, 200);
  return drafted.id;
}

export const cast = (server: TestServer, cid: string, rid: string, token: string, choice: string) =>
  write<CommandAnswer<CastBallot>>(server, `/communities/${cid}/resolutions/${rid}/ballots`, { choice }, token);

export async function closeAll(
  server: TestServer,
  cid: string,
  committee: string,
  ids: string[],
  elections: string[] = [],
) {
  server.clock.set(CLOSES);
  for (const id of ids)
    await write<unknown>(server, `/communities/${cid}/resolutions/${id}/close`, undefined, committee, 200);
  for (const eid of elections)
    await write<unknown>(server, `/communities/${cid}/elections/${eid}/close`, undefined, committee, 200);
}

/** The small community with its property company, 龙泽物业 ("wuye"), registered by the committee (rule 34). */
export async function smallCommunityWithCompany(server: TestServer) {
  const community = await smallCommunity(server);
  await write<unknown>(
    server,
    `/communities/${community.communityId}/property-companies`,
    { companyId: 'wuye', name: '龙泽物业', creditCode: '91110114MA01ABCD2X' },
    community.committee,
  );
  return community;
}

export { smallCommunity };
