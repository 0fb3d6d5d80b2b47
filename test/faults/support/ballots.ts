import { resolutionStream } from '@gongzhi/domain/voting/resolution.events.js';
import { commandIdFor, eventIdFor } from '../../../src/platform/event-sourcing/command-context.js';
import { windowOf } from '../../../src/platform/http/idempotency.interceptor.js';
import type { IdentityController } from '../../../src/identity/identity.controller.js';
import type { RegisterOwners } from '../../../src/registry/commands/register-owners.js';
import type { DraftResolution } from '../../../src/voting/commands/draft-resolution.js';
import { type ApiClient, type CommandAnswer, communityWithCommittee } from '../../support/test-server.js';

export interface Owner {
  ownerId: string;
  accountId: string;
  token: string;
}

export interface OpenVote {
  communityId: string;
  committee: string;
  resolutionId: string;
  streamId: string;
  /** …/resolutions/{rid} */
  path: string;
  owners: Owner[];
}

const CONCURRENT_SIGN_INS = 8;

/** A community of `count` owners, one flat each, every owner's account activated and signed in, and an open vote. */
export async function openVoteWithOwners(server: ApiClient, count: number, name: string): Promise<OpenVote> {
  const { communityId, committee } = await communityWithCommittee(server, name, 'CN-CIVIL-CODE-2021');
  const ids = Array.from({ length: count }, (_, i) => `F${String(i + 1).padStart(3, '0')}`);
  const registered = await server.post<CommandAnswer<RegisterOwners>>(
    `/api/v1/communities/${communityId}/owners`,
    ids.map((ownerId) => ({ ownerId, name: `业主${ownerId}`, kind: 'PERSON' })),
    { token: committee },
  );
  if (registered.status !== 201) throw new Error(`owners not registered: ${registered.text}`);
  const units = await server.post<unknown>(
    `/api/v1/communities/${communityId}/units`,
    ids.map((id, i) => ({ unitId: `1-${id}`, building: '1', areaM2: `${80 + (i % 7) * 10}.50`, ownerIds: [id] })),
    { token: committee },
  );
  if (units.status !== 201) throw new Error(`units not registered: ${units.text}`);

  const owners: Owner[] = [];
  for (let i = 0; i < ids.length; i += CONCURRENT_SIGN_INS) {
    owners.push(
      ...(await Promise.all(
        ids.slice(i, i + CONCURRENT_SIGN_INS).map(async (ownerId) => {
          const token = await server.activateAndSignIn(
            registered.body.activationCodes[ownerId],
            `${ownerId.toLowerCase()}-${communityId.slice(0, 8)}`,
          );
          const me = await server.get<ReturnType<IdentityController['me']>>('/api/v1/auth/me', { token });
          return { ownerId, accountId: me.body.accountId, token };
        }),
      )),
    );
  }

  return { ...(await openVote(server, communityId, committee)), owners };
}

/**
 * A vote drafted, posted and opened now, on the server's real clock: posted before it opens (rule 8),
 * it opens a second after the draft, under the Civil Code rulebook which has no posting period. On a
 * loaded machine the draft and the post can take longer than that second, and the post is then refused
 * (POSTING_PERIOD_TOO_SHORT, as it should be): the vote is drafted again, opening later.
 */
export async function openVote(
  server: ApiClient,
  communityId: string,
  committee: string,
): Promise<Omit<OpenVote, 'owners'>> {
  for (let lead = 1_000; ; lead *= 3) {
    const opensAt = Date.now() + lead;
    const drafted = await server.post<CommandAnswer<DraftResolution>>(
      `/api/v1/communities/${communityId}/resolutions`,
      {
        title: '更换电梯',
        description: '故障测试中的一次表决',
        matter: 'OTHER_MAJOR',
        opensAt: new Date(opensAt).toISOString(),
        closesAt: new Date(opensAt + 3_600_000).toISOString(),
      },
      { token: committee },
    );
    if (drafted.status !== 201) throw new Error(`resolution not drafted: ${drafted.text}`);
    const resolutionId = drafted.body.id;
    const path = `/api/v1/communities/${communityId}/resolutions/${resolutionId}`;
    const posted = await server.post<{ code?: string }>(`${path}/post`, undefined, { token: committee });
    if (posted.status === 409 && posted.body.code === 'POSTING_PERIOD_TOO_SHORT' && lead < 27_000) continue;
    if (posted.status !== 200) throw new Error(`resolution not posted: ${posted.text}`);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, opensAt + 50 - Date.now())));
    const opened = await server.post<unknown>(`${path}/open`, undefined, { token: committee });
    if (opened.status !== 200) throw new Error(`resolution not opened: ${opened.text}`);
    return { communityId, committee, resolutionId, streamId: resolutionStream(resolutionId), path };
  }
}

