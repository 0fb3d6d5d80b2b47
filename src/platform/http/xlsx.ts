import ExcelJS from 'exceljs';
import { invalid } from '../../../libs/domain/shared/domain-error.js';
import { neutraliseCell } from './csv.js';

/** The media type a browser or WPS gives a .xlsx file; imports take it where they take text/csv. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const pad = (n: number) => String(n).padStart(2, '0');
/**
 * A spreadsheet's date has no zone: it is the wall clock the committee typed, which in a Chinese
 * community's file is Beijing's. exceljs gives it as that wall clock read as UTC.
 */
const beijingWallClock = (d: Date) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return beijingWallClock(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

/**
 * The first sheet of an uploaded .xlsx as rows of text, the same shape a CSV parses to, so one reader
 * of import files serves both: numbers as written ("132.72"), dates as Beijing times with their offset.
 */
export async function xlsxRows(bytes: unknown): Promise<string[][]> {
  if (!Buffer.isBuffer(bytes) || bytes.length === 0)
    throw invalid('EXPECTED_XLSX', `send the spreadsheet's bytes as Content-Type: ${XLSX_TYPE}`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw invalid('MALFORMED_XLSX', 'the file is not a readable .xlsx workbook; save it from Excel or WPS as .xlsx');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => (cells[column - 1] = cellText(cell.value).trim()));
    rows[number - 1] = Array.from(cells, (c) => c ?? '');
  });
  // Row numbers stay those the sheet shows: an empty row in the middle is kept as one, trailing ones go.
  const table = Array.from(rows, (r) => r ?? []);
  while (table.length && table[table.length - 1].every((c) => c === '')) table.pop();
  return table;
}

/** How a column is written for people: amounts and counts as numbers, times in Beijing, codes as words. */
export interface SheetColumn {
  field: string;
  header: string;
  kind?: 'text' | 'yuan' | 'number' | 'time' | 'area';
  /** Chinese words for the codes a column holds (SPEND_PUBLIC_REVENUE → 公共收益支出). */
  labels?: Readonly<Record<string, string>>;
  width?: number;
}

const BEIJING = 8 * 3600 * 1000;

function sheetValue(value: unknown, column: SheetColumn): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  switch (column.kind) {
    case 'yuan':
    case 'area':
    case 'number': {
      // Amounts are decimal strings of integer fen (or hundredths of m²): exact in a double at these sizes.
      const n = Number(value);
      return Number.isFinite(n) ? n : String(value);
    }
    case 'time': {
      const at = new Date(String(value));
      // A spreadsheet date has no zone: write Beijing's wall clock, which is what the reader expects.
      return Number.isNaN(at.getTime()) ? String(value) : new Date(at.getTime() + BEIJING);
    }
    default: {
      const text = Array.isArray(value) ? value.join('、') : String(value);
      return neutraliseCell(column.labels?.[text] ?? text) as string;
    }
  }
}

const FORMATS: Partial<Record<NonNullable<SheetColumn['kind']>, string>> = {
  yuan: '#,##0.00',
  area: '0.00',
  time: 'yyyy-mm-dd hh:mm',
};

/** A list as a workbook of one sheet, for people: Chinese headers, the first row frozen and filterable. */
export async function toXlsx(sheetName: string, rows: readonly object[], columns: readonly SheetColumn[]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.field,
    width: c.width ?? (c.kind === 'time' ? 18 : 14),
    style: FORMATS[c.kind ?? 'text'] ? { numFmt: FORMATS[c.kind ?? 'text'] } : {},
  }));
  for (const row of rows)
    sheet.addRow(
      Object.fromEntries(columns.map((c) => [c.field, sheetValue((row as Record<string, unknown>)[c.field], c)])),
    );
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Sets the headers of a .xlsx download and gives the bytes to send. */
export async function xlsxDownload(
  response: { setHeader(name: string, value: string): unknown },
  filename: string,
  sheetName: string,
  rows: readonly object[],
  columns: readonly SheetColumn[],
): Promise<Buffer> {
  response.setHeader('Content-Type', XLSX_TYPE);
  response.setHeader('Content-Disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`);
  return toXlsx(sheetName, rows, columns);
}
