import { bearersOf } from '@gongzhi/domain/voting/bearers.js';
import type { ResolutionEvent } from '@gongzhi/domain/voting/resolution.events.js';
import type { BundleEvent } from '../../transparency/export/bundle-format.js';
import { differences, sameJson } from './differences.js';
import { type Findings, refOf } from './findings.js';
import type { StreamChecker } from './stream-checker.js';

type Drafted = Extract<ResolutionEvent, { type: 'ResolutionDrafted' }>['data'];
type Opened = Extract<ResolutionEvent, { type: 'ResolutionOpened' }>['data'];

/**
 * Rule 25 at the open: a vote whose budget names bearers froze their owners alone. The open must record
 * the draft's bearers, every frozen voter's units must be among the units they came to, and each unit the
 * budget names must be one of them; a vote naming none froze no scope. (Which units a building held is the
 * registry's; the export's resolution streams carry the units the bearers came to when the roster froze.)
 */
export class BearersRosterChecker implements StreamChecker {
  readonly check = 'resolution tallies';
  readonly eventTypes = ['ResolutionDrafted', 'ResolutionOpened'] as const;
  private readonly drafts = new Map<string, Drafted>();
  private scoped = 0;

  add(event: BundleEvent, findings: Findings): void {
    if (event.type === 'ResolutionDrafted') {
      this.drafts.set(event.streamId, event.data as Drafted);
      return;
    }
    const draft = this.drafts.get(event.streamId);
    this.drafts.delete(event.streamId);
    if (!draft) return; // the tally's own fold reports an open without a draft
    const problems = rosterProblems(draft, event.data as Opened);
    if (bearersOf(draft.budget)) this.scoped++;
    findings.expectAll(
      this.check,
      problems.map((message) => ({ event: refOf(event), message })),
    );
  }

  finish(): void {}

  figures(): string[] {
    return this.scoped ? [`votes decided by their bearers alone (rule 25): ${this.scoped}`] : [];
  }
}

function rosterProblems(draft: Drafted, opened: Opened): string[] {
  const voted = bearersOf(draft.budget);
  const frozen = opened?.bearers;
  if (!voted)
    return frozen
      ? [
          "it freezes the roster of named bearers, but the vote's budget names none: the whole community decides it (DOMAIN.md rule 25)",
        ]
      : [];
  if (!frozen)
    return [
      `it freezes the whole community, but the budget names its bearers (units [${voted.units.join(', ')}], buildings [${voted.buildings.join(', ')}]), whose owners alone decide it (DOMAIN.md rule 25)`,
    ];
  const problems: string[] = [];
  const recorded = { units: frozen.units, buildings: frozen.buildings };
  if (!sameJson(recorded, voted))
    problems.push(`it records other bearers than the budget names: ${differences(recorded, voted)}`);
  const scope = new Set(frozen.unitIds ?? []);
  const unnamed = voted.units.filter((u) => !scope.has(u));
  if (unnamed.length)
    problems.push(`units ${unnamed.join(', ')}, which the budget charges, are not among the units its bearers came to`);
  const outsiders = (opened.voters ?? []).filter((v) => v.unitIds.some((u) => !scope.has(u))).map((v) => v.voterId);
  if (outsiders.length)
    problems.push(
      `voters ${outsiders.join(', ')} hold units outside the budget's bearers, yet were frozen as voters (DOMAIN.md rule 25)`,
    );
  return problems;
}
