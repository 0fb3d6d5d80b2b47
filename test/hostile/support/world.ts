import { LONG_TOKENS, regulatorToken, sha } from '../../elections/support.js';
import { SMALL_ROSTER } from '../../support/small-community.js';
import type { ElectionsQueries } from '../../../src/elections/queries/elections.queries.js';
import type { DepositToFund } from '../../../src/finance/commands/deposit-to-fund.js';
import type { DraftStatement } from '../../../src/finance/commands/draft-statement.js';
import type { RecordIncome } from '../../../src/finance/commands/record-income.js';
import type { IdentityController } from '../../../src/identity/identity.controller.js';
import type { AppointManagingBody } from '../../../src/registry/commands/appoint-managing-body.js';
import type { RegisterCommunity } from '../../../src/registry/commands/register-community.js';
import type { RegisterOwners } from '../../../src/registry/commands/register-owners.js';
import { ADMIN, type ApiAnswer, type CommandAnswer, TestServer } from '../../support/test-server.js';
import { StoreProbe } from './store-probe.js';

/**
 * The callers of the authorisation matrix: every role, and for the roles held in one community,
 * one holder in community A and one in B (or A only, for the auditor).
 */
export const PRINCIPALS = [
  'anonymous',
  'admin',
  'regulator',
  'regulatorElsewhere',
  'committeeA',
  'committeeB',
  'auditorA',
  'ownerA',
  'ownerB',
] as const;
export type Principal = (typeof PRINCIPALS)[number];

/** One community of the world: its id, who holds its committee role, and its owners' tokens by owner id. */
export interface Community {
  name: 'A' | 'B' | 'fresh';
  cid: string;
  committee: string;
  owners: Record<string, string>;
}

const MINUTE = 60_000;

/** What inviting an account answers. */
export type Invited = Awaited<ReturnType<IdentityController['invite']>>;

/** How far a vote is taken: due means past closesAt, not yet closed. */
type Stage = 'drafted' | 'posted' | 'open' | 'due' | 'closed';

/**
 * Two communities on the small roster (test/support/small-community.ts) under the Civil Code rulebook
 * (no posting period, so a vote can open as soon as it is posted), each with a preparatory group and
 * owner O1 signed in; an auditor for A; a regulator; the administrator. Tokens outlive any clock move.
 */
export class World {
  private counter = 0;
  private statementDays = 0;
  private readonly memos = new Map<string, Promise<unknown>>();

  private constructor(
    readonly server: TestServer,
    readonly store: StoreProbe,
    readonly admin: string,
    readonly regulator: string,
    /** Rule 31: a street office of another district, where none of the world's communities lies. */
    readonly regulatorElsewhere: string,
    readonly auditorA: string,
    readonly A: Community,
    readonly B: Community,
  ) {}

  static async build(label: string, env: Record<string, string> = {}): Promise<World> {
    const server = await TestServer.start(label, { ...LONG_TOKENS, ...env });
    try {
      const admin = await server.signIn(ADMIN.login, ADMIN.secret);
      // Every community of the world lies in 海淀区 (rule 31: the regulator's jurisdiction).
      const regulator = await regulatorToken(server, 'hostile-regulator', { district: '海淀区' });
      const regulatorElsewhere = await regulatorToken(server, 'hostile-regulator-elsewhere', { district: '朝阳区' });
      const a = await communityOnTheSmallRoster(server, admin, 'A', 'preparatory', ['O1', 'O2']);
      const b = await communityOnTheSmallRoster(server, admin, 'B', 'preparatory', ['O1', 'O2']);
      const invited = await server.post<Invited>(
        '/api/v1/accounts/invitations',
        { role: 'auditor', communityId: a.cid, label: 'auditor of A' },
        { token: admin },
      );
      const auditorA = await server.activateAndSignIn(invited.body.activationCode, 'hostile-auditor-a');
      const store = await StoreProbe.open(server.databaseUrl);
      const world = new World(server, store, admin, regulator, regulatorElsewhere, auditorA, a, b);
      await world.caughtUp();
      return world;
    } catch (error) {
      await server.stop();
      throw error;
    }
  }

