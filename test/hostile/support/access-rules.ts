import type { Principal } from './world.js';

/**
 * Who may call each route: API.md's "who" column, DOMAIN.md rule 24 (disclosure) and DESIGN.md
 * "Security" (a regulator reads, never writes, except the street office's own acts), as data a reader
 * can check line by line. `committee`, `auditor` and `owner` mean a holder of that role in the
 * community the route names; `admin` holds everywhere, `regulator` in its district (rule 31: the world's
 * regulator is of 海淀区, where every community lies; `regulatorElsewhere` of 朝阳区, so refused on every
 * route that names a community, and where a body names the place). `owner-of-the-unit`: an owner
 * of the unit the route names (the matrix asks for unit 1-101, which O1 holds).
 */
export type Who =
  'anyone' | 'signed-in' | readonly ('admin' | 'regulator' | 'committee' | 'auditor' | 'owner' | 'owner-of-the-unit')[];

export interface AccessRule {
  who: Who;
  /** Rule 31: the place is the one the request's body names (a community being registered), not a route's community. */
  placeInBody?: true;
  /** Where the rule comes from, so a reader can check it. */
  because: string;
}

const anyone = (because: string): AccessRule => ({ who: 'anyone', because });
const only = (who: Exclude<Who, 'anyone' | 'signed-in'>, because: string): AccessRule => ({ who, because });
const committee = (because: string) => only(['committee'], because);
const fullRecord = (because: string) =>
  only(['committee', 'regulator'], `${because}; rule 24: the committee and regulators see the full quorum record`);
const PUBLIC =
  'rule 24: the public sees resolutions, outcomes, aggregate tallies, committees, income, expenses, statements and audits';

