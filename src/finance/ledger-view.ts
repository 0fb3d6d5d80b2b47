import type { LedgerQueryDto } from './finance.dto.js';
import type { LedgerFilter } from './queries/finance.queries.js';

/** A ledger read's filter from its query string; the ledgers are public (rule 24), so no access is decided here. */
export function ledgerFilter(query: LedgerQueryDto, all = false): LedgerFilter {
  return {
    from: query.from ? new Date(query.from).toISOString() : undefined,
    to: query.to ? new Date(query.to).toISOString() : undefined,
    source: query.source,
    purpose: query.purpose,
    resolutionId: query.resolutionId,
    kind: query.kind,
    // A CSV download is the whole (filtered) ledger: residents audit it in a spreadsheet.
    limit: all ? 1_000_000 : Number(query.limit ?? 100),
    offset: all ? 0 : Number(query.offset ?? 0),
  };
}

export const LEDGER_CSV_FIELDS = [
  'entryId',
  'occurredAt',
  'kind',
  'category',
  'amount',
  'source',
  'description',
  'payee',
  'purpose',
  'authority',
  'resolutionId',
  'resolutionOutcome',
  'resolutionTitle',
  'resolutionLink',
  'emergency',
  'emergencyReason',
  'evidenceSha256',
  'invoiceSha256',
  'reverses',
  'reversedBy',
  'position',
];

export function ledgerCsvRow(
  e: {
    resolution: { id: string; outcome: string | null; title: string | null; href: string } | null;
    emergency: { reason: string | null } | null;
  } & Record<string, unknown>,
) {
  return {
    ...e,
    resolutionId: e.resolution?.id ?? '',
    resolutionOutcome: e.resolution?.outcome ?? '',
    resolutionTitle: e.resolution?.title ?? '',
    resolutionLink: e.resolution?.href ?? '',
    emergency: e.emergency ? 'EMERGENCY' : '',
    emergencyReason: e.emergency?.reason ?? '',
  };
}
