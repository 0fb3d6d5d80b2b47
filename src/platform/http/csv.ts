import { Parser } from '@json2csv/plainjs';
import { CsvError, parse } from 'csv-parse/sync';
import { invalid } from '@gongzhi/domain/shared/domain-error.js';

const ROW_ENDS = ['\r\n', '\n', '\r'];

/**
 * RFC 4180 CSV as spreadsheets write it (csv-parse): quoted fields, doubled quotes, CRLF, LF or a lone CR
 * between rows, an optional byte-order mark; a quote inside an unquoted field is kept as written, rows may be
 * short or long (the import names what is missing), blank lines are left out. Returns rows of fields;
 * `rows[0]` is the header.
 */
export function parseCsv(text: string): string[][] {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, record_delimiter: ROW_ENDS, relax_quotes: true, relax_column_count: true });
  } catch (error) {
    // The rows read before the open quote (blank ones too) put it on the next row, as a spreadsheet numbers it.
    if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED')
      throw invalid('MALFORMED_CSV', `row ${Number(error.records) + 1}: a quoted field is never closed`);
    throw invalid('MALFORMED_CSV', `the file is not valid CSV: ${(error as Error).message}`);
  }
  return rows.filter((r) => !(r.length === 1 && r[0].trim() === ''));
}

/** One record of an imported file: its fields by column name, and its row as a spreadsheet numbers it. */
export interface CsvRecord {
  row: number;
  /** The trimmed field, or '' for a column the file lacks or a short row. */
  get(column: string): string;
}

/**
 * An import file (a roster, deposits): the header row names the columns, in any order, and each
 * record carries its row number counted as a spreadsheet shows it (the header is row 1), so
 * "row 17" is where the person looks.
 */
export function csvRecords(text: string, file: ImportFile): CsvRecord[] {
  return importRecords(parseCsv(text), file);
}

/** What an import file must hold: its header (for messages), the columns it needs, what its rows are. */
export interface ImportFile {
  header: string;
  required: readonly string[];
  emptyCode: string;
  rowsAre: string;
}

/** The rows of an import file, however it came (a CSV, a spreadsheet), read by its header row. */
export function importRecords(table: string[][], file: ImportFile): CsvRecord[] {
  const [header, ...rows] = table;
  if (!header) throw invalid(file.emptyCode, `the file is empty; the first row must be the header ${file.header}`);
  const names = header.map((name) => name.trim());
  const repeated = names.find((name, index) => name !== '' && names.indexOf(name) !== index);
  // Which of two same-named columns is meant cannot be known: taking either would silently drop the other.
  if (repeated !== undefined)
    throw invalid(
      'DUPLICATE_COLUMN',
      `the header row names the column "${repeated.slice(0, 80)}" twice; keep one, expected ${file.header}`,
    );
  const column = new Map(names.map((name, index) => [name, index]));
  const missing = file.required.filter((name) => !column.has(name));
  if (missing.length)
    throw invalid('MISSING_COLUMN', `the header row lacks ${missing.join(', ')}; expected ${file.header}`);
  if (rows.length === 0) throw invalid(file.emptyCode, `the file has a header but no ${file.rowsAre}`);
  return rows.map((fields, index) => ({
    row: index + 2,
    get: (name: string) => (column.has(name) ? (fields[column.get(name)!] ?? '').trim() : ''),
  }));
}

/** A plain decimal number, as amounts ("-500.00"), areas and counts are written: a spreadsheet may read it as one. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;
/** What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell that a spreadsheet would run as a formula (`=HYPERLINK(…)` as a payee's name) gets a
 * leading single quote, which shows it as the text it is; numbers, negative ones included, stay numbers.
 */
export function neutraliseCell(value: unknown): unknown {
  return typeof value === 'string' && FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/**
 * The CSV twin of a list (API.md): UTF-8 with a byte-order mark and CRLF line ends, which is what
 * Excel needs to open Chinese text correctly; every cell neutralised against formulas.
 */
export function toCsv(rows: readonly object[], fields: string[]): string {
  const safe = rows.map((row) =>
    Object.fromEntries(fields.map((field) => [field, neutraliseCell((row as Record<string, unknown>)[field])])),
  );
  return new Parser({ fields, withBOM: true, eol: '\r\n' }).parse(safe);
}

/** Sets the headers of a CSV download and gives the body to return from a controller. */
export function csvDownload(
  response: { setHeader(name: string, value: string): unknown },
  filename: string,
  rows: readonly object[],
  fields: string[],
): string {
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  // The name carries ids from the path: anything but plain ASCII would be an invalid (or injected) header.
  response.setHeader('Content-Disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`);
  return toCsv(rows, fields);
}
