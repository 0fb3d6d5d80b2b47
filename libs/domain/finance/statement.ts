import type { Decider } from '../shared/decider.js';
import { conflict, invalid, notFound } from '../shared/domain-error.js';
import type { Fund } from './authorisation.js';
import { sha256Of } from './inputs.js';
import type { StatementContent } from './statement-content.js';
import { AUDIT_OPINIONS, type AuditOpinion, type StatementEvent } from './statement.events.js';

export type StatementCommand =
  | {
      type: 'DraftStatement';
      data: { statementId: string; communityId: string; fund: Fund; content: StatementContent; now: Date };
    }
  | { type: 'PublishStatement'; data: { contentSha256: string; publicSha256: string; now: Date } }
  | { type: 'AuditStatement'; data: { opinion: string; reportSha256: string; auditorId: string; now: Date } };

export type StatementState =
  | { status: 'none' }
  | { status: 'draft'; statementId: string; communityId: string; content: StatementContent }
  | {
      status: 'published';
      statementId: string;
      communityId: string;
      content: StatementContent;
      contentSha256: string;
      audit: { opinion: AuditOpinion } | null;
    };

export const statementDecider: Decider<StatementCommand, StatementEvent, StatementState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'DraftStatement': {
        const d = command.data;
        if (state.status !== 'none') throw conflict('STATEMENT_EXISTS', `statement ${d.statementId} already exists`);
        // A period still running would be sealed with figures that are about to change.
        if (Date.parse(d.content.periodEnd) > d.now.getTime()) {
          throw conflict(
            'PERIOD_NOT_OVER',
            `the period ends ${d.content.periodEnd}, which is later than now; draft the statement once it is over`,
          );
        }
        return [
          {
            type: 'StatementDrafted',
            data: {
              statementId: d.statementId,
              communityId: d.communityId,
              fund: d.fund,
              periodStart: d.content.periodStart,
              periodEnd: d.content.periodEnd,
              content: d.content,
              draftedAt: d.now.toISOString(),
            },
          },
        ];
      }
      case 'PublishStatement': {
        if (state.status === 'none') throw notFound('STATEMENT_NOT_FOUND', 'no statement with this id');
        if (state.status === 'published')
          throw conflict(
            'STATEMENT_ALREADY_PUBLISHED',
            `statement ${state.statementId} is already published and sealed`,
          );
        const { contentSha256, publicSha256, now } = command.data;
        return [{ type: 'StatementPublished', data: { contentSha256, publicSha256, publishedAt: now.toISOString() } }];
      }
      case 'AuditStatement': {
        const d = command.data;
        if (state.status === 'none') throw notFound('STATEMENT_NOT_FOUND', 'no statement with this id');
        if (state.status === 'draft')
          throw conflict(
            'STATEMENT_NOT_PUBLISHED',
            `statement ${state.statementId} is a draft; only a published statement is audited`,
          );
        if (state.audit)
          throw conflict(
            'STATEMENT_ALREADY_AUDITED',
            `statement ${state.statementId} already carries an ${state.audit.opinion} opinion`,
          );
        if (!(AUDIT_OPINIONS as readonly string[]).includes(d.opinion))
          throw invalid('INVALID_OPINION', `opinion must be one of ${AUDIT_OPINIONS.join(', ')}`);
        const reportSha256 = sha256Of(d.reportSha256, 'reportSha256');
        if (!reportSha256) throw invalid('INVALID_SHA256', 'reportSha256 is required');
        return [
          {
            type: 'StatementAudited',
            data: {
              opinion: d.opinion as AuditOpinion,
              reportSha256,
              auditorId: d.auditorId,
              auditedAt: d.now.toISOString(),
            },
          },
        ];
      }
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'StatementDrafted':
        return {
          status: 'draft',
          statementId: event.data.statementId,
          communityId: event.data.communityId,
          content: event.data.content,
        };
      case 'StatementPublished':
        if (state.status !== 'draft') return state;
        return { ...state, status: 'published', contentSha256: event.data.contentSha256, audit: null };
      case 'StatementAudited':
        if (state.status !== 'published') return state;
        return { ...state, audit: { opinion: event.data.opinion } };
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
