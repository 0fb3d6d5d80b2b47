import type ExcelJS from 'exceljs';
import { invalid } from '@gongzhi/domain/shared/domain-error.js';
import type { NextFunction, Request, Response } from 'express';
import { parseCsv } from './csv.js';
import { assertXlsxWithinBounds } from './xlsx-bounds.js';

/** The media type a browser or WPS gives a .xlsx file; imports take it where they take text/csv. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * exceljs is loaded on the first spreadsheet, not at start: it is a third of a second of loading that
 * most processes (and every test suite) never use.
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs');
  return new excel.Workbook();
}

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
  assertXlsxWithinBounds(bytes);
  const workbook = await newWorkbook();
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
  /** The Chinese word for a code the column holds (SPEND_PUBLIC_REVENUE → 公共收益支出), if there is one. */
  label?: (code: string) => string | undefined;
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
      // A string cell of a workbook is text, never run as a formula: no quote is needed, unlike in a CSV.
      return column.label?.(text) ?? text;
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
  const workbook = await newWorkbook();
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

/** The Chinese word for a code (SPEND_PUBLIC_REVENUE under "matter"), from the portal's own words. */
export type CodeWords = (prefix: string, code: string) => string | undefined;

/** Column headers for people; a column not named here keeps its machine name. */
const HEADERS: Readonly<Record<string, string>> = {
  id: '编号',
  communityId: '小区编号',
  name: '名称',
  district: '区',
  street: '街道',
  title: '标题',
  matter: '事项',
  status: '状态',
  outcome: '结果',
  opensAt: '投票开始',
  closesAt: '投票截止',
  closedAt: '结束时间',
  seats: '应选人数',
  alternates: '候补人数',
  eligibleHeads: '应参加人数',
  eligibleAreaM2: '应参加面积（m²）',
  participatedHeads: '参加人数',
  participatedAreaM2: '参加面积（m²）',
  forHeads: '同意人数',
  forAreaM2: '同意面积（m²）',
  againstHeads: '反对人数',
  againstAreaM2: '反对面积（m²）',
  abstainHeads: '弃权人数',
  abstainAreaM2: '弃权面积（m²）',
  approvingHeads: '赞成人数',
  approvingAreaM2: '赞成面积（m²）',
  voterId: '投票人',
  ownerId: '业主编号',
  owner: '业主',
  ownerIds: '业主编号',
  representativeId: '代表人',
  unitId: '房屋',
  unitIds: '房屋',
  areaM2: '面积（m²）',
  channel: '投票方式',
  castAt: '投票时间',
  choice: '选择',
  selections: '选择的候选人',
  ranking: '排序',
  proxyOwnerId: '受托业主',
  ballotEventId: '选票事件编号',
  leafHash: '回执哈希',
  participated: '已参加',
  candidateId: '候选人编号',
  rank: '名次',
  elected: '当选',
  seat: '席位',
  passed: '通过',
  entryId: '分录编号',
  occurredAt: '发生时间',
  kind: '类别',
  category: '分类',
  amount: '金额（元）',
  source: '来源',
  description: '说明',
  payee: '收款方',
  purpose: '用途',
  authority: '依据',
  resolutionId: '表决编号',
  resolutionOutcome: '表决结果',
  resolutionTitle: '表决标题',
  resolutionLink: '表决链接',
  emergency: '紧急使用',
  emergencyReason: '紧急原因',
  evidenceSha256: '凭证哈希',
  invoiceSha256: '发票哈希',
  reverses: '冲销的分录',
  reversedBy: '被冲销于',
  position: '日志位置',
  balanceAfter: '余额（元）',
  fund: '资金',
  periodStart: '期间开始',
  periodEnd: '期间结束',
  openingBalance: '期初余额（元）',
  closingBalance: '期末余额（元）',
  income: '收入（元）',
  expenses: '支出（元）',
  corrections: '更正（元）',
  publishedAt: '公布时间',
  contentSha256: '内容哈希',
  opinion: '审计意见',
  reportSha256: '审计报告哈希',
  section: '部分',
  date: '日期',
  correctsStatementId: '更正的报告',
  governingBody: '管理机构',
  termFrom: '任期开始',
  termUntil: '任期届满',
  termEndsAt: '任期届满',
  filingStatus: '备案状态',
  filingDueBy: '备案期限',
  formed: '已组建',
  overdue: '逾期事项',
  byElectionDue: '应补选',
  dueBy: '期限',
  cadence: '周期',
  coveredUntil: '已覆盖至',
  at: '时间',
  type: '事项',
  members: '成员',
  electionId: '选举编号',
  unfilledSeats: '空缺席位',
  supersedes: '取代',
  late: '逾期',
  reason: '原因',
  steppedUp: '递补',
  duty: '职责',
};

