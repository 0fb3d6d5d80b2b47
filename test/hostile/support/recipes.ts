import { sha } from '../../elections/support.js';
import type { RegisterCommunity } from '../../../src/registry/commands/register-community.js';
import type { AddCompanyStaff } from '../../../src/services/commands/company-staff-steps.js';
import type { FileRequest } from '../../../src/services/commands/request-steps.js';
import type { CommandAnswer } from '../../support/test-server.js';
import { type Community, electionBody, type Invited, type World } from './world.js';

/** A request the server should accept: path parameters, a body (JSON, or CSV text), and who sends it. */
export interface Prepared {
  params: Record<string, string>;
  body?: unknown;
  csv?: string;
  /** Overrides the recipe's `as` (a committee that changed hands, say). */
  token?: string;
}

/** Whose token a recipe's request carries, in the community it is prepared for. */
export type Sender = 'anonymous' | 'admin' | 'regulator' | 'committee' | 'auditor' | 'owner';

export interface Recipe {
  as: Sender;
  /** Brings the world to where this request is valid, in community `where` or in a fresh one, and answers it. */
  prepare(world: World, where: Community): Promise<Prepared>;
  /**
   * For the authorisation matrix, when `prepare` has to use a fresh community (the request would
   * change who holds a role in A or B): a request in `where` that passes validation, so that the
   * answer shows the authorisation decision and, once authorised, a refusal by the domain.
   */
  probe?(world: World, where: Community): Prepared;
  /** Runs after the route has been fuzzed (e.g. moves the clock past the sign-in limiter's window). */
  settle?(world: World): Promise<void>;
}

export function tokenFor(world: World, recipe: Recipe, where: Community, prepared: Prepared): string | undefined {
  if (prepared.token) return prepared.token;
  switch (recipe.as) {
    case 'anonymous':
      return undefined;
    case 'admin':
      return world.admin;
    case 'regulator':
      return world.regulator;
    case 'committee':
      return where.committee;
    case 'auditor':
      return world.auditorA;
    case 'owner':
      return where.owners.O1;
  }
}

/** The route's path with its parameters filled in (already percent-encoded by the caller when hostile). */
export function fill(route: string, params: Record<string, string>, encode = true): string {
  const path = route.slice(route.indexOf(' ') + 1);
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`${route}: no value for {${name}}`);
    return encode ? encodeURIComponent(params[name]) : params[name];
  });
}

/** Long enough for any wait of the sign-in limiter to end (src/identity/sign-in-attempts.ts: at most an hour). */
const SIGN_IN_WINDOW = 61 * 60_000;
const in_ = (c: Community) => ({ cid: c.cid });

/** Post, open and close of a vote: each on a vote of its own, brought to the step before. */
function steps(
  kind: 'resolutions' | 'elections',
  id: 'rid' | 'eid',
  vote: (world: World, where: Community, stage: 'drafted' | 'posted' | 'due') => Promise<string>,
): Record<string, Recipe> {
  const route = (step: string) => `POST /api/v1/communities/{cid}/${kind}/{${id}}/${step}`;
  return {
    [route('post')]: {
      as: 'committee',
      prepare: async (world, where) => ({ params: { ...in_(where), [id]: await vote(world, where, 'drafted') } }),
    },
    [route('open')]: {
      as: 'committee',
      prepare: async (world, where) => {
        const params = { ...in_(where), [id]: await vote(world, where, 'posted') };
        world.server.clock.advance(60_000);
        return { params };
      },
    },
    [route('close')]: {
      as: 'committee',
      prepare: async (world, where) => ({ params: { ...in_(where), [id]: await vote(world, where, 'due') } }),
    },
  };
}

/** An account that nobody has signed in to, so that failed sign-ins lock out nobody else. */
async function freshAccount(world: World, where: Community) {
  const invited = await world.server.post<Invited>(
    '/api/v1/accounts/invitations',
    { role: 'auditor', communityId: where.cid },
    { token: world.admin },
  );
  const login = world.unique('hostile-login-');
  const activated = await world.server.post<unknown>('/api/v1/auth/activate', {
    activationCode: invited.body.activationCode,
    login,
    secret: 'hostile-secret-0001',
  });
  await world.expect2xx(activated, 'activate');
  return { login, secret: 'hostile-secret-0001' };
}