  token(principal: Principal): string | undefined {
    switch (principal) {
      case 'anonymous':
        return undefined;
      case 'admin':
        return this.admin;
      case 'regulator':
        return this.regulator;
      case 'regulatorElsewhere':
        return this.regulatorElsewhere;
      case 'committeeA':
        return this.A.committee;
      case 'committeeB':
        return this.B.committee;
      case 'auditorA':
        return this.auditorA;
      case 'ownerA':
        return this.A.owners.O1;
      case 'ownerB':
        return this.B.owners.O1;
    }
  }

  /** A name no earlier call answered, the same in every run. */
  unique(prefix: string): string {
    return `${prefix}${++this.counter}`;
  }

  /** Runs `make` once per key; later calls share its answer. */
  memo<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (!this.memos.has(key)) this.memos.set(key, make());
    return this.memos.get(key) as Promise<T>;
  }

  now(): string {
    return this.server.clock.now().toISOString();
  }

  later(ms: number): string {
    return new Date(this.server.clock.now().getTime() + ms).toISOString();
  }

  /** Waits until the read models have applied every event in the store. */
  async caughtUp(): Promise<void> {
    const { head } = await this.store.state();
    if (head === '0') return;
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await this.server.get<unknown>(`/api/v1/communities?after=${head}`);
      if (answer.status === 200) return;
      if (answer.status !== 503) throw new Error(`waiting for the read models: ${answer.status} ${answer.text}`);
    }
    throw new Error(`the read models never reached position ${head}: a projection is stuck`);
  }

  async stop(): Promise<void> {
    await this.store.close();
    await this.server.stop();
  }

  // ---- building blocks that recipes put together ----

  /** A community of its own, for requests that change who holds a role there. */
  fresh(kind: 'preparatory' | 'pmc', activate: string[] = []): Promise<Community> {
    // Rule 17: a PMC is the street office's act.
    return communityOnTheSmallRoster(
      this.server,
      kind === 'pmc' ? this.regulator : this.admin,
      'fresh',
      kind,
      activate,
      this.unique('fresh-'),
    );
  }

  /** The body of a 2xx answer, typed as the request named it; anything else throws. */
  async expect2xx<T>(answer: ApiAnswer<T>, what: string): Promise<T> {
    if (answer.status < 200 || answer.status > 299) throw new Error(`${what}: ${answer.status} ${answer.text}`);
    return answer.body;
  }

  /** A resolution drafted (and as far as `stage`) in community c, timed from the server clock; every paper ballot is FOR. */
  async resolution(
    c: Community,
    stage: Stage,
    motion: { matter?: string; budget?: unknown; removal?: { ownerId: string }; covenant?: unknown } = {},
  ): Promise<string> {
    const body = (opensAt: string, closesAt: string) => ({
      title: '修缮议案',
      description: '',
      matter: motion.matter ?? 'OTHER_MAJOR',
      opensAt,
      closesAt,
      ...(motion.budget ? { budget: motion.budget } : {}),
      ...(motion.removal ? { removal: motion.removal } : {}),
      ...(motion.covenant ? { covenant: motion.covenant } : {}),
    });
    const closed = await this.vote(c, 'resolutions', stage, body, { choice: 'FOR', evidenceSha256: sha('a') });
    if (stage === 'closed' && closed.outcome !== 'PASSED')
      throw new Error(`the resolution did not pass: ${JSON.stringify(closed)}`);
    return closed.id;
  }

  /** An election of three of O2, O4, O5 (candidates C2, C4, C5), as far as `stage`; every paper ballot approves all three. */
  async election(c: Community, stage: Stage): Promise<string> {
    return (
      await this.vote(c, 'elections', stage, electionBody, { selections: ['C2', 'C4', 'C5'], evidenceSha256: sha('b') })
    ).id;
  }

  /** Drafts a vote opening in a minute and closing in an hour, and takes it as far as `stage`: O1, O2, O4 and O5 vote on paper. */
  private async vote(
    c: Community,
    kind: 'resolutions' | 'elections',
    stage: Stage,
    body: (opensAt: string, closesAt: string) => object,
    ballot: object,
  ): Promise<{ id: string; outcome?: string }> {
    const opensAt = this.later(MINUTE);
    const closesAt = this.later(60 * MINUTE);
    const base = `/api/v1/communities/${c.cid}/${kind}`;
    const step = async <T>(what: string, path: string, payload?: unknown) =>
      this.expect2xx(await this.server.post<T>(`${base}${path}`, payload, { token: c.committee }), `${what} (${kind})`);
    // Drafting a resolution or an election answers its id (DraftResolution, DraftElection).
    const { id } = await step<{ id: string }>('draft', '', body(opensAt, closesAt));
    if (stage === 'drafted') return { id };
    await step<unknown>('post', `/${id}/post`);
    if (stage === 'posted') return { id };
    this.server.clock.set(opensAt);
    await step<unknown>('open', `/${id}/open`);
    if (stage === 'open') return { id };
    await step<unknown>(
      'enter paper ballots',
      `/${id}/paper-ballots`,
      ['O1', 'O2', 'O4', 'O5'].map((ownerId) => ({ ownerId, ...ballot })),
    );
    this.server.clock.set(closesAt);
    if (stage === 'due') return { id };
    // Closing answers the tally; a resolution's says whether it passed.
    return { ...(await step<{ outcome?: string }>('close', `/${id}/close`)), id };
  }

  /** A closed election of c and its close event's id, which a filing names (the quorum record it reviewed). */
  async closedElection(c: Community): Promise<{ electionId: string; closeEventId: string }> {
    const electionId = await this.election(c, 'closed');
    await this.caughtUp();
    const detail = await this.server.get<Awaited<ReturnType<ElectionsQueries['detail']>> | undefined>(
      `/api/v1/communities/${c.cid}/elections/${electionId}`,
    );
    if (!detail.body?.closeEventId) throw new Error(`no closeEventId for election ${electionId}: ${detail.text}`);
    return { electionId, closeEventId: detail.body.closeEventId };
  }

  /** The regulator files c's elected committee (O2, O4, O5); O2's account then holds the committee role. */
  async filedCommittee(c: Community): Promise<void> {
    const filing = { ...(await this.closedElection(c)), decision: 'FILED' };
    await this.expect2xx(
      await this.server.post<unknown>(`/api/v1/communities/${c.cid}/committee/filing`, filing, {
        token: this.regulator,
      }),
      'file the committee',
    );
    c.committee = c.owners.O2;
  }

  /** Public revenue booked in c, so that expenses have money to come from. */
  async income(c: Community, amount = '10000.00'): Promise<string> {
    const answer = await this.server.post<CommandAnswer<RecordIncome>>(
      `/api/v1/communities/${c.cid}/public-revenue/income`,
      { amount, source: 'PARKING', description: '停车费', receivedAt: this.now() },
      { token: c.committee },
    );
    return (await this.expect2xx(answer, 'book income')).entryId;
  }

  /** Deposits into every unit of building 1 of c. */
  async deposits(c: Community): Promise<string> {
    const body = ['1-101', '1-102', '1-201'].map((unitId) => ({ unitId, amount: '1000.00', depositedAt: this.now() }));
    return (
      await this.expect2xx(
        await this.server.post<CommandAnswer<DepositToFund>>(
          `/api/v1/communities/${c.cid}/maintenance-fund/deposits`,
          body,
          { token: c.committee },
        ),
        'deposit',
      )
    ).entryId;
  }

  /** A statement of c's public revenue over a day since 2020 that no other call of this world used. */
  async statement(c: Community, stage: 'drafted' | 'published'): Promise<string> {
    const day = Date.UTC(2020, 0, 1) + this.statementDays++ * 24 * 3600_000;
    const body = {
      fund: 'PUBLIC_REVENUE',
      periodStart: new Date(day).toISOString(),
      periodEnd: new Date(day + 24 * 3600_000).toISOString(),
    };
    const sid = (
      await this.expect2xx(
        await this.server.post<CommandAnswer<DraftStatement>>(`/api/v1/communities/${c.cid}/statements`, body, {
          token: c.committee,
        }),
        'draft a statement',
      )
    ).id;
    if (stage === 'published') {
      await this.expect2xx(
        await this.server.post<unknown>(`/api/v1/communities/${c.cid}/statements/${sid}/publish`, undefined, {
          token: c.committee,
        }),
        'publish it',
      );
    }
    return sid;
  }
}

