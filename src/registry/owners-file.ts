import { DomainError, invalid } from '@gongzhi/domain/shared/domain-error.js';
import type { OwnerKind } from '@gongzhi/domain/registry/counting.js';
import type { RowProblem } from '@gongzhi/domain/registry/roster-preview.js';
import type { CsvRecord } from '../platform/http/csv.js';
import { ID } from '../platform/http/wire-formats.js';

const KINDS: readonly OwnerKind[] = ['PERSON', 'DEVELOPER', 'ORGANISATION'];

/** The owners file (ownerId,name,kind), as CSV or .xlsx: the same checks as POST …/owners' JSON. */
export const OWNERS_FILE = {
  header: 'ownerId,name,kind',
  required: ['ownerId', 'name'],
  emptyCode: 'NO_OWNERS',
  rowsAre: 'owners',
} as const;

export interface OwnerRow {
  ownerId: string;
  name: string;
  kind: OwnerKind;
  row: number;
}

function ownerOf({ row, get }: CsvRecord): OwnerRow {
  const ownerId = get('ownerId');
  const place = `row ${row}${ownerId ? ` (owner ${ownerId})` : ''}`;
  if (!ID.test(ownerId))
    throw invalid(
      'INVALID_OWNER_ROW',
      `${place}: ownerId "${ownerId}" must be 1–64 letters, digits or . _ - : / (starting with a letter or digit)`,
      { row, ownerId },
    );
  const name = get('name');
  if (name.length < 1 || name.length > 200)
    throw invalid('INVALID_OWNER_ROW', `${place}: name must be 1–200 characters`, { row, ownerId });
  // A roster without the column lists people: developers and organisations are the few to mark.
  const kind = (get('kind') || 'PERSON').toUpperCase();
  if (!(KINDS as readonly string[]).includes(kind))
    throw invalid('INVALID_OWNER_ROW', `${place}: kind "${get('kind')}" must be one of ${KINDS.join(', ')}`, {
      row,
      ownerId,
    });
  return { ownerId, name, kind: kind as OwnerKind, row };
}

/** The owners of a file; the first bad row refuses them all. */
export const parseOwnerRecords = (records: CsvRecord[]): OwnerRow[] => records.map(ownerOf);

/** The owners of the good rows and the problem of each bad one, for a preview. */
export function readOwnerRecords(records: CsvRecord[]): { owners: OwnerRow[]; problems: RowProblem[] } {
  const owners: OwnerRow[] = [];
  const problems: RowProblem[] = [];
  for (const record of records) {
    try {
      owners.push(ownerOf(record));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push({ row: record.row, code: error.code, message: error.message });
    }
  }
  return { owners, problems };
}