/** Which of the portal's word tables names a column's codes, tried in order. */
const CODE_TABLES: Readonly<Record<string, readonly string[]>> = {
  matter: ['matter'],
  status: ['status', 'statementStatus'],
  outcome: ['outcome', 'electionOutcome'],
  resolutionOutcome: ['outcome'],
  kind: ['kind', 'body', 'ownerKind'],
  governingBody: ['body'],
  source: ['source'],
  fund: ['fund'],
  channel: ['channel'],
  choice: ['choice'],
  filingStatus: ['filing'],
  opinion: ['opinion'],
  overdue: ['duty'],
};

const YUAN = new Set([
  'amount',
  'balanceAfter',
  'openingBalance',
  'closingBalance',
  'income',
  'expenses',
  'corrections',
]);
const TIME = /(At|^at|^date|By|Until|From|^periodStart|^periodEnd)$/;
const COUNT = /(Heads|^seats|^alternates|^rank|^seat|^position|^unfilledSeats)$/;

/** How a CSV column of the API reads in a spreadsheet for people. */
function columnFor(field: string, words: CodeWords): SheetColumn {
  const kind: SheetColumn['kind'] = YUAN.has(field)
    ? 'yuan'
    : /AreaM2$|^areaM2$/.test(field)
      ? 'area'
      : COUNT.test(field)
        ? 'number'
        : TIME.test(field)
          ? 'time'
          : 'text';
  const tables = CODE_TABLES[field];
  const label = (code: string) => {
    if (code === 'true') return '是';
    if (code === 'false') return '否';
    if (!tables) return undefined;
    // A cell may list several codes ("FILING_OVERDUE;TERM_EXPIRED").
    const parts = code.split(';').map((c) => tables.map((t) => words(t, c)).find(Boolean) ?? c);
    return parts.join('；');
  };
  return { field, header: HEADERS[field] ?? field, kind, label, width: kind === 'text' ? 16 : undefined };
}

/** A CSV twin's text as the rows of a sheet for people (see columnFor). */
export function csvToSheet(text: string, words: CodeWords): { rows: Record<string, string>[]; columns: SheetColumn[] } {
  const [header = [], ...lines] = parseCsv(text);
  const fields = header.map((f) => f.trim());
  return {
    columns: fields.map((f) => columnFor(f, words)),
    // The CSV neutralised formulas with a leading quote; the sheet writes text cells as text, so it goes.
    rows: lines.map((cells) =>
      Object.fromEntries(fields.map((f, i) => [f, (cells[i] ?? '').replace(/^'(?=[=+\-@\t\r])/, '')])),
    ),
  };
}

/**
 * Every CSV twin of a list gets an .xlsx twin at the same path with `.xlsx`: the request is answered by
 * the CSV route (the same rows, the same access), and the answer is turned into a workbook for people —
 * Chinese headers and words for codes, Beijing times, amounts and counts as numbers. The CSV stays the
 * machines' format, with its English headers.
 */
export function xlsxTwins(prefix: string, words: CodeWords) {
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.path.startsWith(prefix) || !req.path.endsWith('.xlsx'))
      return next();
    req.url = req.url.replace(/\.xlsx(?=\?|$)/, '.csv');
    const send = res.send.bind(res) as (body?: unknown) => Response;
    res.send = ((body?: unknown) => {
      const type = String(res.getHeader('content-type') ?? '');
      if (res.statusCode !== 200 || !type.startsWith('text/csv')) return send(body);
      const disposition = String(res.getHeader('content-disposition') ?? '');
      const { rows, columns } = csvToSheet(Buffer.isBuffer(body) ? body.toString('utf8') : String(body), words);
      const name = /filename="([^"]+)\.csv"/.exec(disposition)?.[1] ?? 'list';
      toXlsx(name, rows, columns).then(
        (bytes) => {
          res.setHeader('Content-Type', XLSX_TYPE);
          res.setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"`);
          res.removeHeader('Content-Length');
          send(bytes);
        },
        (error: unknown) => next(error),
      );
      return res;
    }) as Response['send'];
    return next();
  };
}
