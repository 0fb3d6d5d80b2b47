import type { SpecBody } from '../support/test-server.js';
import { electionDecider } from '@gongzhi/domain/elections/election.js';
import { electionStream } from '@gongzhi/domain/elections/election.events.js';
import { governanceDecider } from '@gongzhi/domain/elections/governance.js';
import { governanceStream } from '@gongzhi/domain/elections/governance.events.js';
import { resolutionFacts } from '@gongzhi/domain/finance/authorisation.js';
import {
  fundBalance,
  maintenanceFundDecider,
  topUpDue,
  type FundUnit,
} from '@gongzhi/domain/finance/maintenance-fund.js';
import { maintenanceFundStream } from '@gongzhi/domain/finance/maintenance-fund.events.js';
import { publicRevenueDecider } from '@gongzhi/domain/finance/public-revenue.js';
import { publicRevenueStream } from '@gongzhi/domain/finance/public-revenue.events.js';
import { publicCopy, statementOf } from '@gongzhi/domain/finance/statement-content.js';
import { statementRegisterDecider, statementRegisterStream } from '@gongzhi/domain/finance/statement-register.js';
import { statementDecider } from '@gongzhi/domain/finance/statement.js';
import { statementStream } from '@gongzhi/domain/finance/statement.events.js';
import type { Voter } from '@gongzhi/domain/registry/counting.js';
import { resolutionDecider } from '@gongzhi/domain/voting/resolution.js';
import { resolutionStream } from '@gongzhi/domain/voting/resolution.events.js';
import { canonicalSha256 } from '@gongzhi/ledger-log/canonical-sha256.js';
import type { BundleEvent } from '../../src/transparency/export/bundle-format.js';
import { BundleBuilder } from './bundle-builder.js';
import { countedForClose, ELECTION_VOTE, RESOLUTION_VOTE } from '@gongzhi/receipts/counted-ballots.js';
import { ledgerLines } from '@gongzhi/domain/finance/ledger-lines.js';

/** The steps of the history whose recorded data a test may alter before it is logged. */
export type Step =
  | 'fenceBallot'
  | 'fenceClosed'
  | 'fountainClosed'
  | 'electionClosed'
  | 'electionHeld'
  | 'committeeFiled'
  | 'income'
  | 'fenceSpent'
  | 'fountainSpent'
  | 'deposit'
  | 'withdrawal'
  | 'topUp'
  | 'statementDrafted'
  | 'statementPublished';

const at = (iso: string) => new Date(iso);
const SCAN = 'ab'.repeat(32);
const OWNERS = ['O1', 'O2', 'O3', 'O4'];
const UNITS: FundUnit[] = OWNERS.map((ownerId, i) => ({
  unitId: `1-10${i + 1}`,
  building: '1',
  area: BigInt(8000 + 1000 * i),
}));
const VOTERS: Voter[] = OWNERS.map((ownerId, i) => ({
  voterId: ownerId,
  representativeId: ownerId,
  ownerIds: [ownerId],
  unitIds: [UNITS[i].unitId],
  area: UNITS[i].area,
}));
const CANDIDATES = OWNERS.map((ownerId, i) => ({ candidateId: `C${i + 1}`, name: `候选人${i + 1}`, ownerId }));

/**
 * A small community's year, decided by the real deciders as the server's handlers decide it: two
 * spending votes (one passes, one is rejected), a committee elected and filed, public revenue booked
 * and spent under the vote, the maintenance fund deposited and drawn in an emergency, a statement
 * drafted and sealed. `alter` changes what one step recorded, before the log hashes it; `forge`
 * lets a step decide on facts the server should not have believed (a spend under a rejected vote).
 */
