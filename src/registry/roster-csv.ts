import { invalid } from '@gongzhi/domain/shared/domain-error.js';
import { DomainError } from '@gongzhi/domain/shared/domain-error.js';
import { parseArea } from '@gongzhi/domain/shared/quantities.js';
import type { UnitInput } from '@gongzhi/domain/registry/community.js';
import { AREA_SOURCES, type AreaSource } from '@gongzhi/domain/registry/community.events.js';
import type { RowProblem } from '@gongzhi/domain/registry/roster-preview.js';
import { type CsvRecord, csvRecords } from '../platform/http/csv.js';
import { ID } from '../platform/http/wire-formats.js';

const HEADER = 'unitId,building,areaM2,ownerIds,representativeId';

/** The roster file of API.md (unitId,building,areaM2,ownerIds,representativeId[,areaSource]). */
export function parseRosterCsv(text: string): UnitInput[] {
  return parseRosterRecords(rosterRecords(text));
}

/** Records from any source (a CSV, a spreadsheet) as units; the first bad row refuses them all. */
export const parseRosterRecords = (records: CsvRecord[]): UnitInput[] => records.map(rosterUnit);

/**
 * The same file read for a preview: the units of the good rows and the problem of each bad one, all of
 * them (a bad header still refuses the file, there being no rows to speak of without it).
 */
export function readRosterCsv(text: string): { units: UnitInput[]; problems: RowProblem[] } {
  return readRosterRecords(rosterRecords(text));
}

/** Records from any source (a CSV, a spreadsheet) read as roster rows, the bad ones kept aside. */
export function readRosterRecords(records: CsvRecord[]): { units: UnitInput[]; problems: RowProblem[] } {
  const units: UnitInput[] = [];
  const problems: RowProblem[] = [];
  for (const record of records) {
    try {
      units.push(rosterUnit(record));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push({
        row: record.row,
        unitId: record.get('unitId') || undefined,
        code: error.code,
        message: error.message,
      });
    }
  }
  return { units, problems };
}

export const ROSTER_FILE = {
  header: HEADER,
  required: ['unitId', 'building', 'areaM2', 'ownerIds'],
  emptyCode: 'EMPTY_ROSTER',
  rowsAre: 'units',
} as const;

const rosterRecords = (text: string) => csvRecords(text, ROSTER_FILE);

function rosterUnit({ row, get }: CsvRecord): UnitInput {
  {
    const unitId = get('unitId');
    if (!unitId) throw invalid('INVALID_ROSTER_ROW', `row ${row}: unitId is empty`, { row });
    if (!get('building'))
      throw invalid('INVALID_ROSTER_ROW', `row ${row} (unit ${unitId}): building is empty`, { row, unitId });
    let area: bigint;
    try {
      area = parseArea(get('areaM2'));
    } catch (error) {
      const reason = error instanceof DomainError ? error.message : String(error);
      throw invalid('INVALID_ROSTER_ROW', `row ${row} (unit ${unitId}): areaM2 "${get('areaM2')}" — ${reason}`, {
        row,
        unitId,
      });
    }
    const ownerIds = get('ownerIds')
      .split(';')
      .map((id) => id.trim())
      .filter(Boolean);
    const representativeId = get('representativeId') || undefined;
    // The same ids and lengths as POST …/units, so that a roster cannot hold via CSV what JSON refuses.
    for (const [field, id] of [
      ['unitId', unitId],
      ...ownerIds.map((o) => ['ownerIds', o]),
      ...(representativeId ? [['representativeId', representativeId]] : []),
    ]) {
      if (!ID.test(id))
        throw invalid(
          'INVALID_ROSTER_ROW',
          `row ${row}: ${field} "${id}" must be 1–64 letters, digits or . _ - : / (starting with a letter or digit)`,
          { row, unitId },
        );
    }
    if (get('building').length > 64)
      throw invalid('INVALID_ROSTER_ROW', `row ${row} (unit ${unitId}): building is longer than 64 characters`, {
        row,
        unitId,
      });
    const source = get('areaSource') || 'REGISTERED';
    if (!(AREA_SOURCES as readonly string[]).includes(source)) {
      throw invalid(
        'INVALID_ROSTER_ROW',
        `row ${row} (unit ${unitId}): areaSource "${source}" must be one of ${AREA_SOURCES.join(', ')}`,
        { row, unitId },
      );
    }
    return {
      unitId,
      building: get('building'),
      area,
      areaSource: source as AreaSource,
      ownerIds,
      representativeId,
      row,
    };
  }
}