export function electionBody(opensAt: string, closesAt: string) {
  return {
    title: '业主委员会选举',
    seats: 3,
    candidates: [
      { candidateId: 'C2', name: '候选人乙', ownerId: 'O2' },
      { candidateId: 'C4', name: '候选人丁', ownerId: 'O4' },
      { candidateId: 'C5', name: '候选人戊', ownerId: 'O5' },
    ],
    opensAt,
    closesAt,
  };
}

const pmcRole = (n: number) => (n === 0 ? 'CHAIR_RESIDENTS_COMMITTEE' : n <= 4 ? 'OWNER_REPRESENTATIVE' : 'OTHER');

/** A community on SMALL_ROSTER with a preparatory group or a 7-member PMC; its first member and the listed owners signed in. */
async function communityOnTheSmallRoster(
  server: TestServer,
  appointer: string,
  name: Community['name'],
  kind: 'preparatory' | 'pmc',
  activate: string[],
  tag: string = name,
): Promise<Community> {
  const fail = (what: string, answer: { status: number; text: string }) =>
    new Error(`${what} (community ${tag}): ${answer.status} ${answer.text}`);
  const created = await server.post<CommandAnswer<RegisterCommunity>>(
    '/api/v1/communities',
    { name: `小区${tag}`, district: '海淀区', rulebook: 'CN-CIVIL-CODE-2021' },
    { token: appointer },
  );
  if (created.status !== 201) throw fail('register', created);
  const cid = created.body.id;
  const members =
    kind === 'pmc'
      ? Array.from({ length: 7 }, (_, n) => ({
          name: `物管会委员${n + 1}`,
          login: `pmc-${tag}-${n + 1}-${cid.slice(0, 6)}`,
          role: pmcRole(n),
        }))
      : [{ name: '筹备组组长', login: `pg-${tag}-${cid.slice(0, 6)}` }];
  const body = await server.post<CommandAnswer<AppointManagingBody>>(
    `/api/v1/communities/${cid}/managing-body`,
    { kind: kind === 'pmc' ? 'PMC' : 'PREPARATORY_GROUP', members },
    { token: appointer },
  );
  if (body.status !== 201) throw fail('appoint', body);
  const committee = await server.activateAndSignIn(body.body.activationCodes[members[0].login], members[0].login);
  const owners = await server.post<CommandAnswer<RegisterOwners>>(
    `/api/v1/communities/${cid}/owners`,
    SMALL_ROSTER.owners,
    {
      token: committee,
    },
  );
  if (owners.status !== 201) throw fail('owners', owners);
  const units = await server.post<unknown>(`/api/v1/communities/${cid}/units`, SMALL_ROSTER.units, {
    token: committee,
  });
  if (units.status !== 201) throw fail('units', units);
  const tokens: Record<string, string> = {};
  for (const ownerId of activate) {
    tokens[ownerId] = await server.activateAndSignIn(
      owners.body.activationCodes[ownerId],
      `${ownerId.toLowerCase()}-${tag}-${cid.slice(0, 6)}`,
    );
  }
  return { name, cid, committee, owners: tokens };
}