export function communityHistory(
  alter: Partial<Record<Step, (data: SpecBody) => void>> = {},
  forge: { spendUnderRejectedVote?: boolean; topUp?: 'as due' | 'claiming the fund lower than it is' } = {},
) {
  const b = new BundleBuilder();
  const cid = b.communityId;
  const steps: Partial<Record<Step, BundleEvent>> = {};
  const keep = (step: Step, events: BundleEvent[]) => ((steps[step] = events[events.length - 1]), events);

  const vote = (rid: string, choice: string, step: Step, ballotStep?: Step) => {
    const stream = resolutionStream(rid);
    b.decide(resolutionDecider, stream, {
      type: 'DraftResolution',
      data: {
        resolutionId: rid,
        communityId: cid,
        title: rid,
        description: rid,
        matter: 'SPEND_PUBLIC_REVENUE',
        rulebook: 'CN-CIVIL-CODE-2021',
        opensAt: at('2026-02-01T00:00:00Z'),
        closesAt: at('2026-02-08T00:00:00Z'),
        budget: { amount: 100_000n, fund: 'PUBLIC_REVENUE' },
        now: at('2026-01-20T00:00:00Z'),
      },
    });
    b.decide(resolutionDecider, stream, { type: 'PostResolution', data: { now: at('2026-01-21T00:00:00Z') } });
    b.decide(resolutionDecider, stream, {
      type: 'OpenResolution',
      data: { voters: VOTERS, rosterHash: SCAN, now: at('2026-02-01T00:00:00Z') },
    });
    for (const ownerId of OWNERS.slice(0, 3)) {
      const ballot = b.decide(
        resolutionDecider,
        stream,
        {
          type: 'CastBallot',
          data: { ownerId, choice, channel: 'ONLINE', castBy: ownerId, now: at('2026-02-02T00:00:00Z') },
        },
        ownerId === 'O1' && ballotStep ? alter[ballotStep] : undefined,
      );
      if (ownerId === 'O1' && ballotStep) keep(ballotStep, ballot);
    }
    keep(
      step,
      b.decide(
        resolutionDecider,
        stream,
        {
          type: 'CloseResolution',
          data: { now: at('2026-02-08T00:00:00Z'), counted: countedForClose(RESOLUTION_VOTE, b.stream(stream)) },
        },
        alter[step],
      ),
    );
    return resolutionFacts(rid, b.state(resolutionDecider, stream));
  };
  const fence = vote('fence', 'FOR', 'fenceClosed', 'fenceBallot');
  const fountain = vote('fountain', 'AGAINST', 'fountainClosed');

  const election = electionStream('e1');
  b.decide(electionDecider, election, {
    type: 'DraftElection',
    data: {
      electionId: 'e1',
      communityId: cid,
      title: '第一届业主委员会',
      seats: 3,
      alternates: 0,
      candidates: CANDIDATES,
      rulebook: 'CN-CIVIL-CODE-2021',
      households: 4,
      ownerIds: new Set(OWNERS),
      opensAt: at('2026-02-01T00:00:00Z'),
      closesAt: at('2026-02-08T00:00:00Z'),
      now: at('2026-01-20T00:00:00Z'),
    },
  });
  b.decide(electionDecider, election, { type: 'PostElection', data: { now: at('2026-01-21T00:00:00Z') } });
  b.decide(electionDecider, election, {
    type: 'OpenElection',
    data: { voters: VOTERS, rosterHash: SCAN, now: at('2026-02-01T00:00:00Z') },
  });
  for (const ownerId of OWNERS) {
    b.decide(electionDecider, election, {
      type: 'CastElectionBallot',
      data: {
        ownerId,
        selections: ownerId === 'O4' ? ['C4'] : ['C1', 'C2', 'C3'],
        channel: 'ONLINE',
        castBy: ownerId,
        now: at('2026-02-02T00:00:00Z'),
      },
    });
  }
  const [closed] = keep(
    'electionClosed',
    b.decide(
      electionDecider,
      election,
      {
        type: 'CloseElection',
        data: { now: at('2026-02-08T00:00:00Z'), counted: countedForClose(ELECTION_VOTE, b.stream(election)) },
      },
      alter.electionClosed,
    ),
  );
  const elected = b.state(electionDecider, election);
  if (elected.status !== 'closed') throw new Error('the election did not close');

  const governance = governanceStream(cid);
  const record = {
    electionId: 'e1',
    title: elected.election.title,
    closedAt: elected.closed.closedAt,
    closeEventId: closed.eventId,
    termYears: elected.election.termYears,
    result: elected.closed.result,
  };
  keep(
    'electionHeld',
    b.decide(governanceDecider, governance, { type: 'RecordElection', data: record }, alter.electionHeld),
  );
  keep(
    'committeeFiled',
    b.decide(
      governanceDecider,
      governance,
      {
        type: 'FileCommittee',
        data: {
          electionId: 'e1',
          closeEventId: closed.eventId,
          decision: 'FILED',
          filedBy: 'street-office',
          households: 4,
          appointed: null,
          now: at('2026-02-10T00:00:00Z'),
        },
      },
      alter.committeeFiled,
    ),
  );

  const revenue = publicRevenueStream(cid);
  const now = at('2026-03-01T00:00:00Z');
  keep(
    'income',
    b.decide(
      publicRevenueDecider,
      revenue,
      {
        type: 'RecordIncome',
        data: {
          entryId: 'income-1',
          amount: 500_000n,
          source: 'PARKING',
          description: '停车费',
          receivedAt: at('2026-02-20T00:00:00Z'),
          now,
        },
      },
      alter.income,
    ),
  );
  keep(
    'fenceSpent',
    b.decide(
      publicRevenueDecider,
      revenue,
      {
        type: 'PayExpense',
        data: {
          entryId: 'fence-1',
          amount: 80_000n,
          payee: '围栏公司',
          purpose: '围栏',
          resolution: fence,
          paidAt: at('2026-02-25T00:00:00Z'),
          now,
        },
      },
      alter.fenceSpent,
    ),
  );
  if (forge.spendUnderRejectedVote) {
    const believed = { ...fountain, outcome: 'PASSED' };
    keep(
      'fountainSpent',
      b.decide(
        publicRevenueDecider,
        revenue,
        {
          type: 'PayExpense',
          data: {
            entryId: 'fountain-1',
            amount: 10_000n,
            payee: '喷泉公司',
            purpose: '喷泉',
            resolution: believed,
            paidAt: at('2026-02-26T00:00:00Z'),
            now,
          },
        },
        alter.fountainSpent,
      ),
    );
  }

  const fund = maintenanceFundStream(cid);
  const deposits = UNITS.map((u) => ({ unitId: u.unitId, amount: 100_000n, depositedAt: at('2026-01-10T00:00:00Z') }));
  keep(
    'deposit',
    b.decide(
      maintenanceFundDecider,
      fund,
      { type: 'DepositToFund', data: { entryId: 'deposit-1', deposits, roster: UNITS, now } },
      alter.deposit,
    ),
  );
  keep(
    'withdrawal',
    b.decide(
      maintenanceFundDecider,
      fund,
      {
        type: 'WithdrawFromFund',
        data: {
          entryId: 'lift-1',
          amount: 300_001n,
          payee: '电梯公司',
          purpose: '电梯抢修',
          resolution: null,
          emergency: { reason: '困人', evidenceSha256: SCAN },
          units: [],
          buildings: ['1'],
          roster: UNITS,
          paidAt: at('2026-02-27T00:00:00Z'),
          now,
        },
      },
      alter.withdrawal,
    ),
  );

  if (forge.topUp) {
    // Rule 22: the emergency left the fund below 30%; public revenue tops it up without a vote.
    const standing = b.state(maintenanceFundDecider, fund);
    const claimed = forge.topUp === 'as due' ? fundBalance(standing) : fundBalance(standing) - 50_000n;
    const amount = topUpDue(claimed, standing.deposited);
    const fundAsBelieved = { balance: claimed, initialTotal: standing.deposited, received: standing.receivedTopUps };
    keep(
      'topUp',
      b.decide(
        publicRevenueDecider,
        revenue,
        {
          type: 'TransferToFund',
          data: { entryId: 'top-up-1', amount, fund: fundAsBelieved, transferredAt: at('2026-02-28T00:00:00Z'), now },
        },
        alter.topUp,
      ),
    );
    const transfer = { entryId: 'top-up-1', amount, transferredAt: '2026-02-28T00:00:00.000Z' };
    b.decide(maintenanceFundDecider, fund, {
      type: 'ReceiveTopUp',
      data: { entryId: 'top-up-1-received', transfer, roster: UNITS, now },
    });
  }

  const statement = statementStream('s1');
  const content = statementOf(
    'PUBLIC_REVENUE',
    ledgerLines(b.state(publicRevenueDecider, revenue)),
    at('2026-02-01T00:00:00Z'),
    at('2026-03-01T00:00:00Z'),
  );
  keep(
    'statementDrafted',
    b.decide(
      statementDecider,
      statement,
      { type: 'DraftStatement', data: { statementId: 's1', communityId: cid, fund: 'PUBLIC_REVENUE', content, now } },
      alter.statementDrafted,
    ),
  );
  const drafted = b.state(statementDecider, statement);
  if (drafted.status === 'none') throw new Error('the statement was not drafted');
  const { fund: sealedFund, periodStart, periodEnd, bookedThrough } = drafted.content;
  b.decide(statementRegisterDecider, statementRegisterStream(cid, sealedFund), {
    type: 'SealPeriod',
    data: { statementId: 's1', fund: sealedFund, periodStart, periodEnd, bookedThrough, now },
  });
  const seals = {
    contentSha256: canonicalSha256(drafted.content),
    publicSha256: canonicalSha256(publicCopy(drafted.content)),
  };
  keep(
    'statementPublished',
    b.decide(
      statementDecider,
      statement,
      { type: 'PublishStatement', data: { ...seals, now } },
      alter.statementPublished,
    ),
  );

  return { builder: b, steps: steps as Record<Step, BundleEvent> };
}
