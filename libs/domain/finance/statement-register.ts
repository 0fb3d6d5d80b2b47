import type { Decider } from '../shared/decider.js';
import type { Fund } from './authorisation.js';
import { refuseRepublishing, type PublishedPeriod } from './statement-content.js';

/**
 * Rule 28: one sealed statement per fund and period. Each statement keeps its own stream, so two of them
 * cannot see each other's publication; the fund's register is the one stream where every publication of
 * the fund is decided in order, so of two racing publications of the same or an overlapping period the
 * second is decided against the first and refused (the expected revision makes the race visible).
 */
export type StatementRegisterCommand = {
  type: 'SealPeriod';
  data: { statementId: string; fund: Fund; periodStart: string; periodEnd: string; bookedThrough: number; now: Date };
};

export type StatementRegisterEvent = {
  type: 'StatementPeriodSealed';
  data: {
    statementId: string;
    fund: Fund;
    periodStart: string;
    periodEnd: string;
    bookedThrough: number;
    sealedAt: string;
  };
};

export interface StatementRegisterState {
  sealed: readonly PublishedPeriod[];
}

export const STATEMENT_REGISTER_EVENT_TYPES: readonly StatementRegisterEvent['type'][] = ['StatementPeriodSealed'];

export const statementRegisterStream = (communityId: string, fund: Fund) =>
  `statement-register-${fund === 'PUBLIC_REVENUE' ? 'public-revenue' : 'maintenance-fund'}-${communityId}`;

export const statementRegisterDecider: Decider<
  StatementRegisterCommand,
  StatementRegisterEvent,
  StatementRegisterState
> = {
  initialState: () => ({ sealed: [] }),

  decide(command, state) {
    const d = command.data;
    // The statement's own publication failed after its period was sealed here: a retry completes it.
    if (state.sealed.some((p) => p.statementId === d.statementId)) return [];
    refuseRepublishing(state.sealed, new Date(d.periodStart), new Date(d.periodEnd));
    const { now, ...period } = d;
    return [{ type: 'StatementPeriodSealed', data: { ...period, sealedAt: now.toISOString() } }];
  },

  evolve(state, event) {
    const { statementId, periodStart, periodEnd, bookedThrough } = event.data;
    return { sealed: [...state.sealed, { statementId, periodStart, periodEnd, bookedThrough }] };
  },
};
