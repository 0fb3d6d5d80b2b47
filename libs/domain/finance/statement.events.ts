import type { Fund } from './authorisation.js';
import type { StatementContent } from './statement-content.js';

export const AUDIT_OPINIONS = ['UNQUALIFIED', 'QUALIFIED', 'ADVERSE', 'DISCLAIMER'] as const;
export type AuditOpinion = (typeof AUDIT_OPINIONS)[number];

export type StatementEvent =
  | {
      type: 'StatementDrafted';
      data: {
        statementId: string;
        communityId: string;
        fund: Fund;
        periodStart: string;
        periodEnd: string;
        content: StatementContent;
        draftedAt: string;
      };
    }
  /**
   * The content's SHA-256 goes into the transparency log with this event: the seal (rule 23); and the
   * SHA-256 of its public copy (statement-content.ts publicCopy), which a resident checks (rule 32).
   * Events older than rule 32 carry no publicSha256.
   */
  | { type: 'StatementPublished'; data: { contentSha256: string; publicSha256?: string; publishedAt: string } }
  | {
      type: 'StatementAudited';
      data: { opinion: AuditOpinion; reportSha256: string; auditorId: string; auditedAt: string };
    };

export const STATEMENT_EVENT_TYPES: readonly StatementEvent['type'][] = [
  'StatementDrafted',
  'StatementPublished',
  'StatementAudited',
];

export const statementStream = (statementId: string) => `statement-${statementId}`;
