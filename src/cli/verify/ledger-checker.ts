import {
  authorisedBudget,
  checkBudget,
  checkPaidAfterClose,
  type Fund,
} from '@gongzhi/domain/finance/authorisation.js';
import { balanceOf, postEntry, reversalOf, trialBalance, type Posting } from '@gongzhi/domain/finance/journal.js';
import { ledgerLines, type Ledger, type LedgerLine } from '@gongzhi/domain/finance/ledger-lines.js';
import type { Decider } from '@gongzhi/domain/shared/decider.js';
import { DomainError } from '@gongzhi/domain/shared/domain-error.js';
import { formatYuan } from '@gongzhi/domain/shared/quantities.js';
import type { BundleEvent } from '../../transparency/export/bundle-format.js';
import type { DerivedFacts } from './derived-facts.js';
import { differences, sameJson } from './differences.js';
import { refusal } from './domain-refusal.js';
import { type Findings, refOf } from './findings.js';
import type { StreamChecker } from './stream-checker.js';
import { StreamFolds } from './stream-folds.js';

/** What both funds' states hold (libs/domain/finance): double-entry balances, entries, ledger lines. */
export type LedgerState = Ledger;

interface EntryData {
  entryId?: string;
  postings?: Posting[];
  reverses?: string;
}

const signed = (fen: bigint) => (fen < 0n ? `-${formatYuan(-fen)}` : `+${formatYuan(fen)}`);

/**
 * A fund's ledger (DOMAIN.md rules 18–23) re-added entry by entry with the domain's own fold. For
 * every entry: its postings balance; no account goes below zero; the amounts the entry states move
 * the fund's bank account (and each unit's sub-account) exactly as its postings do, so the balance a
 * statement shows and the balance the books hold are the same number. Each fund adds the figures its
 * events record (running totals, shares, budgets), and a spend is held against the vote as recounted.
 */
export abstract class LedgerChecker<E, S extends LedgerState> implements StreamChecker {
  abstract readonly eventTypes: readonly string[];
  protected readonly folds: StreamFolds<E, S>;
  /** Per stream: the bank balance by the entries' stated amounts (their ledger lines). */
  private readonly byAmounts = new Map<string, bigint>();

  constructor(
    protected readonly derived: DerivedFacts,
    decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>,
    readonly check: string,
    /** The fund's bank account and its name for people. */
    private readonly bank: { account: string; name: string },
    /** The sub-account of a unit, for a fund that keeps them. */
    private readonly unitAccount: ((unitId: string) => string) | null,
  ) {
    this.folds = new StreamFolds(decider, check);
  }

  /** The figures this fund's event records beyond its postings, each wrong one as a sentence. */
  protected abstract recordedFigures(event: BundleEvent, before: S, after: S): string[];

  add(event: BundleEvent, findings: Findings): void {
    const before = this.folds.current(event.streamId);
    if (before === null) return;
    const data = (event.data ?? {}) as EntryData;
    if (data.reverses !== undefined && !before.entries.has(data.reverses)) {
      this.folds.fail(
        event,
        findings,
        `it reverses entry ${data.reverses}, which the ledger does not hold; nothing after it in the stream is re-derived`,
      );
      return;
    }
    const after = this.folds.apply(event, findings);
    if (after === null) return;
    const problems = [
      ...(Array.isArray(data.postings) ? this.entryProblems(event.streamId, data, before, after) : []),
      ...(data.reverses !== undefined ? reversalProblems(data, before) : []),
      ...this.recordedFigures(event, before, after),
    ];
    findings.expectAll(
      this.check,
      problems.map((message) => ({ event: refOf(event), message })),
    );
    this.derived.ledgers.set(event.streamId, after);
  }

  finish(): void {}

  abstract figures(): string[];

