import { smallCommunity } from '../support/small-community.js';
import type { TestServer } from '../support/test-server.js';

export const YEAR_SECONDS = String(365 * 24 * 3600);

/**
 * A community with the small roster and an open SURVEY vote (CN-CIVIL-CODE-2021 needs no posting
 * period), as the server's clock stands: 2026-01-05 09:00 +08:00.
 */
export async function openSurvey(server: TestServer, voters = ['O1', 'O2', 'O4', 'O5']) {
  const community = await smallCommunity(server, voters, 'CN-CIVIL-CODE-2021');
  const { communityId, committee } = community;
  const drafted = await server.post(
    `/api/v1/communities/${communityId}/resolutions`,
    { title: '试运行', description: '', matter: 'SURVEY', opensAt: '2026-01-05T09:00:00+08:00', closesAt: '2026-01-06T09:00:00+08:00' },
    { token: committee },
  );
  if (drafted.status !== 201) throw new Error(drafted.text);
  const resolution = `/api/v1/communities/${communityId}/resolutions/${drafted.body.id}`;
  for (const step of ['post', 'open']) {
    const answer = await server.post(`${resolution}/${step}`, undefined, { token: committee });
    if (answer.status !== 200) throw new Error(`${step}: ${answer.text}`);
  }
  return { ...community, resolutionId: drafted.body.id as string, resolution };
}

export async function castBallot(server: TestServer, resolution: string, token: string, choice: string) {
  const answer = await server.post(`${resolution}/ballots`, { choice }, { token });
  if (answer.status !== 201) throw new Error(answer.text);
  return answer.body.receipt as { eventId: string; streamId: string; revision: number; leafHash: string; position: string };
}

/** Polls until a signed checkpoint covers the event; answers that checkpoint. */
export async function checkpointCovering(server: TestServer, communityId: string, eventId: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const checkpoint = await server.get(`/api/v1/communities/${communityId}/log/checkpoint`);
    if (checkpoint.status === 200) {
      const proof = await server.get(`/api/v1/communities/${communityId}/log/proofs/inclusion?eventId=${eventId}&treeSize=${checkpoint.body.treeSize}`);
      if (proof.status === 200) return checkpoint.body as { communityId: string; treeSize: number; rootHash: string; timestamp: string; signature: string };
    }
    if (Date.now() > deadline) throw new Error(`no checkpoint covers event ${eventId} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the projections reached `position` and a checkpoint signs the whole log; answers the export. */
export async function signedExport(server: TestServer, communityId: string, token: string, position: string, timeoutMs = 15_000): Promise<string> {
  await server.get(`/api/v1/communities/${communityId}?after=${position}`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const bundle = await exportOf(server, communityId, token);
    const header = JSON.parse(bundle.slice(0, bundle.indexOf('\n')));
    const checkpoint = await server.get(`/api/v1/communities/${communityId}/log/checkpoint`);
    if (checkpoint.status === 200 && checkpoint.body.treeSize === header.treeSize) return bundle;
    if (Date.now() > deadline) throw new Error(`the log of ${communityId} was not signed to its end within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function exportOf(server: TestServer, communityId: string, token: string): Promise<string> {
  // fetch, not server.get: the body is NDJSON, many JSON values, not one.
  const answer = await fetch(`${server.baseUrl}/api/v1/communities/${communityId}/export`, { headers: { authorization: `Bearer ${token}` } });
  const text = await answer.text();
  if (answer.status !== 200) throw new Error(`export: ${answer.status} ${text}`);
  return text;
}