export const CHOICES = ['FOR', 'AGAINST', 'ABSTAIN'] as const;

/** One ballot request and what came of it; `status` null: no answer at all (refused, cut, or timed out). */
export interface Cast {
  ownerId: string;
  accountId: string;
  key: string;
  choice: string;
  /**
   * The event id the server derives from this request's Idempotency-Key and the key's window
   * (command-context.ts): known for sure only once the key's record is read (nameAsTheServer).
   */
  eventId: string;
  status: number | null;
  code?: string;
  receipt?: { eventId: string; leafHash: string; position: string };
  failure?: string;
  sentAt: number;
  answeredAt: number;
}

/** Casts one online ballot with an Idempotency-Key, never throwing: a lost answer is an outcome too. */
export async function castBallot(
  server: ApiClient,
  vote: OpenVote,
  owner: Owner,
  choice: string,
  key: string,
  timeoutMs = 15_000,
): Promise<Cast> {
  const eventId = eventIdFor(commandIdFor(owner.accountId, key), vote.streamId, 0);
  const sentAt = Date.now();
  try {
    // JSON with a receipt or a refusal's code, or an answer that is not JSON, which ApiClient gives as its text.
    const answer = await server.post<Pick<Cast, 'code' | 'receipt'> | string>(
      `${vote.path}/ballots`,
      { choice },
      { token: owner.token, headers: { 'idempotency-key': key }, signal: AbortSignal.timeout(timeoutMs) },
    );
    const json = typeof answer.body === 'string' ? undefined : answer.body;
    return {
      ownerId: owner.ownerId,
      accountId: owner.accountId,
      key,
      choice,
      eventId,
      status: answer.status,
      code: json?.code,
      receipt: json?.receipt,
      sentAt,
      answeredAt: Date.now(),
    };
  } catch (error) {
    const failure =
      (error as Error).name === 'TimeoutError'
        ? 'TIMEOUT'
        : String((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message);
    return {
      ownerId: owner.ownerId,
      accountId: owner.accountId,
      key,
      choice,
      eventId,
      status: null,
      failure,
      sentAt,
      answeredAt: Date.now(),
    };
  }
}

/**
 * Sets each cast's event id as the server named it: the command is named by the account, the key and
 * the key's window, which the server recorded at the key's first use. A key with no record never
 * reached a command, so its id stays the one without a window (and is found nowhere).
 */
export async function nameAsTheServer(
  casts: Cast[],
  vote: OpenVote,
  windows: (keys: { accountId: string; key: string }[]) => Promise<Map<string, Date>>,
): Promise<void> {
  const firstUse = await windows(casts);
  for (const cast of casts) {
    const window = windowOf(firstUse.get(`${cast.accountId}\n${cast.key}`) ?? null);
    cast.eventId = eventIdFor(commandIdFor(cast.accountId, cast.key, window), vote.streamId, 0);
  }
}

/** The quorum record once the read models have reached `position` (API.md ?after=). */
export async function quorumRecord(server: ApiClient, vote: OpenVote, position: bigint) {
  const answer = await server.get<{
    voters: { voterId: string; participated: boolean; ballotEventId: string | null; choice: string | null }[];
    ballots: { eventId: string; ownerId: string; choice: string; late: boolean }[];
  }>(`${vote.path}/quorum-record?after=${position}`, { token: vote.committee });
  if (answer.status !== 200) throw new Error(`quorum record: ${answer.status} ${answer.text}`);
  return answer.body;
}

/** How many times each value occurs. */
export function tally<T>(values: Iterable<T>): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
