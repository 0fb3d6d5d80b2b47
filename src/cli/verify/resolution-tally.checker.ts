import { tallyOfEvents } from '../../../libs/domain/voting/resolution.js';
import type { ResolutionEvent } from '../../../libs/domain/voting/resolution.events.js';
import { canonicalJson } from '../../../libs/ledger-log/canonical-json.js';
import type { BundleEvent } from '../../transparency/export/bundle-format.js';
import type { Findings } from './findings.js';
import type { StreamChecker } from './stream-checkers.js';

const CHECK = 'resolution tallies';

/**
 * DOMAIN.md rule 13: the tally a ResolutionClosed event records must be the one its stream's earlier
 * events give when folded again here (tallyOfEvents). Ballots after the close are the record of late
 * ballots, not part of the tally, so a stream is dropped once its close is checked.
 */
export class ResolutionTallyChecker implements StreamChecker {
  readonly check = CHECK;
  readonly category = 'resolution';
  private readonly open = new Map<string, ResolutionEvent[]>();
  private readonly closed = new Set<string>();

  add(event: BundleEvent, findings: Findings): void {
    if (this.closed.has(event.streamId)) return;
    const before = this.open.get(event.streamId) ?? [];
    if (event.type !== 'ResolutionClosed') {
      before.push(event as unknown as ResolutionEvent);
      this.open.set(event.streamId, before);
      return;
    }
    this.open.delete(event.streamId);
    this.closed.add(event.streamId);
    const ref = { leafIndex: event.leafIndex, streamId: event.streamId, revision: event.revision, eventId: event.eventId };
    const recorded = (event.data as { tally?: unknown } | null)?.tally;
    let derived: unknown;
    try {
      derived = tallyOfEvents(before);
    } catch (error) {
      findings.fail(CHECK, { event: ref, message: `the stream's events cannot be folded into a tally: ${(error as Error).message}` });
      return;
    }
    findings.expect(CHECK, sameJson(derived, recorded), () => ({
      event: ref,
      message: `the close recorded a tally that the ${before.length} events before it do not give: ${differences(recorded, derived)}`,
    }));
  }

  finish(findings: Findings): void {
    if (this.open.size > 0) findings.note(`${this.open.size} resolution(s) not closed yet: no tally to re-derive`);
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

/** The top-level fields that differ, as "field: recorded … re-derived …". */
function differences(recorded: unknown, derived: unknown): string {
  if (typeof recorded !== 'object' || recorded === null || typeof derived !== 'object' || derived === null) {
    return `recorded ${JSON.stringify(recorded)}, re-derived ${JSON.stringify(derived)}`;
  }
  const r = recorded as Record<string, unknown>;
  const d = derived as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(r), ...Object.keys(d)])].filter((k) => !sameJson(r[k], d[k]));
  return keys.map((k) => `${k}: recorded ${JSON.stringify(r[k])}, re-derived ${JSON.stringify(d[k])}`).join('; ');
}