export const ACCESS: Record<string, AccessRule> = {
  'GET /health/live': anyone('operations: a load balancer asks without credentials'),
  'GET /health/ready': anyone('operations: a load balancer asks without credentials'),

  'POST /api/v1/auth/token': anyone('API.md Identity: anyone'),
  'POST /api/v1/auth/activate': anyone('API.md Identity: anyone holding a code'),
  'GET /api/v1/auth/me': { who: 'signed-in', because: 'README changelog 0.1.0: the token’s own account and grants' },
  'POST /api/v1/accounts/invitations': only(
    ['admin'],
    'README changelog 0.1.0: admin issues codes for administrators, regulators and auditors',
  ),

  'POST /api/v1/communities': {
    ...only(['admin', 'regulator'], 'API.md Communities: admin, regulator; rule 31: a regulator only in its district'),
    placeInBody: true,
  },
  'GET /api/v1/communities': anyone('API.md Communities: public summary'),
  'GET /api/v1/communities/{cid}': anyone('API.md Communities: public summary'),
  'POST /api/v1/communities/{cid}/managing-body': only(
    ['admin', 'regulator'],
    'API.md Communities: admin, regulator (a PMC: the regulator alone, rule 17)',
  ),
  'POST /api/v1/communities/{cid}/owners': committee('API.md Communities: committee'),
  'POST /api/v1/communities/{cid}/owners:import': committee('API.md Communities: committee (desks2: the owners file)'),
  'POST /api/v1/communities/{cid}/units': committee('API.md Communities: committee'),
  'POST /api/v1/communities/{cid}/units:import': committee('API.md Communities: committee'),
  'POST /api/v1/communities/{cid}/units/{uid}/transfer': committee('API.md Communities: committee'),
  'POST /api/v1/communities/{cid}/owners/{ownerId}/letters': only(
    ['committee', 'regulator'],
    'rule 33: a new letter, by the committee or the street office (or the owner themself, not one the matrix asks for: it asks for O3)',
  ),
  'GET /api/v1/communities/{cid}/roster': only(
    ['committee', 'regulator'],
    'API.md Communities: committee, regulator (owners’ names: never the public, rule 24)',
  ),

  'POST /api/v1/communities/{cid}/resolutions': committee('API.md Votes: committee'),
  'POST /api/v1/communities/{cid}/resolutions/{rid}/post': committee('API.md Votes (changelog 0.1.0): committee'),
  'POST /api/v1/communities/{cid}/resolutions/{rid}/open': committee('API.md Votes: committee'),
  'POST /api/v1/communities/{cid}/resolutions/{rid}/close': committee('API.md Votes: committee'),
  'POST /api/v1/communities/{cid}/resolutions/{rid}/ballots': only(['owner'], 'API.md Votes: owner'),
  'POST /api/v1/communities/{cid}/resolutions/{rid}/paper-ballots': committee('API.md Votes: committee, rule 11'),
  'POST /api/v1/communities/{cid}/resolutions/{rid}/proxies': only(['owner'], 'API.md Votes: owner, rule 10'),
  'GET /api/v1/communities/{cid}/resolutions': anyone(`API.md Votes: public; ${PUBLIC}`),
  'GET /api/v1/communities/{cid}/resolutions.csv': anyone(`API.md: every list has a CSV twin; ${PUBLIC}`),
  'GET /api/v1/communities/{cid}/resolutions/{rid}': anyone(`API.md Votes: public; ${PUBLIC}`),
  'GET /api/v1/communities/{cid}/resolutions/{rid}/quorum-record': fullRecord('API.md Votes: committee, regulator'),
  'GET /api/v1/communities/{cid}/resolutions/{rid}/quorum-record.csv': fullRecord('API.md Votes: committee, regulator'),
  'GET /api/v1/communities/{cid}/resolutions/{rid}/participation': only(
    ['owner', 'committee', 'regulator'],
    'API.md Votes: owners of that community; rule 24: owners see which units took part, committee and regulators all of it',
  ),
  'GET /api/v1/communities/{cid}/resolutions/{rid}/participation.csv': only(
    ['owner', 'committee', 'regulator'],
    'as participation',
  ),
  'GET /api/v1/communities/{cid}/resolutions/{rid}/counted/{leafHash}': anyone(
    'API.md Additions: public after close; it answers for a leaf hash the asker holds, never who cast it or how',
  ),
  'GET /api/v1/communities/{cid}/my-ballots': only(
    ['owner'],
    'README changelog 0.1.0: the caller’s own ballots, rule 11',
  ),

  'POST /api/v1/communities/{cid}/elections': committee('API.md Elections: committee'),
  'POST /api/v1/communities/{cid}/elections/{eid}/post': committee('API.md Elections: as for resolutions'),
  'POST /api/v1/communities/{cid}/elections/{eid}/open': committee('API.md Elections: committee'),
  'POST /api/v1/communities/{cid}/elections/{eid}/close': committee('API.md Elections: committee'),
  'POST /api/v1/communities/{cid}/elections/{eid}/ballots': only(['owner'], 'API.md Elections: owner'),
  'POST /api/v1/communities/{cid}/elections/{eid}/paper-ballots': committee(
    'API.md Elections: as for resolutions, rule 11',
  ),
  'GET /api/v1/communities/{cid}/elections': anyone(`API.md Elections: public; ${PUBLIC}`),
  'GET /api/v1/communities/{cid}/elections.csv': anyone('API.md: every list has a CSV twin'),
  'GET /api/v1/communities/{cid}/elections/{eid}': anyone('API.md Elections: public, per-candidate tallies'),
  'GET /api/v1/communities/{cid}/elections/{eid}.csv': anyone('API.md: every list has a CSV twin'),
  'GET /api/v1/communities/{cid}/elections/{eid}/quorum-record': fullRecord('as for resolutions'),
  'GET /api/v1/communities/{cid}/elections/{eid}/quorum-record.csv': fullRecord('as for resolutions'),
  'GET /api/v1/communities/{cid}/elections/{eid}/participation': only(
    ['owner', 'committee', 'regulator'],
    'as for resolutions, rule 24',
  ),
  'GET /api/v1/communities/{cid}/elections/{eid}/participation.csv': only(
    ['owner', 'committee', 'regulator'],
    'as for resolutions, rule 24',
  ),
  'GET /api/v1/communities/{cid}/elections/{eid}/counted/{leafHash}': anyone('API.md Additions: as for resolutions'),
  'GET /api/v1/communities/{cid}/my-election-ballots': only(
    ['owner'],
    'as my-ballots: the caller’s own election ballots, rule 11',
  ),
  'GET /api/v1/communities/{cid}/committee': anyone(`API.md Elections: public; ${PUBLIC}`),
  'GET /api/v1/communities/{cid}/committee.csv': anyone('API.md: every list has a CSV twin'),
  'GET /api/v1/communities/{cid}/committee/history.csv': anyone('API.md Elections: the committee’s history is public'),
  'POST /api/v1/communities/{cid}/committee/filing': only(
    ['regulator'],
    'rule 16: filing is a regulator’s act on the quorum record',
  ),
  'POST /api/v1/communities/{cid}/committee/resignations': committee('rules 14, 29: a member resigns, only themself'),
  'POST /api/v1/communities/{cid}/committee/removals': only(
    ['committee', 'regulator'],
    'rule 29: the owners’ passed removal vote, recorded by the committee or the street office',
  ),
  'POST /api/v1/communities/{cid}/pmc/dissolution': only(['regulator'], 'rule 17: the street office dissolves the PMC'),
  // The administrator sees the same aggregate view (commit f0cd04c, "regulator view for admins"): no personal data in it.
  'GET /api/v1/regulator/communities': only(
    ['regulator', 'admin'],
    'DESIGN.md: regulators watch districts; the administrator too',
  ),
  'GET /api/v1/regulator/communities.csv': only(['regulator', 'admin'], 'as the district view'),

  'POST /api/v1/communities/{cid}/public-revenue/income': committee('API.md Money: committee'),
  'POST /api/v1/communities/{cid}/public-revenue/expenses': committee('API.md Money: committee'),
  'POST /api/v1/communities/{cid}/public-revenue/covenant-delegation': committee(
    'rule 19: the covenant’s delegation, recorded by the committee',
  ),
  'POST /api/v1/communities/{cid}/public-revenue/entries/{eid}/reversal': committee(
    'rule 23: corrections are new entries, by the committee',
  ),
  'GET /api/v1/communities/{cid}/public-revenue': anyone(`API.md Money: public; ${PUBLIC}`),
  'GET /api/v1/communities/{cid}/public-revenue.csv': anyone('API.md: every list has a CSV twin'),
  'POST /api/v1/communities/{cid}/maintenance-fund/deposits': committee('API.md Money: committee'),
  'POST /api/v1/communities/{cid}/maintenance-fund/deposits:import': committee(
    'API.md Money: committee (the same deposits as CSV)',
  ),
  'POST /api/v1/communities/{cid}/maintenance-fund/withdrawals': committee('API.md Money: committee'),
  'POST /api/v1/communities/{cid}/maintenance-fund/top-ups': committee(
    'rule 22: public revenue tops the fund up, by the committee',
  ),
  'POST /api/v1/communities/{cid}/maintenance-fund/entries/{eid}/reversal': committee(
    'rule 23: corrections are new entries, by the committee',
  ),
  'GET /api/v1/communities/{cid}/maintenance-fund': anyone(
    'API.md Money: public (totals); per-unit balances only for committee and regulator, checked apart',
  ),
  'GET /api/v1/communities/{cid}/maintenance-fund.csv': anyone('API.md: every list has a CSV twin'),
  'GET /api/v1/communities/{cid}/maintenance-fund/units/{uid}': only(
    ['owner-of-the-unit', 'committee', 'regulator'],
    'API.md Money: that unit’s owners, committee, regulator; rule 24',
  ),
  'GET /api/v1/communities/{cid}/maintenance-fund/units/{uid}.csv': only(
    ['owner-of-the-unit', 'committee', 'regulator'],
    'as the unit’s balance; rule 24',
  ),
  'POST /api/v1/communities/{cid}/statements': committee('API.md Money: committee'),
  'POST /api/v1/communities/{cid}/statements/{sid}/publish': committee('API.md Money: committee'),
  'POST /api/v1/communities/{cid}/statements/{sid}/audit': only(['auditor'], 'API.md Money: auditor'),
  'GET /api/v1/communities/{cid}/statements': anyone(`API.md Money: public; ${PUBLIC}`),
  'GET /api/v1/communities/{cid}/statements.csv': anyone('API.md: every list has a CSV twin'),
  'GET /api/v1/communities/{cid}/statements/{sid}': anyone(`API.md Money: public; ${PUBLIC}`),
  'GET /api/v1/communities/{cid}/statements/{sid}.csv': anyone('API.md: every list has a CSV twin'),
  'GET /api/v1/communities/{cid}/statements/duties': anyone('rule 23: which statements are owed is public'),
  'GET /api/v1/communities/{cid}/statements/duties.csv': anyone('API.md: every list has a CSV twin'),

  'GET /api/v1/log/public-key': anyone('API.md Transparency: public'),
  'GET /api/v1/communities/{cid}/log/checkpoint': anyone('API.md Transparency: public'),
  'GET /api/v1/communities/{cid}/log/checkpoints': anyone('API.md Transparency: public'),
  'GET /api/v1/communities/{cid}/log/proofs/inclusion': anyone('API.md Transparency: public'),
  'GET /api/v1/communities/{cid}/log/proofs/consistency': anyone('API.md Transparency: public'),
  // API.md names the regulator; the server also lets the administrator, who runs it, take the bundle
  // (test/transparency/tamper.int.spec.ts relies on that). Written here so a reader sees the difference.
  'GET /api/v1/communities/{cid}/export': only(
    ['regulator', 'admin'],
    'API.md Transparency: regulator (and the administrator, see above)',
  ),
  // Rules 34–38 (services): requests, the property service, the street office's 三率.
  'POST /api/v1/communities/{cid}/requests': only(
    ['owner', 'committee', 'regulator'],
    'rule 34: an owner, the committee for a resident, the community office',
  ),
  'GET /api/v1/communities/{cid}/requests': anyone('rule 35: the public sees requests, never who filed'),
  'GET /api/v1/communities/{cid}/requests.csv': anyone('API.md: every list has a CSV twin'),
  'GET /api/v1/communities/{cid}/requests/mine': { who: 'signed-in', because: 'rule 34: the caller’s own requests' },
  'GET /api/v1/communities/{cid}/requests/stats': anyone('rule 35: counts, on-time rate and satisfaction are public'),
  'GET /api/v1/communities/{cid}/requests/overdue': anyone('rule 35: late steps are public'),
  'GET /api/v1/communities/{cid}/requests/{rqid}': anyone('rule 35: the public sees a request, never who filed'),
  'POST /api/v1/communities/{cid}/requests/{rqid}/dispatch': only(
    ['committee', 'regulator'],
    'rule 34: the handlers’ desks',
  ),
  // The property company's staff (role property_company) also accept and resolve what was dispatched to the
  // company; the world holds no such account: test/services/company-desk.int.spec.ts covers it.
  'POST /api/v1/communities/{cid}/requests/{rqid}/accept': only(
    ['committee', 'regulator'],
    'rule 34: the handlers’ desks',
  ),
  'POST /api/v1/communities/{cid}/requests/{rqid}/resolve': only(
    ['committee', 'regulator'],
    'rule 34: the handlers’ desks',
  ),
  'POST /api/v1/communities/{cid}/requests/{rqid}/rate': only(
    ['owner', 'committee', 'regulator'],
    'rule 34: whoever filed it (the domain refuses anyone else with NOT_THE_REQUESTER)',
  ),
  'POST /api/v1/communities/{cid}/requests/{rqid}/reopen': only(
    ['owner', 'committee', 'regulator'],
    'rule 34: whoever filed it (the domain refuses anyone else with NOT_THE_REQUESTER)',
  ),
  'POST /api/v1/communities/{cid}/property-companies': committee('rule 36: the committee contracts for the owners'),
  'POST /api/v1/communities/{cid}/property-company/staff': committee(
    'rule 34: the committee, which contracts for the owners (rule 36), names the serving company’s staff',
  ),
  'GET /api/v1/communities/{cid}/property-company/staff': only(
    ['committee', 'regulator'],
    'rule 34: who holds the company’s desk, for the committee and the street office (staff names are not public)',
  ),
  'GET /api/v1/communities/{cid}/property-company/queue': only(
    ['committee', 'regulator'],
    'rule 34: the company’s queue, with the flat in full, for its staff (no account in this world) and the desks that dispatch',
  ),
  'POST /api/v1/communities/{cid}/property-company/staff/{staffId}/removal': committee(
    'rule 34: the committee that named a staff member removes them',
  ),
  'POST /api/v1/communities/{cid}/service-contracts': committee('rule 36: the committee contracts for the owners'),
  'POST /api/v1/communities/{cid}/service-contracts/{kid}/assessments': committee('rule 37: the committee publishes'),
  'POST /api/v1/communities/{cid}/service-contracts/{kid}/fee-releases': committee('rule 37: the committee pays'),
  'GET /api/v1/communities/{cid}/property-service': anyone('rule 37: contracts and assessments are public'),
  'POST /api/v1/communities/{cid}/party-organisation': only(['regulator'], 'rule 38: as the street office records it'),
  'GET /api/v1/regulator/services': only(['regulator', 'admin'], 'rule 38: the street office’s view'),
  'GET /api/v1/regulator/services.csv': only(['regulator', 'admin'], 'rule 38: the street office’s view'),
  'GET /api/v1/regulator/services.xlsx': only(['regulator', 'admin'], 'rule 38: the street office’s view'),
};

