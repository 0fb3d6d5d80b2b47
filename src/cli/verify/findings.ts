import type { BundleEvent } from '../../transparency/export/bundle-format.js';

/** Which event a failure is about: enough to find it in the database or the bundle. */
export interface EventRef {
  leafIndex: number;
  streamId: string;
  revision: number;
  eventId: string;
}

export interface Failure {
  check: string;
  message: string;
  event?: EventRef;
  /** The checkpoint a failure is about, by its tree size. */
  treeSize?: number;
  /** 1-based line of the bundle. */
  line?: number;
}

export interface CheckRow {
  check: string;
  checked: number;
  failed: number;
}

/**
 * The tally of a verification: per check, how many items were checked and how many failed, and the
 * failures themselves (the first `maxFailures`; a wholly corrupt bundle must not exhaust memory).
 */
export class Findings {
  private readonly rows = new Map<string, CheckRow>();
  readonly failures: Failure[] = [];
  readonly notes: string[] = [];
  omitted = 0;

  constructor(
    checks: readonly string[],
    private readonly maxFailures = 1000,
  ) {
    for (const check of checks) this.row(check);
  }

  /** One item of `check` held. */
  pass(check: string): void {
    this.row(check).checked++;
  }

  /** One item of `check` did not hold. */
  fail(check: string, failure: Omit<Failure, 'check'>): void {
    const row = this.row(check);
    row.checked++;
    row.failed++;
    if (this.failures.length < this.maxFailures) this.failures.push({ check, ...failure });
    else this.omitted++;
  }

  /** pass or fail by `ok`; the failure is built only when needed. */
  expect(check: string, ok: boolean, failure: () => Omit<Failure, 'check'>): boolean {
    if (ok) this.pass(check);
    else this.fail(check, failure());
    return ok;
  }

  /** One item of `check`, which held when `failures` is empty; each failure is kept. */
  expectAll(check: string, failures: Omit<Failure, 'check'>[]): void {
    if (failures.length === 0) return this.pass(check);
    this.fail(check, failures[0]);
    for (const failure of failures.slice(1)) {
      if (this.failures.length < this.maxFailures) this.failures.push({ check, ...failure });
      else this.omitted++;
    }
  }

  /** Many items of `check` at once, `failed` of them bad, told as one failure (e.g. a run of events nothing signs). */
  tally(check: string, held: number, failed: number, failure: Omit<Failure, 'check'> | null): void {
    const row = this.row(check);
    row.checked += held + failed;
    row.failed += failed;
    if (failed === 0 || !failure) return;
    if (this.failures.length < this.maxFailures) this.failures.push({ check, ...failure });
    else this.omitted++;
  }

  note(text: string): void {
    this.notes.push(text);
  }

  table(): CheckRow[] {
    return [...this.rows.values()].map((r) => ({ ...r }));
  }

  private row(check: string): CheckRow {
    let row = this.rows.get(check);
    if (!row) this.rows.set(check, (row = { check, checked: 0, failed: 0 }));
    return row;
  }
}

export const refOf = (e: BundleEvent): EventRef => ({
  leafIndex: e.leafIndex,
  streamId: e.streamId,
  revision: e.revision,
  eventId: e.eventId,
});

export const describeEvent = (e: EventRef) =>
  `${e.streamId} revision ${e.revision}, event ${e.eventId} (leaf ${e.leafIndex})`;
