import { invalid } from '../shared/domain-error.js';
import { PersistentMap } from '../shared/persistent.js';
import { formatYuan, parseYuan } from '../shared/quantities.js';
import { overLimit } from './refusals.js';

/**
 * Double-entry bookkeeping over integer fen (DOMAIN.md rule 18). Every movement is an entry whose
 * postings balance (debits = credits), so money is never created or lost between accounts; a balance
 * is only ever a fold of entries, and a correction is a reversing entry, never an edit.
 */

export type Side = 'DEBIT' | 'CREDIT';

/** As stored in events: amounts as "700000.00", so an export reads and re-adds without this code. */
export interface Posting {
  account: string;
  side: Side;
  amount: string;
}

export interface JournalEntry {
  entryId: string;
  postings: Posting[];
}

export interface Line {
  account: string;
  side: Side;
  fen: bigint;
}

/** Balances by account. Persistent: an entry's balances share all but the touched accounts with the last. */
export type Balances = PersistentMap<bigint>;

export const noBalances = (): Balances => PersistentMap.empty<bigint>();

/**
 * Which side increases an account, from its class (the first segment of its name): assets and
 * expenses grow on the debit side; income and the owners' fund sub-accounts on the credit side.
 */
export function normalSide(account: string): Side {
  const kind = account.split(':', 1)[0];
  switch (kind) {
    case 'asset':
    case 'expense':
      return 'DEBIT';
    case 'income':
    case 'fund':
      return 'CREDIT';
    default:
      throw invalid('UNKNOWN_ACCOUNT_CLASS', `account "${account}" has no known class (asset, expense, income, fund)`);
  }
}

/** An entry from lines; refuses an unbalanced one, an empty one, or a line that is not positive. */
export function journalEntry(entryId: string, lines: readonly Line[]): JournalEntry {
  if (lines.length < 2) throw invalid('UNBALANCED_ENTRY', `entry ${entryId} needs at least one debit and one credit`);
  let debits = 0n;
  let credits = 0n;
  for (const line of lines) {
    normalSide(line.account);
    if (line.fen <= 0n)
      throw invalid('INVALID_AMOUNT', `entry ${entryId}: every posting moves more than zero (account ${line.account})`);
    if (line.side === 'DEBIT') debits += line.fen;
    else credits += line.fen;
  }
  if (debits !== credits) {
    throw invalid(
      'UNBALANCED_ENTRY',
      `entry ${entryId} debits ${formatYuan(debits)} but credits ${formatYuan(credits)} yuan`,
    );
  }
  return { entryId, postings: lines.map((l) => ({ account: l.account, side: l.side, amount: formatYuan(l.fen) })) };
}

/** The entry that undoes another: the same postings on the opposite sides. */
export function reversalOf(entry: JournalEntry, entryId: string): JournalEntry {
  return {
    entryId,
    postings: entry.postings.map((p) => ({ ...p, side: p.side === 'DEBIT' ? 'CREDIT' : 'DEBIT' })),
  };
}

export const balanceOf = (balances: ReadonlyMap<string, bigint>, account: string): bigint =>
  balances.get(account) ?? 0n;

/** The balances after an entry, without checks: for evolve, over history that decide already checked. */
export function applyEntry(balances: Balances, entry: JournalEntry): Balances {
  let next = balances;
  for (const p of entry.postings) {
    const fen = parseYuan(p.amount);
    const delta = p.side === normalSide(p.account) ? fen : -fen;
    next = next.set(p.account, balanceOf(next, p.account) + delta);
  }
  return next;
}

/**
 * The balances after an entry, refusing it if any account would fall below zero (rule 18). The
 * refusal names the account and the shortfall, so a person sees by how much.
 */
export function postEntry(balances: Balances, entry: JournalEntry): Balances {
  const next = applyEntry(balances, entry);
  for (const p of entry.postings) {
    const after = balanceOf(next, p.account);
    if (after < 0n) {
      throw overLimit(
        'INSUFFICIENT_FUNDS',
        `account ${p.account} holds ${formatYuan(balanceOf(balances, p.account))} yuan; this would take it below zero`,
        balanceOf(balances, p.account),
        -after,
        {
          account: p.account,
          shortfall: formatYuan(-after),
        },
      );
    }
  }
  return next;
}

/** Debits minus credits over every account: zero for any set of balanced entries. */
export function trialBalance(balances: ReadonlyMap<string, bigint>): bigint {
  let sum = 0n;
  for (const [account, balance] of balances) sum += normalSide(account) === 'DEBIT' ? balance : -balance;
  return sum;
}
