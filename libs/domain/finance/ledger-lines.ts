import type { JournalEntry } from './journal.js';

/**
 * A fund's history as statements read it: one line per entry, in the order recorded, dated by when
 * the money moved (not when it was keyed in). `effect` is the signed change to the fund's bank account.
 */
export interface LedgerLine {
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

/** The fields a line of a given kind leaves empty. */
export const noLine = { reverses: null, source: null, resolutionId: null, emergency: false, payee: null, purpose: null, units: [] } as const;
