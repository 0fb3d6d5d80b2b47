import type { BundleEvent } from '../../transparency/export/bundle-format.js';
import type { Findings } from './findings.js';

/**
 * Re-derives what a kind of stream recorded from its events, with the domain's own deciders: one
 * checker per bounded context, fed the event types the domain lists for it, in log order, one event
 * at a time, so it can drop a stream once its result is checked and a large bundle never sits in
 * memory whole. In a file of its own: each checker implements it and the registry (stream-checkers.ts)
 * lists them, so neither reaches the other through it.
 */
export interface StreamChecker {
  /** The summary row this checker fills, e.g. "resolution tallies". */
  readonly check: string;
  /** The event types it reads: the domain's own lists (RESOLUTION_EVENT_TYPES, …). */
  readonly eventTypes: readonly string[];
  add(event: BundleEvent, findings: Findings): void;
  /** After the last event: report what could not be checked. */
  finish(findings: Findings): void;
  /** What it re-derived, one line each, for the report (a balance, an outcome). */
  figures(): string[];
}
