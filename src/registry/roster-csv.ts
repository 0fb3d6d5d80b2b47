import { invalid } from '../../libs/domain/shared/domain-error.js';
import { DomainError } from '../../libs/domain/shared/domain-error.js';
import { parseArea } from '../../libs/domain/shared/quantities.js';
import type { UnitInput } from '../../libs/domain/registry/community.js';
import { AREA_SOURCES, type AreaSource } from '../../libs/domain/registry/community.events.js';
import { csvRecords } from '../platform/http/csv.js';
import { ID } from '../platform/http/wire-formats.js';

const HEADER = 'unitId,building,areaM2,ownerIds,representativeId';

/** The roster file of API.md (unitId,building,areaM2,ownerIds,representativeId[,areaSource]). */
export function parseRosterCsv(text: string): UnitInput[] {
  const records = csvRecords(text, {
    header: HEADER,
    required: ['unitId', 'building', 'areaM2', 'ownerIds'],
    emptyCode: 'EMPTY_ROSTER',
    rowsAre: 'units',
  });
  return records.map(({ row, get }) => {
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
  });
}
