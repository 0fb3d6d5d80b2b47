import { invalid } from '../../libs/domain/shared/domain-error.js';
import { DomainError } from '../../libs/domain/shared/domain-error.js';
import { parseArea } from '../../libs/domain/shared/quantities.js';
import type { UnitInput } from '../../libs/domain/registry/community.js';
import { AREA_SOURCES, type AreaSource } from '../../libs/domain/registry/community.events.js';
import { parseCsv } from '../platform/http/csv.js';

const REQUIRED = ['unitId', 'building', 'areaM2', 'ownerIds'] as const;

/**
 * The roster file of API.md (unitId,building,areaM2,ownerIds,representativeId). Rows are numbered
 * as a spreadsheet shows them (the header is row 1), so "row 17" is where the person looks.
 */
export function parseRosterCsv(text: string): UnitInput[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw invalid('EMPTY_ROSTER', 'the file is empty; the first row must be the header unitId,building,areaM2,ownerIds,representativeId');
  const column = new Map(header.map((name, index) => [name.trim(), index]));
  const missing = REQUIRED.filter((name) => !column.has(name));
  if (missing.length) throw invalid('MISSING_COLUMN', `the header row lacks ${missing.join(', ')}; expected unitId,building,areaM2,ownerIds,representativeId`);
  if (rows.length === 0) throw invalid('EMPTY_ROSTER', 'the file has a header but no units');
  return rows.map((fields, index) => {
    const row = index + 2;
    const get = (name: string) => (column.has(name) ? (fields[column.get(name)!] ?? '').trim() : '');
    const unitId = get('unitId');
    if (!unitId) throw invalid('INVALID_ROSTER_ROW', `row ${row}: unitId is empty`, { row });
    if (!get('building')) throw invalid('INVALID_ROSTER_ROW', `row ${row} (unit ${unitId}): building is empty`, { row, unitId });
    let area: bigint;
    try {
      area = parseArea(get('areaM2'));
    } catch (error) {
      const reason = error instanceof DomainError ? error.message : String(error);
      throw invalid('INVALID_ROSTER_ROW', `row ${row} (unit ${unitId}): areaM2 "${get('areaM2')}" — ${reason}`, { row, unitId });
    }
    const ownerIds = get('ownerIds').split(';').map((id) => id.trim()).filter(Boolean);
    const representativeId = get('representativeId') || undefined;
    const source = get('areaSource') || 'REGISTERED';
    if (!(AREA_SOURCES as readonly string[]).includes(source)) {
      throw invalid('INVALID_ROSTER_ROW', `row ${row} (unit ${unitId}): areaSource "${source}" must be one of ${AREA_SOURCES.join(', ')}`, { row, unitId });
    }
    return { unitId, building: get('building'), area, areaSource: source as AreaSource, ownerIds, representativeId, row };
  });
}
