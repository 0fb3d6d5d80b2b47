import { isISO8601 } from 'class-validator';
import { DomainError, invalid } from '@gongzhi/domain/shared/domain-error.js';
import { parsePositiveYuan } from '@gongzhi/domain/shared/quantities.js';
import { type CsvRecord, csvRecords } from '../platform/http/csv.js';
import { WITH_OFFSET } from '../platform/http/wire-formats.js';

const HEADER = 'unitId,amount,depositedAt';

export interface DepositRow {
  unitId: string;
  amount: bigint;
  depositedAt: Date;
  row: number;
}

/**
 * A bank's or the housing authority's list of what owners paid into the fund (unitId,amount,depositedAt),
 * amounts in yuan as "8937.00" and times with an offset. The first bad row refuses the file, naming
 * the row and the column; the roster and duplicates are checked by the decider, which names the row too.
 */
export function parseDepositsCsv(text: string): DepositRow[] {
  return parseDepositRecords(csvRecords(text, DEPOSITS_FILE));
}

export const DEPOSITS_FILE = {
  header: HEADER,
  required: ['unitId', 'amount', 'depositedAt'],
  emptyCode: 'NO_DEPOSITS',
  rowsAre: 'deposits',
} as const;

/** Records from any source (a CSV, a spreadsheet) as deposits; the first bad row refuses them all. */
export function parseDepositRecords(records: CsvRecord[]): DepositRow[] {
  return records.map(({ row, get }) => {
    const unitId = get('unitId');
    const place = `row ${row}${unitId ? ` (unit ${unitId})` : ''}`;
    if (!unitId) throw invalid('INVALID_DEPOSIT_ROW', `${place}: unitId is empty`, { row, column: 'unitId' });
    let amount: bigint;
    try {
      amount = parsePositiveYuan(get('amount'));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw invalid(error.code, `${place}: amount "${get('amount')}" — ${error.message}`, {
        row,
        unitId,
        column: 'amount',
      });
    }
    const at = get('depositedAt');
    if (!WITH_OFFSET.test(at) || !isISO8601(at, { strict: true })) {
      throw invalid(
        'INVALID_TIME',
        `${place}: depositedAt "${at}" is not an RFC 3339 time with an offset, like 2026-01-10T10:00:00+08:00`,
        { row, unitId, column: 'depositedAt' },
      );
    }
    return { unitId, amount, depositedAt: new Date(at), row };
  });
}
