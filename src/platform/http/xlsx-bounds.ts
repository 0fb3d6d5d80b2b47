import { inflateRawSync } from 'node:zlib';
import { invalid } from '@gongzhi/domain/shared/domain-error.js';
import { ApiError } from './error-response.js';

/**
 * What an uploaded .xlsx may unpack to. A workbook is a zip: 20 MB of upload could otherwise inflate to
 * gigabytes inside exceljs (a zip bomb). A committee's roster of ten thousand units is a few MB unpacked
 * and compresses about 10:1, so these bounds refuse only what no spreadsheet program writes.
 */
export const XLSX_BOUNDS = {
  /** The sum of every entry's unpacked size. */
  unpackedBytes: 100 * 1024 * 1024,
  entries: 10_000,
  /** An entry unpacking to more than `ratioAbove` bytes may be at most `ratio` times its packed size. */
  ratio: 200,
  ratioAbove: 1024 * 1024,
} as const;

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

const malformed = () =>
  invalid('MALFORMED_XLSX', 'the file is not a readable .xlsx workbook; save it from Excel or WPS as .xlsx');
const tooLarge = (why: string) =>
  new ApiError(
    413,
    'XLSX_TOO_LARGE',
    `the workbook ${why}; a spreadsheet unpacks to at most ${XLSX_BOUNDS.unpackedBytes / 1024 / 1024} MB in at most ${XLSX_BOUNDS.entries} parts: split the file`,
  );

interface ZipEntry {
  method: number;
  packed: number;
  unpacked: number;
  localHeader: number;
}

/** The End Of Central Directory record is the last thing in a zip, followed by a comment of up to 64 kB. */
function endOfCentralDirectory(bytes: Buffer): number {
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= earliest; at--)
    if (bytes.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  throw malformed();
}

/** Every entry as the central directory declares it; exceljs (JSZip) trusts the same declarations. */
function centralDirectory(bytes: Buffer): ZipEntry[] {
  const end = endOfCentralDirectory(bytes);
  const count = bytes.readUInt16LE(end + 10);
  const offset = bytes.readUInt32LE(end + 16);
  // ZIP64 marks its fields 0xFFFF / 0xFFFFFFFF: only a workbook of over 4 GB or 65535 parts needs it.
  if (count === 0xffff || offset === 0xffffffff) throw tooLarge('declares ZIP64 sizes');
  if (count > XLSX_BOUNDS.entries) throw tooLarge(`holds ${count} parts`);
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL_FILE_HEADER) throw malformed();
    const entry = {
      method: bytes.readUInt16LE(at + 10),
      packed: bytes.readUInt32LE(at + 20),
      unpacked: bytes.readUInt32LE(at + 24),
      localHeader: bytes.readUInt32LE(at + 42),
    };
    if (entry.packed === 0xffffffff || entry.unpacked === 0xffffffff || entry.localHeader === 0xffffffff)
      throw tooLarge('declares ZIP64 sizes');
    entries.push(entry);
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

/**
 * Unpacks one entry, never past what it declares: JSZip inflates an entry whole before it compares the
 * length with the declaration, so a lying entry would fill memory first. Inflating here with that
 * declaration as the limit stops at the first byte too many.
 */
function unpacksAsDeclared(bytes: Buffer, entry: ZipEntry): boolean {
  const at = entry.localHeader;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_FILE_HEADER) throw malformed();
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  if (start + entry.packed > bytes.length) throw malformed();
  const packed = bytes.subarray(start, start + entry.packed);
  if (entry.method === STORED) return entry.packed === entry.unpacked;
  if (entry.method !== DEFLATED) throw malformed();
  try {
    return inflateRawSync(packed, { maxOutputLength: Math.max(1, entry.unpacked) }).length === entry.unpacked;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return false;
    throw malformed();
  }
}

/**
 * Refuses a workbook before exceljs opens it if it would unpack to more than {@link XLSX_BOUNDS}: by its
 * declared sizes (total, part count, a part's compression ratio), then by what each part really holds.
 */
export function assertXlsxWithinBounds(bytes: Buffer): void {
  const entries = centralDirectory(bytes);
  let total = 0;
  for (const entry of entries) {
    total += entry.unpacked;
    if (total > XLSX_BOUNDS.unpackedBytes) throw tooLarge('unpacks to more than the limit');
    if (entry.unpacked > XLSX_BOUNDS.ratioAbove && entry.unpacked > XLSX_BOUNDS.ratio * entry.packed)
      throw tooLarge(`holds a part compressed more than ${XLSX_BOUNDS.ratio} to 1`);
  }
  for (const entry of entries)
    if (!unpacksAsDeclared(bytes, entry)) throw tooLarge('holds a part larger than it declares');
}