/**
 * A valid request for every write route of the API, keyed as `METHOD /path` exactly as the server's
 * OpenAPI document names it. The fuzz suite fails when the document lists a write route that has no
 * recipe here.
 */
/** Rules 34–37: a request filed by O1 in c and taken as far as `upTo` at the committee's desk. */
export async function serviceRequest(
  world: World,
  c: Community,
  upTo: 'FILED' | 'DISPATCHED' | 'IN_HAND' | 'RESOLVED' = 'FILED',
): Promise<string> {
  const base = `/api/v1/communities/${c.cid}/requests`;
  const filed = await world.expect2xx(
    await world.server.post<CommandAnswer<FileRequest>>(
      base,
      { category: 'REPAIR', urgency: 'ORDINARY', place: { kind: 'COMMON_AREA', ref: '北门' }, text: '门禁损坏' },
      { token: c.owners.O1 },
    ),
    'file a request',
  );
  const steps: [string, unknown][] = [
    ['dispatch', { handler: 'PROPERTY_COMPANY' }],
    ['accept', undefined],
    ['resolve', { whatWasDone: '已修好' }],
  ];
  const n = { FILED: 0, DISPATCHED: 1, IN_HAND: 2, RESOLVED: 3 }[upTo];
  for (const [path, body] of steps.slice(0, n))
    await world.expect2xx(
      await world.server.post<unknown>(`${base}/${filed.id}/${path}`, body, { token: c.committee }),
      `${path} the request`,
    );
  return filed.id;
}

let services = 0;

/** A company and a one-month contract of its own year (contracts of a community never overlap). */
async function serviceContract(world: World, c: Community, withContract = true) {
  const n = ++services;
  const companyId = `co-${n}`;
  await world.expect2xx(
    await world.server.post<unknown>(
      `/api/v1/communities/${c.cid}/property-companies`,
      { companyId, name: `物业公司${n}`, creditCode: '91110108MA01ABCD2X' },
      { token: c.committee },
    ),
    'register a company',
  );
  const year = 1900 + n;
  const body = {
    contractId: `k-${n}`,
    companyId,
    startsAt: `${year}-01-01T00:00:00+08:00`,
    endsAt: `${year}-02-01T00:00:00+08:00`,
    periodFee: '1000.00',
    periods: [{ periodId: 'P', startsAt: `${year}-01-01T00:00:00+08:00`, endsAt: `${year}-02-01T00:00:00+08:00` }],
    items: [{ itemId: 'cleaning', name: '保洁', standard: '每日两次' }],
    formula: { weights: { survey: 40, onTime: 30, satisfaction: 30 }, bands: [{ below: 90, withholdPercent: 10 }] },
  };
  if (withContract)
    await world.expect2xx(
      await world.server.post<unknown>(`/api/v1/communities/${c.cid}/service-contracts`, body, { token: c.committee }),
      'sign a contract',
    );
  return body;
}

/** A contract whose period is assessed on a closed SURVEY, so that its fee may be released. */
async function assessedContract(world: World, c: Community, assess: boolean) {
  const contract = await serviceContract(world, c);
  const resolutionId = await world.resolution(c, 'closed', { matter: 'SURVEY' });
  const body = { periodId: 'P', surveys: [{ itemId: 'cleaning', resolutionId }] };
  if (assess)
    await world.expect2xx(
      await world.server.post<unknown>(
        `/api/v1/communities/${c.cid}/service-contracts/${contract.contractId}/assessments`,
        body,
        { token: c.committee },
      ),
      'assess the period',
    );
  return { kid: contract.contractId, body };
}

const requestStep = (upTo: 'FILED' | 'DISPATCHED' | 'IN_HAND' | 'RESOLVED', as: Sender, body?: unknown): Recipe => ({
  as,
  prepare: async (world, where) => ({
    params: { ...in_(where), rqid: await serviceRequest(world, where, upTo) },
    body,
  }),
});

