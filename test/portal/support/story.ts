import { regulatorToken } from '../../elections/support.js';
import type { FileCommittee } from '../../../src/elections/commands/file-committee.js';
import type { ElectionsQueries } from '../../../src/elections/queries/elections.queries.js';
import type { DraftStatement } from '../../../src/finance/commands/draft-statement.js';
import type { AuditStatement } from '../../../src/finance/commands/statement-steps.js';
import type { IdentityController } from '../../../src/identity/identity.controller.js';
import { ADMIN, type CommandAnswer, type TestServer } from '../../support/test-server.js';
import { announceElection, cast, closeAll, draftAndOpen, smallCommunity, write } from './seed.js';

const sha = (c: string) => c.repeat(64);

/**
 * 龙泽苑's first weeks in the portal's tests, all through the real HTTP API (SCENARIOS.md 1, 2, 4):
 * income and fund deposits; a committee election and four votes that pass, fail by the 3/4 rule,
 * fail for too few voters, and allow a roof repair; the fence paid, the roof paid, an elevator
 * emergency paid; a statement published and audited. The clock ends on 2026-03-10, past the
 * committee's 30-day filing deadline, which is left for the test to meet.
 */
export async function longzeyuanStory(server: TestServer) {
  const community = await smallCommunity(server);
  const { communityId: cid, committee, ownerTokens: o } = community;
  const at = `/communities/${cid}`;
  await write<unknown>(
    server,
    `${at}/public-revenue/income`,
    { amount: '800000.00', source: 'PARKING', description: '2025年停车费', receivedAt: '2026-01-05T09:00:00+08:00' },
    committee,
  );
  // 100 yuan per m²: 50,000.00 in all; 30% of it is 15,000.00.
  const deposits = [
    ['1-101', '10000.00'],
    ['1-102', '5000.00'],
    ['1-201', '8000.00'],
    ['2-101', '9000.00'],
    ['2-102', '6000.00'],
    ['2-201', '12000.00'],
  ];
  await write<unknown>(
    server,
    `${at}/maintenance-fund/deposits`,
    deposits.map(([unitId, amount]) => ({ unitId, amount, depositedAt: '2026-01-05T09:00:00+08:00' })),
    committee,
  );

  const election = await announceElection(server, cid, committee, { title: '龙泽苑第一届业主委员会选举' });
  const [fence, gym, gate, roof] = await draftAndOpen(
    server,
    cid,
    committee,
    [
      {
        title: '更换小区围栏',
        description: '用公共收益更换小区外围破损围栏，预算七十万元。',
        matter: 'SPEND_PUBLIC_REVENUE',
        budget: { amount: '700000.00', fund: 'PUBLIC_REVENUE' },
      },
      { title: '改建健身场地', description: '把2号楼北侧绿地改建为健身场地。', matter: 'CHANGE_COMMON_USE' },
      { title: '更换门禁系统', description: '全小区更换人脸识别门禁。', matter: 'OTHER_MAJOR' },
      {
        title: '1号楼屋顶防水',
        description: '1号楼屋顶漏水，用维修资金重做防水。',
        matter: 'USE_MAINTENANCE_FUND',
        budget: { amount: '12000.00', fund: 'MAINTENANCE_FUND', buildings: ['1'] },
      },
    ],
    [election],
  );
  // Fence: 4 of 5 heads, 380 of 500 m² take part; 3 heads and 320 m² agree: PASSED.
  for (const [owner, choice] of [
    ['O1', 'FOR'],
    ['O2', 'FOR'],
    ['O4', 'FOR'],
    ['O5', 'AGAINST'],
  ])
    await cast(server, cid, fence, o[owner], choice);
  // Gym (needs 3/4): 4 heads take part, 2 heads (240 of 380 m²) agree: REJECTED.
  for (const [owner, choice] of [
    ['O1', 'FOR'],
    ['O2', 'AGAINST'],
    ['O4', 'FOR'],
    ['O5', 'AGAINST'],
  ])
    await cast(server, cid, gym, o[owner], choice);
  // Gate: one owner of five takes part: NO_QUORUM.
  await cast(server, cid, gate, o.O1, 'FOR');
  // Roof: building 1's repair is decided by building 1's owners alone (rule 25): O1 and O2 (for O2+O3).
  for (const owner of ['O1', 'O2']) await cast(server, cid, roof, o[owner], 'FOR');
  // Election, 3 seats: C1 approved by all four (380 m²), C3 by three (300 m²), C2 by three (290 m²), C4 by two: not a majority.
  const ballots: [string, string[]][] = [
    ['O1', ['C1', 'C2', 'C3']],
    ['O2', ['C1', 'C2', 'C4']],
    ['O4', ['C1', 'C3', 'C4']],
    ['O5', ['C1', 'C2', 'C3']],
  ];
  for (const [owner, selections] of ballots)
    await write<unknown>(server, `${at}/elections/${election}/ballots`, { selections }, o[owner]);
  await closeAll(server, cid, committee, [fence, gym, gate, roof], [election]);

  server.clock.set('2026-02-06T10:00:00+08:00');
  const paidAt = '2026-02-06T10:00:00+08:00';
  await write<unknown>(
    server,
    `${at}/public-revenue/expenses`,
    { amount: '400000.00', payee: '北京某围栏工程有限公司', purpose: '新围栏第一期款', resolutionId: fence, paidAt },
    committee,
  );
  await write<unknown>(
    server,
    `${at}/maintenance-fund/withdrawals`,
    { amount: '12000.00', payee: '北京某防水工程公司', purpose: '1号楼屋顶防水', resolutionId: roof, paidAt },
    committee,
  );
  // 24,000.00 more leaves 14,000.00: below 30% of 50,000.00, with 1,000.00 due (rule 22).
  await write<unknown>(
    server,
    `${at}/maintenance-fund/withdrawals`,
    {
      amount: '24000.00',
      payee: '电梯维保公司',
      purpose: '2号楼电梯抢修',
      emergency: { reason: '电梯停在两层之间，有人被困', evidenceSha256: sha('e') },
      buildings: ['2'],
      paidAt,
    },
    committee,
  );

  server.clock.set('2026-02-07T10:00:00+08:00');
  const statement = await write<CommandAnswer<DraftStatement>>(
    server,
    `${at}/statements`,
    { fund: 'PUBLIC_REVENUE', periodStart: '2026-01-01T00:00:00+08:00', periodEnd: '2026-02-07T00:00:00+08:00' },
    committee,
  );
  await write<unknown>(server, `${at}/statements/${statement.id}/publish`, undefined, committee, 200);
  const admin = await server.signIn(ADMIN.login, ADMIN.secret);
  const invitation = await write<Awaited<ReturnType<IdentityController['invite']>>>(
    server,
    '/accounts/invitations',
    { role: 'auditor', communityId: cid, statementId: statement.id },
    admin,
  );
  const auditor = await server.activateAndSignIn(invitation.activationCode, `auditor-${cid.slice(0, 6)}`);
  const audited = await write<CommandAnswer<AuditStatement>>(
    server,
    `${at}/statements/${statement.id}/audit`,
    { opinion: 'UNQUALIFIED', reportSha256: sha('c') },
    auditor,
  );

  server.clock.set('2026-03-10T10:00:00+08:00');
  await server.get<unknown>(`/api/v1${at}/committee?after=${audited.position}`);
  const fileCommittee = async () => {
    const { closeEventId } = (
      await server.get<Awaited<ReturnType<ElectionsQueries['detail']>>>(`/api/v1${at}/elections/${election}`)
    ).body;
    const filed = await write<CommandAnswer<FileCommittee>>(
      server,
      `${at}/committee/filing`,
      { electionId: election, closeEventId, decision: 'FILED' },
      await regulatorToken(server, `street-${cid.slice(0, 6)}`),
      200,
    );
    await server.get<unknown>(`/api/v1${at}/committee?after=${filed.position}`);
  };
  return { cid, committee, fence, gym, gate, roof, election, fileCommittee };
}
