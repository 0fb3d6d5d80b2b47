import { conflict, invalid, notFound } from '../shared/domain-error.js';
import { timeOf } from '../shared/time.js';
import { itemsSince, prepend, type ListNode, PersistentMap } from '../shared/persistent.js';
import { requiredText } from './inputs.js';
import { applyEntry, noBalances, postEntry, reversalOf, type Balances, type JournalEntry } from './journal.js';
import type { EntryReversedData } from './public-revenue.events.js';

/**
 * A fund's history as statements read it: one line per entry, in the order recorded, dated by when
 * the money moved (not when it was keyed in). `effect` is the signed change to the fund's bank account.
 */
export interface LedgerLine {
  /** 1, 2, 3… in the order the lines were booked: a statement records how far it read (late entries, rule 23). */
  seq: number;
  entryId: string;
  kind: 'INCOME' | 'EXPENSE';
  /** A reversing line carries the kind of what it reverses, with the opposite effect. */
  reverses: string | null;
  date: string;
  effect: bigint;
  source: string | null;
  resolutionId: string | null;
  emergency: boolean;
  payee: string | null;
  purpose: string | null;
  /** Per-unit change (maintenance fund only), signed. */
  units: readonly { unitId: string; fen: bigint }[];
}

export interface RecordedEntry {
  entry: JournalEntry;
  /** Usually one; a batch of deposits has one per unit, each dated when it was paid. */
  lines: readonly LedgerLine[];
  reversedBy: string | null;
  /** Why no reversal may undo it, e.g. one side of a transfer between the two funds. */
  irreversible?: string;
}

export function reversingLine(original: LedgerLine, entryId: string, date: string): LedgerLine {
  return {
    ...original,
    entryId,
    reverses: original.entryId,
    date,
    effect: -original.effect,
    units: original.units.map((u) => ({ unitId: u.unitId, fen: -u.fen })),
  };
}

/** The fields a line of a given kind leaves empty; `seq` is numbered when the line is recorded. */
export const noLine = {
  seq: 0,
  reverses: null,
  source: null,
  resolutionId: null,
  emergency: false,
  payee: null,
  purpose: null,
  units: [],
} as const;

/**
 * Persistent throughout (libs/domain/shared/persistent.ts): a community books entries for decades, and
 * folding its ledger must stay linear in the number of entries.
 */
export interface Ledger {
  balances: Balances;
  entries: PersistentMap<RecordedEntry>;
  /** Newest first; read them with ledgerLines. */
  lines: ListNode<LedgerLine> | null;
  lineCount: number;
}

export const emptyLedger = (): Ledger => ({
  balances: noBalances(),
  entries: PersistentMap.empty(),
  lines: null,
  lineCount: 0,
});

/** Every line booked, oldest first; or those booked after `since` (an earlier state of the same ledger). */
export function ledgerLines(ledger: Ledger, since?: Ledger): LedgerLine[] {
  return itemsSince(ledger.lines, since?.lines ?? null);
}

/** A fund's ledger with one more entry: its postings applied, its lines numbered after those already booked. */
export function recordEntry<L extends Ledger>(ledger: L, recorded: Omit<RecordedEntry, 'reversedBy'>): L {
  const lines = recorded.lines.map((l, i) => ({ ...l, seq: ledger.lineCount + i + 1 }));
  const entries = ledger.entries.set(recorded.entry.entryId, { ...recorded, lines, reversedBy: null });
  return {
    ...ledger,
    balances: applyEntry(ledger.balances, recorded.entry),
    entries,
    lines: prepend(ledger.lines, lines),
    lineCount: ledger.lineCount + lines.length,
  };
}

/** A correction as the committee asks for it; `reversedAt`, when given, is the date it says it is made. */
export interface ReversalRequest {
  entryId: string;
  reverses: string;
  reason: string;
  reversedAt?: Date;
  now: Date;
}

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
const beijingDay = (ms: number) => new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);

/**
 * Rule 26: a reversal carries the date it is made. A correction dated back would move money out of a
 * period whose statement has been read, so a date other than today (Beijing time) is refused.
 */
function reversalDate(d: ReversalRequest): string {
  if (d.reversedAt === undefined) return d.now.toISOString();
  const ms = timeOf(d.reversedAt, 'reversedAt');
  if (ms > d.now.getTime())
    throw invalid(
      'TIME_IN_FUTURE',
      `reversedAt ${d.reversedAt.toISOString()} is later than now (${d.now.toISOString()})`,
    );
  if (beijingDay(ms) !== beijingDay(d.now.getTime())) {
    throw invalid(
      'REVERSAL_BACKDATED',
      `a reversal is dated the day it is made (${beijingDay(d.now.getTime())}, Beijing time), not ${beijingDay(ms)}; leave reversedAt out (DOMAIN.md rule 26)`,
      {
        rule: 26,
      },
    );
  }
  return d.now.toISOString();
}

/**
 * Rule 23's correction: the entry that undoes `reverses`, refused if that entry is unknown, is
 * itself a reversal, was already reversed, or (rule 18) if undoing it would overdraw an account.
 */
export function decideReversal(ledger: Ledger, fund: string, d: ReversalRequest): EntryReversedData {
  const reversedAt = reversalDate(d);
  const original = ledger.entries.get(d.reverses);
  if (!original) throw notFound('ENTRY_NOT_FOUND', `the ${fund} ledger has no entry ${d.reverses}`);
  if (original.lines[0].reverses)
    throw conflict(
      'CANNOT_REVERSE_A_REVERSAL',
      `entry ${d.reverses} is itself a reversal; record the movement again instead`,
    );
  if (original.reversedBy)
    throw conflict('ALREADY_REVERSED', `entry ${d.reverses} was already reversed by ${original.reversedBy}`);
  if (original.irreversible)
    throw conflict('ENTRY_NOT_REVERSIBLE', `entry ${d.reverses} cannot be reversed: ${original.irreversible}`);
  const entry = reversalOf(original.entry, d.entryId);
  postEntry(ledger.balances, entry);
  return {
    entryId: d.entryId,
    reverses: d.reverses,
    reason: requiredText(d.reason, 'reason', 1000),
    reversedAt,
    postings: entry.postings,
  };
}

/** The ledger after a reversal: the reversing lines booked, the original marked; answers the lines too. */
export function recordReversal<L extends Ledger>(
  ledger: L,
  d: EntryReversedData,
): { ledger: L; original: RecordedEntry; lines: LedgerLine[] } {
  const original = ledger.entries.get(d.reverses)!;
  const booked = recordEntry(ledger, {
    entry: { entryId: d.entryId, postings: d.postings },
    lines: original.lines.map((l) => reversingLine(l, d.entryId, d.reversedAt)),
  });
  const next = { ...booked, entries: booked.entries.set(d.reverses, { ...original, reversedBy: d.entryId }) };
  return { ledger: next, original, lines: ledgerLines(next, ledger) };
}
