import type { DraftResolution } from '../../src/voting/commands/draft-resolution.js';
import type { OpenResolution, PostResolution } from '../../src/voting/commands/resolution-steps.js';
import { type ApiAnswer, type CommandAnswer, TestServer } from '../../test/support/test-server.js';

/** The real server as the tests start it (test/support/test-server.ts), with what a bench needs on top. */
export function startBenchServer(databaseUrl: string): Promise<TestServer> {
  return TestServer.startOn(databaseUrl, {
    GONGZHI_TOKEN_TTL_SECONDS: String(365 * 24 * 3600),
    // The export waits (?after=) for the projections to take in everything the bench wrote…
    GONGZHI_AFTER_WAIT_MS: '300000',
    // …and the checkpoint timer signs the tail of each log soon after.
    GONGZHI_CHECKPOINT_SECONDS: '1',
  });
}

/**
 * What closing a resolution answers. CloseResolution declares Record<string, unknown> (its tally's fields vary);
 * a bench reads the position to wait for.
 */
export interface ResolutionClosed {
  position: string;
}

/** The body of a successful answer: a bench stops at anything else. */
export async function ok<T>(what: string, answer: Promise<ApiAnswer<T>>): Promise<T> {
  const { status, text, body } = await answer;
  if (status >= 300) throw new Error(`${what}: ${status} ${text.slice(0, 500)}`);
  return body;
}

/** Drafts, posts and opens a vote now, under the community's rulebook (the bench's have no posting period). */
export async function openVote(server: TestServer, cid: string, committee: string, title: string) {
  const options = { token: committee };
  const drafted = await ok(
    'draft',
    server.post<CommandAnswer<DraftResolution>>(
      `/api/v1/communities/${cid}/resolutions`,
      {
        title,
        description: '',
        matter: 'OTHER_MAJOR',
        opensAt: '2026-01-05T09:00:00+08:00',
        closesAt: '2026-12-31T09:00:00+08:00',
      },
      options,
    ),
  );
  const path = `/api/v1/communities/${cid}/resolutions/${drafted.id}`;
  await ok('post', server.post<CommandAnswer<PostResolution>>(`${path}/post`, undefined, options));
  const opened = await ok('open', server.post<CommandAnswer<OpenResolution>>(`${path}/open`, undefined, options));
  return { rid: drafted.id, path, opened };
}