  /**
   * A spend under a vote: the vote, as recounted, must have PASSED with a budget from this fund that
   * the spending stays within, be paid no earlier than the vote closed (rule 26), and the event must
   * record that vote's outcome and budget.
   */
  protected authority(
    resolutionId: string,
    fund: Fund,
    fen: bigint,
    alreadySpent: bigint,
    recorded: { budget: string; outcome: string; paidAt: string },
  ): string[] {
    const facts = this.derived.resolutions.get(resolutionId);
    if (!facts)
      return [
        `it names resolution ${resolutionId}, which the bundle's events never close: no recounted vote authorises it`,
      ];
    let budget = 0n;
    const refused = refusal(() => {
      budget = authorisedBudget(facts, fund).fen;
      checkBudget(resolutionId, budget, alreadySpent, fen);
      checkPaidAfterClose(facts, recorded.paidAt);
    }, 'the vote behind it, as recounted, does not authorise it');
    if (refused.length) return refused;
    return [
      ...(recorded.outcome !== facts.outcome
        ? [`it records resolution ${resolutionId} as ${recorded.outcome}, but its ballots recount to ${facts.outcome}`]
        : []),
      ...(recorded.budget !== formatYuan(budget)
        ? [
            `it records the budget of resolution ${resolutionId} as ${recorded.budget} yuan; the resolution's events say ${formatYuan(budget)}`,
          ]
        : []),
    ];
  }

  private entryProblems(streamId: string, data: EntryData, before: S, after: S): string[] {
    const problems: string[] = [];
    const unbalanced = trialBalance(after.balances) - trialBalance(before.balances);
    if (unbalanced !== 0n)
      problems.push(
        `its postings do not balance: debits and credits differ by ${formatYuan(unbalanced < 0n ? -unbalanced : unbalanced)} yuan`,
      );
    try {
      postEntry(before.balances, { entryId: String(data.entryId), postings: data.postings! });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push(error.message);
    }
    const added = ledgerLines(after, before);
    const byAmounts = added.reduce((sum, line) => sum + line.effect, 0n);
    const byPostings = balanceOf(after.balances, this.bank.account) - balanceOf(before.balances, this.bank.account);
    const total = (this.byAmounts.get(streamId) ?? 0n) + byAmounts;
    this.byAmounts.set(streamId, total);
    if (byAmounts !== byPostings) {
      problems.push(
        `the amounts it states move the ${this.bank.name} by ${signed(byAmounts)} yuan, but its postings by ${signed(byPostings)} yuan: ` +
          `the balance no longer adds up (${formatYuan(balanceOf(after.balances, this.bank.account))} yuan by the postings, ${formatYuan(total)} yuan by the amounts)`,
      );
    }
    if (this.unitAccount) problems.push(...this.unitProblems(added, before, after));
    return problems;
  }

  private unitProblems(added: readonly LedgerLine[], before: S, after: S): string[] {
    const stated = new Map<string, bigint>();
    for (const line of added) for (const u of line.units) stated.set(u.unitId, (stated.get(u.unitId) ?? 0n) + u.fen);
    return [...stated].flatMap(([unitId, fen]) => {
      const account = this.unitAccount!(unitId);
      const posted = balanceOf(after.balances, account) - balanceOf(before.balances, account);
      return posted === fen
        ? []
        : [
            `unit ${unitId}'s sub-account moves by ${signed(fen)} yuan by the amounts it states, but by ${signed(posted)} yuan by its postings`,
          ];
    });
  }
}

/** A correction is the reverse of one entry that is itself no correction and was not corrected before. */
function reversalProblems(data: EntryData, before: LedgerState): string[] {
  const original = before.entries.get(data.reverses!)!;
  const problems: string[] = [];
  if (original.reversedBy)
    problems.push(`it reverses entry ${data.reverses}, which entry ${original.reversedBy} reversed already`);
  if (original.lines[0]?.reverses) problems.push(`it reverses entry ${data.reverses}, which is itself a reversal`);
  const expected = reversalOf(original.entry, String(data.entryId)).postings;
  if (!sameJson(data.postings, expected))
    problems.push(
      `its postings are not the reverse of entry ${data.reverses}'s: ${differences(data.postings, expected)}`,
    );
  return problems;
}