export const RECIPES: Record<string, Recipe> = {
  'POST /api/v1/communities/{cid}/requests': {
    as: 'owner',
    prepare: async (_world, where) => ({
      params: in_(where),
      body: { category: 'NOISE', urgency: 'ORDINARY', place: { kind: 'UNIT', ref: '1-101' }, text: '楼上装修噪音' },
    }),
  },
  'POST /api/v1/communities/{cid}/requests/{rqid}/dispatch': requestStep('FILED', 'committee', {
    handler: 'PROPERTY_COMPANY',
  }),
  'POST /api/v1/communities/{cid}/requests/{rqid}/accept': requestStep('DISPATCHED', 'committee'),
  'POST /api/v1/communities/{cid}/requests/{rqid}/resolve': requestStep('IN_HAND', 'committee', {
    whatWasDone: '已修好',
  }),
  'POST /api/v1/communities/{cid}/requests/{rqid}/rate': requestStep('RESOLVED', 'owner', { rating: 'SATISFIED' }),
  'POST /api/v1/communities/{cid}/requests/{rqid}/reopen': requestStep('RESOLVED', 'owner', { reason: '又坏了' }),
  'POST /api/v1/communities/{cid}/property-companies': {
    as: 'committee',
    prepare: async (_world, where) => ({
      params: in_(where),
      body: { companyId: `co-x${++services}`, name: '物业公司', creditCode: '91110108MA01ABCD2X' },
    }),
  },
  'POST /api/v1/communities/{cid}/property-company/staff': {
    as: 'committee',
    prepare: async (world, where) => {
      await serviceContract(world, where, false);
      return { params: in_(where), body: { name: '王师傅', login: `wuye-${services}` } };
    },
  },
  'POST /api/v1/communities/{cid}/property-company/staff/{staffId}/removal': {
    as: 'committee',
    prepare: async (world, where) => {
      await serviceContract(world, where, false);
      const added = await world.expect2xx(
        await world.server.post<CommandAnswer<AddCompanyStaff>>(
          `/api/v1/communities/${where.cid}/property-company/staff`,
          { name: '李师傅', login: `wuye-${services}` },
          { token: where.committee },
        ),
        'name a staff member',
      );
      return { params: { ...in_(where), staffId: added.staffId } };
    },
  },
  'POST /api/v1/communities/{cid}/service-contracts': {
    as: 'committee',
    prepare: async (world, where) => ({ params: in_(where), body: await serviceContract(world, where, false) }),
  },
  'POST /api/v1/communities/{cid}/service-contracts/{kid}/assessments': {
    as: 'committee',
    prepare: async (world, where) => {
      const { kid, body } = await assessedContract(world, where, false);
      return { params: { ...in_(where), kid }, body };
    },
  },
  'POST /api/v1/communities/{cid}/service-contracts/{kid}/fee-releases': {
    as: 'committee',
    prepare: async (world, where) => {
      const { kid } = await assessedContract(world, where, true);
      return { params: { ...in_(where), kid }, body: { periodId: 'P' } };
    },
  },
  'POST /api/v1/communities/{cid}/party-organisation': {
    as: 'regulator',
    prepare: async (_world, where) => ({ params: in_(where), body: { present: true } }),
  },
  'POST /api/v1/auth/token': {
    as: 'anonymous',
    prepare: async (world, where) => ({ params: {}, body: await freshAccount(world, where) }),
    // Refused sign-ins from this address count against it (100, then waits that double).
    settle: async (world) => world.server.clock.advance(SIGN_IN_WINDOW),
  },
  'POST /api/v1/auth/activate': {
    as: 'anonymous',
    prepare: async (world, where) => {
      const invited = await world.server.post<Invited>(
        '/api/v1/accounts/invitations',
        { role: 'auditor', communityId: where.cid },
        { token: world.admin },
      );
      return {
        params: {},
        body: {
          activationCode: invited.body.activationCode,
          login: world.unique('hostile-activated-'),
          secret: 'hostile-secret-0002',
        },
      };
    },
    // Refused activations count like refused sign-ins.
    settle: async (world) => world.server.clock.advance(SIGN_IN_WINDOW),
  },
  'POST /api/v1/accounts/invitations': {
    as: 'admin',
    prepare: async (_world, where) => ({
      params: {},
      body: { role: 'auditor', communityId: where.cid, label: '审计事务所' },
    }),
  },
  'POST /api/v1/communities': {
    as: 'admin',
    prepare: async () => ({
      params: {},
      body: { name: '敌意测试小区', district: '海淀区', street: '学院路街道', rulebook: 'CN-CIVIL-CODE-2021' },
    }),
  },
  'POST /api/v1/communities/{cid}/managing-body': {
    as: 'admin',
    prepare: async (world) => {
      const created = await world.server.post<CommandAnswer<RegisterCommunity>>(
        '/api/v1/communities',
        { name: '待组建小区', district: '海淀区', rulebook: 'CN-CIVIL-CODE-2021' },
        { token: world.admin },
      );
      return {
        params: { cid: created.body.id },
        body: { kind: 'PREPARATORY_GROUP', members: [{ name: '筹备组成员', login: world.unique('hostile-member-') }] },
      };
    },
    // The same member twice: authorised, then refused by the domain (DUPLICATE_MEMBER).
    probe: (world, where) => {
      const member = { name: '组员', login: world.unique('hostile-probe-') };
      return { params: in_(where), body: { kind: 'PREPARATORY_GROUP', members: [member, member] } };
    },
  },
  'POST /api/v1/communities/{cid}/owners': {
    as: 'committee',
    prepare: async (world, where) => ({
      params: in_(where),
      body: [{ ownerId: world.unique('H'), name: '新业主', kind: 'PERSON' }],
    }),
  },
  'POST /api/v1/communities/{cid}/units': {
    as: 'committee',
    prepare: async (world, where) => ({
      params: in_(where),
      body: [{ unitId: world.unique('9-'), building: '9', areaM2: '66.60', ownerIds: ['O4'] }],
    }),
  },
  'POST /api/v1/communities/{cid}/owners:import': {
    as: 'committee',
    prepare: async (world, where) => ({
      params: in_(where),
      csv: `ownerId,name,kind\r\n${world.unique('H')},新业主,PERSON\r\n`,
    }),
  },
  'POST /api/v1/communities/{cid}/units:import': {
    as: 'committee',
    prepare: async (world, where) => ({
      params: in_(where),
      csv: `unitId,building,areaM2,ownerIds,representativeId\r\n${world.unique('8-')},8,55.50,O4;O5,O4\r\n`,
    }),
  },
  'POST /api/v1/communities/{cid}/units/{uid}/transfer': {
    as: 'committee',
    prepare: async (world, where) => {
      const uid = world.unique('7-');
      await world.expect2xx(
        await world.server.post<unknown>(
          `/api/v1/communities/${where.cid}/units`,
          [{ unitId: uid, building: '7', areaM2: '70.00', ownerIds: ['O4'] }],
          { token: where.committee },
        ),
        'register a unit to transfer',
      );
      return { params: { ...in_(where), uid }, body: { ownerIds: ['O5'], effectiveAt: world.now() } };
    },
  },
  'POST /api/v1/communities/{cid}/resolutions': {
    as: 'committee',
    prepare: async (world, where) => ({
      params: in_(where),
      body: {
        title: '更换围栏',
        description: '以公共收益支付',
        matter: 'OTHER_MAJOR',
        opensAt: world.later(86_400_000),
        closesAt: world.later(8 * 86_400_000),
      },
    }),
  },
  ...steps('resolutions', 'rid', (world, where, stage) => world.resolution(where, stage)),
  'POST /api/v1/communities/{cid}/resolutions/{rid}/ballots': {
    as: 'owner',
    prepare: async (world, where) => ({
      params: { ...in_(where), rid: await world.resolution(where, 'open') },
      body: { choice: 'FOR' },
    }),
  },
  'POST /api/v1/communities/{cid}/resolutions/{rid}/paper-ballots': {
    as: 'committee',
    prepare: async (world, where) => ({
      params: { ...in_(where), rid: await world.resolution(where, 'open') },
      body: [{ ownerId: 'O5', choice: 'AGAINST', evidenceSha256: sha('c') }],
    }),
  },
  'POST /api/v1/communities/{cid}/resolutions/{rid}/proxies': {
    as: 'owner',
    prepare: async (world, where) => ({
      params: { ...in_(where), rid: await world.resolution(where, 'open') },
      body: { proxyOwnerId: 'O2', evidenceSha256: sha('d') },
    }),
  },
  'POST /api/v1/communities/{cid}/public-revenue/income': {
    as: 'committee',
    prepare: async (world, where) => ({
      params: in_(where),
      body: { amount: '1200.50', source: 'ADVERTISING', description: '电梯广告', receivedAt: world.now() },
    }),
  },
  'POST /api/v1/communities/{cid}/public-revenue/expenses': {
    as: 'committee',
    prepare: async (world, where) => {
      const resolutionId = await world.memo(`spend-${where.cid}`, async () => {
        await world.income(where);
        return world.resolution(where, 'closed', {
          matter: 'SPEND_PUBLIC_REVENUE',
          budget: { amount: '5000.00', fund: 'PUBLIC_REVENUE' },
        });
      });
      return {
        params: in_(where),
        body: { amount: '10.00', payee: '围栏公司', purpose: '第一期款', resolutionId, paidAt: world.now() },
      };
    },
  },
  'POST /api/v1/communities/{cid}/public-revenue/covenant-delegation': {
    as: 'committee',
    prepare: async (world, where) => ({
      params: in_(where),
      body: {
        resolutionId: await world.resolution(where, 'closed', {
          matter: 'MANAGEMENT_COVENANT',
          covenant: { perItemCap: '500.00', yearlyCap: '5000.00' },
        }),
      },
    }),
  },
  'POST /api/v1/communities/{cid}/public-revenue/entries/{eid}/reversal': {
    as: 'committee',
    prepare: async (world, where) => ({
      params: { ...in_(where), eid: await world.income(where, '3.00') },
      body: { reason: '重复录入' },
    }),
  },
  'POST /api/v1/communities/{cid}/maintenance-fund/deposits': {
    as: 'committee',
    prepare: async (world, where) => ({
      params: in_(where),
      body: [{ unitId: '2-101', amount: '8937.00', depositedAt: world.now() }],
    }),
  },
  'POST /api/v1/communities/{cid}/maintenance-fund/deposits:import': {
    as: 'committee',
    prepare: async (world, where) => ({
      params: in_(where),
      csv: `unitId,amount,depositedAt\r\n2-102,120.00,${world.now()}\r\n`,
    }),
  },
  'POST /api/v1/communities/{cid}/maintenance-fund/withdrawals': {
    as: 'committee',
    prepare: async (world, where) => {
      await world.memo(`deposits-${where.cid}`, () => world.deposits(where));
      return {
        params: in_(where),
        body: {
          amount: '1.00',
          payee: '电梯公司',
          purpose: '电梯困人抢修',
          emergency: { reason: '电梯停在两层之间', evidenceSha256: sha('e') },
          buildings: ['1'],
          paidAt: world.now(),
        },
      };
    },
  },
  'POST /api/v1/communities/{cid}/maintenance-fund/top-ups': {
    as: 'committee',
    // A fund below 30% of what was deposited (rule 22) takes the whole fund of a community: a fresh one.
    prepare: async (world) => {
      const fresh = await world.fresh('preparatory');
      await world.income(fresh, '100.00');
      const deposit = [{ unitId: '2-101', amount: '100.00', depositedAt: world.now() }];
      await world.expect2xx(
        await world.server.post<unknown>(`/api/v1/communities/${fresh.cid}/maintenance-fund/deposits`, deposit, {
          token: fresh.committee,
        }),
        'deposit',
      );
      const withdrawal = {
        amount: '80.00',
        payee: '抢修队',
        purpose: '抢修',
        emergency: { reason: '水管爆裂', evidenceSha256: sha('9') },
        units: ['2-101'],
        paidAt: world.now(),
      };
      await world.expect2xx(
        await world.server.post<unknown>(`/api/v1/communities/${fresh.cid}/maintenance-fund/withdrawals`, withdrawal, {
          token: fresh.committee,
        }),
        'withdraw',
      );
      return { params: in_(fresh), body: { amount: '5.00', transferredAt: world.now() }, token: fresh.committee };
    },
    probe: (world, where) => ({ params: in_(where), body: { amount: '1.00', transferredAt: world.now() } }),
  },
  'POST /api/v1/communities/{cid}/maintenance-fund/entries/{eid}/reversal': {
    as: 'committee',
    prepare: async (world, where) => ({
      params: { ...in_(where), eid: await world.deposits(where) },
      body: { reason: '金额录错' },
    }),
  },
  'POST /api/v1/communities/{cid}/statements': {
    as: 'committee',
    prepare: async (world, where) => ({
      params: in_(where),
      body: {
        fund: 'PUBLIC_REVENUE',
        periodStart: '2025-10-01T00:00:00+08:00',
        periodEnd: '2026-01-01T00:00:00+08:00',
      },
    }),
  },
  'POST /api/v1/communities/{cid}/statements/{sid}/publish': {
    as: 'committee',
    prepare: async (world, where) => ({ params: { ...in_(where), sid: await world.statement(where, 'drafted') } }),
  },
  'POST /api/v1/communities/{cid}/statements/{sid}/audit': {
    as: 'auditor',
    prepare: async (world, where) => ({
      params: { ...in_(where), sid: await world.statement(where, 'published') },
      body: { opinion: 'UNQUALIFIED', reportSha256: sha('f') },
    }),
  },
  'POST /api/v1/communities/{cid}/elections': {
    as: 'committee',
    prepare: async (world, where) => {
      return { params: in_(where), body: electionBody(world.later(86_400_000), world.later(8 * 86_400_000)) };
    },
  },
  ...steps('elections', 'eid', (world, where, stage) => world.election(where, stage)),
  'POST /api/v1/communities/{cid}/elections/{eid}/ballots': {
    as: 'owner',
    prepare: async (world, where) => ({
      params: { ...in_(where), eid: await world.election(where, 'open') },
      body: { selections: ['C2', 'C4'] },
    }),
  },
  'POST /api/v1/communities/{cid}/elections/{eid}/paper-ballots': {
    as: 'committee',
    prepare: async (world, where) => ({
      params: { ...in_(where), eid: await world.election(where, 'open') },
      body: [{ ownerId: 'O5', selections: ['C2'], evidenceSha256: sha('0') }],
    }),
  },
  'POST /api/v1/communities/{cid}/committee/filing': {
    as: 'regulator',
    prepare: async (world) => {
      const fresh = await world.fresh('preparatory');
      return { params: in_(fresh), body: { ...(await world.closedElection(fresh)), decision: 'FILED' } };
    },
    probe: (_world, where) => ({
      params: in_(where),
      body: { electionId: 'no-such-election', closeEventId: '00000000-0000-4000-8000-000000000000', decision: 'FILED' },
    }),
  },
  'POST /api/v1/communities/{cid}/committee/resignations': {
    as: 'committee',
    prepare: async (world) => {
      const fresh = await world.fresh('preparatory', ['O2']);
      await world.filedCommittee(fresh);
      // Rule 29: O2, whose account holds the role, resigns themself.
      return { params: in_(fresh), body: { ownerId: 'O2' }, token: fresh.committee };
    },
    // No committee is in office in A or B: authorised, then refused by the domain.
    probe: (_world, where) => ({ params: in_(where), body: { ownerId: 'O5' } }),
  },
  'POST /api/v1/communities/{cid}/committee/removals': {
    as: 'committee',
    prepare: async (world) => {
      const fresh = await world.fresh('preparatory', ['O2']);
      await world.filedCommittee(fresh);
      const resolutionId = await world.resolution(fresh, 'closed', {
        matter: 'ELECT_COMMITTEE',
        removal: { ownerId: 'O4' },
      });
      return { params: in_(fresh), body: { resolutionId }, token: fresh.committee };
    },
    // No such resolution in A or B: authorised, then refused by the domain (404).
    probe: (_world, where) => ({ params: in_(where), body: { resolutionId: 'no-such-resolution' } }),
  },
  'POST /api/v1/communities/{cid}/owners/{ownerId}/letters': {
    as: 'committee',
    // O3 never activated in the world: a new letter for O3 changes nobody's access.
    prepare: async (_world, where) => ({ params: { ...in_(where), ownerId: 'O3' } }),
  },
  'POST /api/v1/communities/{cid}/pmc/dissolution': {
    as: 'regulator',
    prepare: async (world) => ({ params: in_(await world.fresh('pmc')) }),
    // A and B have preparatory groups, no PMC: authorised, then refused by the domain.
    probe: (_world, where) => ({ params: in_(where) }),
  },
};
