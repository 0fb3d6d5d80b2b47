import ExcelJS from 'exceljs';
import { crc32, deflateRawSync } from 'node:zlib';
import { refusedWritingNothing } from '../elections/support.js';
import { communityWithCommittee, type TestServer, TestServer as Server } from '../support/test-server.js';

/**
 * An uploaded .xlsx is a zip: the server reads its central directory and refuses a workbook that would
 * unpack past the bounds (a zip bomb) before exceljs inflates anything. The zips are written here byte
 * by byte, their parts real deflated data.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MiB = 1024 * 1024;

interface Part {
  name: string;
  content: Buffer;
  /** What the central directory claims the part unpacks to, if not its true length (a lie). */
  declared?: number;
}

/** A minimal valid zip: a local header and deflated data per part, the central directory, its end record. */
function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const packed = deflateRawSync(part.content);
    const unpacked = part.declared ?? part.content.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(part.content), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(unpacked, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(part.content), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(unpacked, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const zeros = (n: number) => Buffer.alloc(n);

describe('an uploaded .xlsx is bounded in what it unpacks to', () => {
  let server: TestServer;
  let cid: string;
  let committee: string;
  const send = (bytes: Buffer) =>
    fetch(`${server.baseUrl}/api/v1/communities/${cid}/owners:import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${committee}`, 'content-type': XLSX },
      body: new Uint8Array(bytes),
    });
  const upload = async (bytes: Buffer) => {
    // A kept-alive connection the server closed as the request went out is reset before any answer: the
    // request never reached the route (a refusal writes nothing either way), so it is sent once more.
    const response = await send(bytes).catch((error: Error) =>
      (error.cause as { code?: string } | undefined)?.code === 'ECONNRESET' ? send(bytes) : Promise.reject(error),
    );
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) as Record<string, any>, headers: response.headers, text };
  };

  beforeAll(async () => {
    server = await Server.start('xlsx-bounds');
    ({ communityId: cid, committee } = await communityWithCommittee(server, '安华里'));
  });
  afterAll(() => server.stop());

  it('refuses a part packed more than 200 to 1 (20 MB of zeros in 20 kB), writing nothing', async () => {
    const bomb = zip([{ name: 'xl/worksheets/sheet1.xml', content: zeros(20 * MiB) }]);
    expect(bomb.length).toBeLessThan(100_000);
    const answer = await refusedWritingNothing(server, () => upload(bomb), 413, 'XLSX_TOO_LARGE');
    expect(answer.body.message).toMatch(/200 to 1/);
  });

  it('refuses parts that together unpack to more than 100 MB, each within the ratio', async () => {
    const parts = Array.from({ length: 101 }, (_, i) => ({ name: `xl/media/part${i}.bin`, content: zeros(MiB) }));
    const answer = await refusedWritingNothing(server, () => upload(zip(parts)), 413, 'XLSX_TOO_LARGE');
    expect(answer.body.message).toMatch(/more than the limit/);
  });

  it('refuses a workbook of more than 10,000 parts', async () => {
    const parts = Array.from({ length: 10_001 }, (_, i) => ({ name: `p${i}`, content: Buffer.from('x') }));
    const answer = await refusedWritingNothing(server, () => upload(zip(parts)), 413, 'XLSX_TOO_LARGE');
    expect(answer.body.message).toMatch(/10001 parts/);
  });

  it('refuses a part that unpacks to more than its central directory declares', async () => {
    const liar = zip([{ name: 'xl/worksheets/sheet1.xml', content: zeros(8 * MiB), declared: 1000 }]);
    const answer = await refusedWritingNothing(server, () => upload(liar), 413, 'XLSX_TOO_LARGE');
    expect(answer.body.message).toMatch(/larger than it declares/);
  });

  it('refuses a zip whose directory points past its end as no workbook', async () => {
    const truncated = zip([{ name: 'xl/workbook.xml', content: Buffer.from('<workbook/>') }]);
    truncated.writeUInt32LE(truncated.length, truncated.length - 6);
    await refusedWritingNothing(server, () => upload(truncated), 400, 'MALFORMED_XLSX');
  });

  it('still takes a workbook saved by a spreadsheet program', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('业主');
    for (const row of [
      ['ownerId', 'name', 'kind'],
      ['B1', '陈静', 'PERSON'],
      ['B2', '刘洋', ''],
    ])
      sheet.addRow(row);
    const before = await server.storedEventCount();
    const answer = await upload(Buffer.from(await book.xlsx.writeBuffer()));
    expect(answer.status).toBe(201);
    expect(await server.storedEventCount()).toBeGreaterThan(before);
  });
});