/** The home community of each principal that holds a role in one community. */
const HOME: Partial<Record<Principal, 'A' | 'B'>> = {
  committeeA: 'A',
  committeeB: 'B',
  auditorA: 'A',
  ownerA: 'A',
  ownerB: 'B',
};
const ROLE: Record<Principal, string | null> = {
  anonymous: null,
  admin: 'admin',
  regulator: 'regulator',
  regulatorElsewhere: 'regulator',
  committeeA: 'committee',
  committeeB: 'committee',
  auditorA: 'auditor',
  ownerA: 'owner',
  ownerB: 'owner',
};

/** Whether the rule lets this principal call the route in community `where` (null: the route names no community). */
export function allowed(rule: AccessRule, principal: Principal, where: 'A' | 'B' | null): boolean {
  if (rule.who === 'anyone') return true;
  if (rule.who === 'signed-in') return principal !== 'anonymous';
  const role = ROLE[principal];
  if (principal === 'regulatorElsewhere' && (where !== null || rule.placeInBody)) return false;
  if (role === 'admin' || role === 'regulator') return rule.who.includes(role);
  if (role === null || where === null || HOME[principal] !== where) return false;
  // The unit the matrix names is held by O1, whom ownerA and ownerB stand for in their communities.
  return rule.who.includes(role as never) || (role === 'owner' && rule.who.includes('owner-of-the-unit'));
}
